// Process-level test of "never twice": the real bot process (the built GmgBot.Host.dll) with a temporary SQLite
// file and a local Bot Connector that records every delivery per conversation. A few hundred users install the
// bot (real installationUpdate activities), an organizer sends a broadcast to all of them (a real Action.Submit),
// the bot is killed with SIGKILL mid-delivery, started again on the same file, and the test checks that every
// recipient got the message exactly once — except at most the sends that were in flight at the kill, which the
// delivery report lists as unconfirmed and which are never delivered twice. Exit code 0 = passed, 1 = failed.
//
//   node tests/delivery/kill-restart.test.mjs
//
// Needs a built host (dotnet build); GMGBOT_CONFIGURATION=Release|Debug picks the build (default: the newer).
// GMGBOT_RECIPIENTS sets how many users install the bot (default 300).
import { join } from 'node:path';
import { freePort, getOk, hostDll, runProcessTest, sleep, waitFor } from '../support/processes.mjs';
import { activity as teamsActivity, broadcastProblems, completeReport, delegate, isBroadcast, post, startConnector } from './teams.mjs';

const RECIPIENTS = Number(process.env.GMGBOT_RECIPIENTS ?? 300);
const KILL_AFTER = Math.floor(RECIPIENTS / 3);
const MAX_CONCURRENCY = 8;
const STARTUP_TIMEOUT_MS = 90_000;
const DELIVERY_TIMEOUT_MS = 180_000;
const ORGANIZER = '0b5e7c11-0000-4000-8000-0000000000aa';
const TENANT = '72f988bf-0000-0000-0000-0000000000aa';
const BROADCAST_TEXT = 'Reminder from the organizers';

let connectorServer = null;


function startBot(harness, port, run) {
  return harness.startBot(`bot ${run}`, {
    port,
    environment: 'Production',
    settings: {
      'Search:LucenePath': join(harness.folder, 'index'),
      'Organizers:ObjectIds:0': ORGANIZER,
      'Knowledge:ReplayStartDate': tomorrow(),
      'Delivery:InstanceId': 'process-test',
      'Delivery:MaxConcurrency': MAX_CONCURRENCY,
      // Slower than Teams allows, so that the kill surely lands mid-delivery.
      'Delivery:RequestsPerSecond': 25,
      'Delivery:ReportInterval': '00:00:01',
    },
  });
}

function tomorrow() {
  const d = new Date(Date.now() + 24 * 3600 * 1000);
  return d.toISOString().slice(0, 10);
}

function healthy(port) {
  return getOk(`http://127.0.0.1:${port}/healthz`);
}

const broadcasts = (requests) => requests.filter((r) => isBroadcast(r, BROADCAST_TEXT));

async function main(harness) {
  const connector = await startConnector(15);
  connectorServer = connector.server;
  const port = await freePort();
  console.log(`bot: ${hostDll()} on ${port}; connector ${connector.url}; data in ${harness.folder}; ${RECIPIENTS} recipients`);

  let bot = startBot(harness, port, 1);
  await waitFor('the bot to start', () => healthy(port), { timeoutMs: STARTUP_TIMEOUT_MS, child: bot });

  const organizer = { id: '29:olu-organizer', name: 'Olu Organizer', aad: ORGANIZER, conversation: 'a:personal-olu' };
  const users = Array.from({ length: RECIPIENTS - 1 }, (_, i) => delegate(i + 1, '2222'));
  for (const u of [organizer, ...users]) {
    await post(port, teamsActivity(connector.url, TENANT, u, 'installationUpdate', { action: 'add' }));
  }
  console.log(`${RECIPIENTS} installs stored (${connector.requests.length} welcome messages)`);

  // The organizer presses Send on a broadcast preview (Action.Submit, as older Teams clients send it).
  await post(port, teamsActivity(connector.url, TENANT, organizer, 'message', {
    replyToId: 'preview-card',
    value: { verb: 'broadcast.send', what: 'session', sessionId: 'd1-migration-costs', audience: 'installed', when: 'now', broadcastId: 'b-process-test' },
  }));

  await waitFor(`${KILL_AFTER} deliveries`, () => broadcasts(connector.requests).length >= KILL_AFTER, { timeoutMs: DELIVERY_TIMEOUT_MS, child: bot });
  process.kill(bot.pid, 'SIGKILL');
  await waitFor('the bot to die', () => bot.exitCode !== null || bot.signalCode !== null, { timeoutMs: 10_000 });
  // Requests already on the wire may still land; after that, a dead process sends nothing more.
  await sleep(300);
  const atKill = broadcasts(connector.requests).length;
  console.log(`killed (SIGKILL) after ${atKill} of ${RECIPIENTS} deliveries`);
  await sleep(1_000);
  const afterKill = broadcasts(connector.requests).length;

  bot = startBot(harness, port, 2);
  await waitFor('the bot to restart', () => healthy(port), { timeoutMs: STARTUP_TIMEOUT_MS, child: bot });
  const card = await waitFor('the final delivery report', () => completeReport(connector.requests, organizer), { timeoutMs: DELIVERY_TIMEOUT_MS, child: bot });

  const { summary, problems } = broadcastProblems(connector.requests, [organizer, ...users], card, BROADCAST_TEXT, MAX_CONCURRENCY);
  console.log(summary);
  if (afterKill !== atKill) problems.push(`deliveries continued after SIGKILL (${atKill} → ${afterKill})`);
  if (problems.length > 0) {
    throw new Error(problems.join('; '));
  }
}

await runProcessTest({ folderPrefix: 'gmgbot-kill-restart-', outputLines: 60, cleanup: () => connectorServer?.close() }, main);
