// Real-client test: GmgBot answers "help" through the Microsoft 365 Agents Playground (a local Teams client).
// Starts the built bot and the Playground headless on free ports, sends "help" to the personal chat through
// the Playground's HTTP API and waits for the bot's reply on its WebSocket. Exit code 0 = passed, 1 = failed.
//
//   node --experimental-websocket tests/teams/playground.test.mjs
//
// Needs a built host (dotnet build); GMGBOT_CONFIGURATION=Release|Debug picks the build (default: the newer).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const STARTUP_TIMEOUT_MS = 90_000;
const REPLY_TIMEOUT_MS = 30_000;
const EXPECTED_REPLY = 'Here is what I can do';
const EXPECTED_CARD_HEADING = 'What I can do';
const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

const children = [];
const logs = { bot: [], playground: [] };
const dataFolder = mkdtempSync(join(tmpdir(), 'gmgbot-playground-'));

function hostDll() {
  const candidates = ['Release', 'Debug']
    .filter((c) => !process.env.GMGBOT_CONFIGURATION || process.env.GMGBOT_CONFIGURATION === c)
    .map((c) => join(root, 'src', 'GmgBot.Host', 'bin', c, 'net10.0', 'GmgBot.Host.dll'))
    .filter((p) => existsSync(p))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (candidates.length === 0) {
    throw new Error('No built GmgBot.Host.dll found: run `dotnet build GmgBot.sln` first.');
  }
  return candidates[0];
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

function start(name, command, args, options) {
  // A process group of its own, so that stopping it also stops anything it started.
  const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const keep = (chunk) => logs[name].push(chunk.toString());
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  child.on('exit', (code, signal) => logs[name].push(`[${name} exited: code ${code}, signal ${signal}]\n`));
  children.push(child);
  return child;
}

function stopAll() {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
    }
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitForHttp(name, url, child) {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`${name} exited before it was ready.`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) {
        return response;
      }
    } catch {
      // Not listening yet.
    }
    await sleep(250);
  }
  throw new Error(`${name} did not answer ${url} within ${STARTUP_TIMEOUT_MS / 1000} s.`);
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

async function main() {
  if (typeof WebSocket === 'undefined') {
    throw new Error('No global WebSocket: run with `node --experimental-websocket` (Node 20) or Node 22+.');
  }

  const [botPort, playgroundPort] = [await freePort(), await freePort()];
  const dll = hostDll();
  console.log(`bot: ${dll} on ${botPort}; playground on ${playgroundPort}; data in ${dataFolder}`);

  const bot = start('bot', 'dotnet', [dll, '--urls', `http://127.0.0.1:${botPort}`, `--Storage:DatabasePath=${join(dataFolder, 'gmgbot.db')}`], {
    cwd: dirname(dll),
    // The Playground sends no tokens: the bot must run with authentication off.
    env: { ...process.env, MicrosoftAppId: '', MicrosoftAppPassword: '', ASPNETCORE_ENVIRONMENT: 'Development' },
  });
  const playground = start('playground', process.execPath, [
    join(root, 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js'),
    '-e', `http://127.0.0.1:${botPort}/api/messages`, '-c', 'msteams', '-p', String(playgroundPort), '--dt',
  ], { cwd: dataFolder, env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none' } }); // it writes devTools/ logs into its cwd

  await waitForHttp('bot', `http://127.0.0.1:${botPort}/healthz`, bot);
  const base = `http://127.0.0.1:${playgroundPort}`;
  const { config } = await (await waitForHttp('playground', `${base}/_internal/v1/config`, playground)).json();
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

let failed = false;
try {
  await main();
  console.log('1 passed, 0 failed');
} catch (error) {
  failed = true;
  console.error(`FAILED: ${error.message}`);
  for (const [name, lines] of Object.entries(logs)) {
    console.error(`--- ${name} output (last lines) ---\n${lines.join('').split('\n').slice(-40).join('\n')}`);
  }
  console.log('0 passed, 1 failed');
} finally {
  stopAll();
  await sleep(500);
  rmSync(dataFolder, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
