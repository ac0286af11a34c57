// Real-client test: GmgBot answers "help" through the Microsoft 365 Agents Playground (a local Teams client).
// Starts the built bot and the Playground headless on free ports, sends "help" to the personal chat through
// the Playground's HTTP API and waits for the bot's reply on its WebSocket. Exit code 0 = passed, 1 = failed.
//
//   node --experimental-websocket tests/teams/playground.test.mjs
//
// Needs a built host (dotnet build); GMGBOT_CONFIGURATION=Release|Debug picks the build (default: the newer).
import { join } from 'node:path';
import { freePort, getOk, hostDll, root, runProcessTest, waitFor } from '../support/processes.mjs';

const STARTUP_TIMEOUT_MS = 90_000;
const REPLY_TIMEOUT_MS = 30_000;
const EXPECTED_REPLY = 'Here is what I can do';
const EXPECTED_CARD_HEADING = 'What I can do';
const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

function waitForHttp(url, child) {
  return waitFor(`${url} to answer`, () => getOk(url), { timeoutMs: STARTUP_TIMEOUT_MS, child, intervalMs: 250 });
}

function openStream(url) {
  return new Promise((resolveSocket, reject) => {
    const socket = new WebSocket(url);
    const timer = setTimeout(() => reject(new Error(`WebSocket ${url} did not open.`)), 10_000);
    socket.addEventListener('open', () => {
      clearTimeout(timer);
      resolveSocket(socket);
    });
    socket.addEventListener('error', () => {
      clearTimeout(timer);
      reject(new Error(`WebSocket ${url} failed.`));
    });
  });
}

async function main(harness) {
  if (typeof WebSocket === 'undefined') {
    throw new Error('No global WebSocket: run with `node --experimental-websocket` (Node 20) or Node 22+.');
  }

  const [botPort, playgroundPort] = [await freePort(), await freePort()];
  console.log(`bot: ${hostDll()} on ${botPort}; playground on ${playgroundPort}; data in ${harness.folder}`);

  // The Playground sends no tokens: the bot runs with authentication off.
  const bot = harness.startBot('bot', { port: botPort, environment: 'Development' });
  const playground = harness.start('playground', process.execPath, [
    join(root, 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js'),
    '-e', `http://127.0.0.1:${botPort}/api/messages`, '-c', 'msteams', '-p', String(playgroundPort), '--dt',
  ], { cwd: harness.folder, env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none' } }); // it writes devTools/ logs into its cwd

  await waitForHttp(`http://127.0.0.1:${botPort}/healthz`, bot);
  const base = `http://127.0.0.1:${playgroundPort}`;
  const { config } = await (await waitForHttp(`${base}/_internal/v1/config`, playground)).json();
  const chatId = config.personalChat.id;

  const stream = await openStream(`ws://127.0.0.1:${playgroundPort}/_ws_conversation/v1/conversations/stream`);
  const replies = [];
  let sentAt = Number.POSITIVE_INFINITY;
  const reply = new Promise((resolveReply, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`No reply with "${EXPECTED_REPLY}" and the help card within ${REPLY_TIMEOUT_MS / 1000} s; got ${JSON.stringify(replies).slice(0, 500)}`)),
      REPLY_TIMEOUT_MS);
    stream.addEventListener('message', (event) => {
      const data = JSON.parse(event.data);
      const message = data?.message;
      // The stream first replays earlier messages: only the bot's messages after our send count.
      if (data?.action !== 'createMessage' || message?.from?.id !== config.bot.id || !(message.timestamp >= sentAt)) {
        return;
      }
      replies.push(message);
      // The Playground shows the text and the card of one bot message as two chat messages.
      const text = replies.find((m) => typeof m.text === 'string' && m.text.includes(EXPECTED_REPLY));
      const card = replies.flatMap((m) => m.attachments ?? [])
        .find((a) => a.contentType === CARD_CONTENT_TYPE && JSON.stringify(a.content).includes(EXPECTED_CARD_HEADING));
      if (text && card) {
        clearTimeout(timer);
        resolveReply({ text: text.text, card });
      }
    });
  });

  const send = await fetch(`${base}/_conversation/v1/conversations/${encodeURIComponent(chatId)}/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ from: { id: config.currentUser.id }, text: 'help', textFormat: 'plain' }),
    signal: AbortSignal.timeout(10_000),
  });
  if (!send.ok) {
    throw new Error(`The Playground refused the message: ${send.status} ${await send.text()}`);
  }
  sentAt = (await send.json()).timestamp ?? Date.now() - 1_000;

  const answer = await reply;
  stream.close();
  console.log(`reply: ${JSON.stringify(answer.text.split('\n')[0])} with a ${answer.card.content.type} of ${answer.card.content.body.length} elements`);
}

await runProcessTest({ folderPrefix: 'gmgbot-playground-', outputLines: 40 }, main);
