// The echo bot of the official Bot Framework JavaScript SDK (botbuilder), as its samples write it: the yardstick the
// full-turn benchmark measures GmgBot against, through the same local connector. Authentication off (no app id), as
// GmgBot runs in the benchmark. Not shipped.
//
//   (cd src/GmgBot.Benchmarks/echo-bot && npm install && node index.js 3979)
const http = require('node:http');
const { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } = require('botbuilder');

const port = Number(process.argv[2] ?? 3979);
const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
adapter.onTurnError = async (context, error) => {
  console.error(error);
  await context.sendActivity('The bot encountered an error.');
};

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(`Echo: ${context.activity.text}`);
      await next();
    });
  }
}
const bot = new EchoBot();

// A plain Node server (the samples use restify) that parses the body, as restify's bodyParser would.
http.createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/api/messages') {
    res.writeHead(404).end();
    return;
  }
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', async () => {
    req.body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    // restify-like response methods, which CloudAdapter.process uses.
    res.status = (code) => { res.statusCode = code; return res; };
    res.header = (name, value) => res.setHeader(name, value);
    res.send = (body) => { if (body !== undefined) res.write(typeof body === 'string' ? body : JSON.stringify(body)); };
    await adapter.process(req, res, (context) => bot.run(context));
  });
}).listen(port, '127.0.0.1', () => console.log(`echo bot on http://127.0.0.1:${port}/api/messages`));
