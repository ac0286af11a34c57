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
import { createServer as createHttpServer } from 'node:http';
import { join } from 'node:path';
import { freePort, getOk, hostDll, runProcessTest, sleep, waitFor } from '../support/processes.mjs';

const RECIPIENTS = Number(process.env.GMGBOT_RECIPIENTS ?? 300);
const KILL_AFTER = Math.floor(RECIPIENTS / 3);
const MAX_CONCURRENCY = 8;
const STARTUP_TIMEOUT_MS = 90_000;
const DELIVERY_TIMEOUT_MS = 180_000;
const ORGANIZER = '0b5e7c11-0000-4000-8000-0000000000aa';
const TENANT = '72f988bf-0000-0000-0000-0000000000aa';
const BOT = '28:00000000-0000-0000-0000-00000000b07a';
const BROADCAST_TEXT = 'Reminder from the organizers';

let connectorServer = null;

// The Bot Connector stand-in: answers like Teams (after a little latency) and keeps every activity per conversation.
function startConnector() {
  const deliveries = []; // { method, conversation, replyTo, activityId, body }
  let next = 0;
  const server = createHttpServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => { body += chunk; });
    request.on('end', () => {
      const parts = request.url.split('?')[0].split('/').map(decodeURIComponent);
      // /v3/conversations/{id}/activities[/{activityId}]
      if (parts[1] === 'v3' && parts[2] === 'conversations' && parts[4] === 'activities') {
        const activity = body ? JSON.parse(body) : {};
        deliveries.push({ method: request.method, conversation: parts[3], tail: parts[5] ?? null, activity });
      }
      setTimeout(() => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ id: `activity-${++next}` }));
      }, 15);
    });
  });
  return new Promise((resolveServer) => {
    server.listen(0, '127.0.0.1', () => resolveServer({ server, deliveries, url: `http://127.0.0.1:${server.address().port}/` }));
  });
}

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

function activity(connectorUrl, user, type, extra) {
  return {
    type,
    id: `${type}-${user.id}-${Date.now()}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: connectorUrl,
    from: { id: user.id, name: user.name, aadObjectId: user.aad },
    conversation: { conversationType: 'personal', tenantId: TENANT, id: user.conversation },
    recipient: { id: BOT, name: 'GmgBot' },
    channelData: { tenant: { id: TENANT } },
    locale: 'en-GB',
    ...extra,
  };
}

async function post(port, body) {
  const response = await fetch(`http://127.0.0.1:${port}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  if (!response.ok) {
    throw new Error(`POST /api/messages answered ${response.status}: ${await response.text()}`);
  }
}

function user(n) {
  return { id: `29:delegate-${n}`, name: `Delegate ${n}`, aad: `6b3c0b3e-2222-4d3f-9a41-${String(n).padStart(12, '0')}`, conversation: `a:personal-${n}` };
}

const isBroadcast = (d) => d.method === 'POST' && d.tail === null && (d.activity.text ?? '').includes(BROADCAST_TEXT);

function lastReport(deliveries, organizer) {
  const reports = deliveries.filter((d) => d.conversation === organizer.conversation && (d.activity.text ?? '').startsWith('Delivery report'));
  return reports.length === 0 ? null : reports[reports.length - 1].activity;
}

function facts(card) {
  const set = card.body.find((e) => e.type === 'FactSet');
  return Object.fromEntries(set.facts.map((f) => [f.title, Number(f.value.replace(/,/g, ''))]));
}

async function main(harness) {
  const connector = await startConnector();
  connectorServer = connector.server;
  const port = await freePort();
  console.log(`bot: ${hostDll()} on ${port}; connector ${connector.url}; data in ${harness.folder}; ${RECIPIENTS} recipients`);

  let bot = startBot(harness, port, 1);
  await waitFor('the bot to start', () => healthy(port), { timeoutMs: STARTUP_TIMEOUT_MS, child: bot });

  const organizer = { id: '29:olu-organizer', name: 'Olu Organizer', aad: ORGANIZER, conversation: 'a:personal-olu' };
  const users = Array.from({ length: RECIPIENTS - 1 }, (_, i) => user(i + 1));
  for (const u of [organizer, ...users]) {
    await post(port, activity(connector.url, u, 'installationUpdate', { action: 'add' }));
  }
  console.log(`${RECIPIENTS} installs stored (${connector.deliveries.length} welcome messages)`);

  // The organizer presses Send on a broadcast preview (Action.Submit, as older Teams clients send it).
  await post(port, activity(connector.url, organizer, 'message', {
    replyToId: 'preview-card',
    value: { verb: 'broadcast.send', what: 'session', sessionId: 'd1-migration-costs', audience: 'installed', when: 'now', broadcastId: 'b-process-test' },
  }));

  await waitFor(`${KILL_AFTER} deliveries`, () => connector.deliveries.filter(isBroadcast).length >= KILL_AFTER, { timeoutMs: DELIVERY_TIMEOUT_MS, child: bot });
  process.kill(bot.pid, 'SIGKILL');
  await waitFor('the bot to die', () => bot.exitCode !== null || bot.signalCode !== null, { timeoutMs: 10_000 });
  // Requests already on the wire may still land; after that, a dead process sends nothing more.
  await sleep(300);
  const atKill = connector.deliveries.filter(isBroadcast).length;
  console.log(`killed (SIGKILL) after ${atKill} of ${RECIPIENTS} deliveries`);
  await sleep(1_000);
  const afterKill = connector.deliveries.filter(isBroadcast).length;

  bot = startBot(harness, port, 2);
  await waitFor('the bot to restart', () => healthy(port), { timeoutMs: STARTUP_TIMEOUT_MS, child: bot });
  const report = await waitFor('the final delivery report', () => {
    const latest = lastReport(connector.deliveries, organizer);
    return latest && JSON.stringify(latest.attachments[0].content).includes('Complete:') ? latest : null;
  }, { timeoutMs: DELIVERY_TIMEOUT_MS, child: bot });

  const card = report.attachments[0].content;
  const counts = facts(card);
  const perConversation = new Map();
  for (const d of connector.deliveries.filter(isBroadcast)) {
    perConversation.set(d.conversation, (perConversation.get(d.conversation) ?? 0) + 1);
  }
  const everyone = [organizer, ...users];
  const duplicated = everyone.filter((u) => (perConversation.get(u.conversation) ?? 0) > 1);
  const missing = everyone.filter((u) => !perConversation.has(u.conversation));
  const text = JSON.stringify(card);
  const notListed = missing.filter((u) => !text.includes(`${u.name}: unconfirmed`));

  console.log(`report: ${JSON.stringify(counts)}; delivered to ${perConversation.size}, missing ${missing.length}, duplicated ${duplicated.length}`);
  const problems = [];
  if (afterKill !== atKill) problems.push(`deliveries continued after SIGKILL (${atKill} → ${afterKill})`);
  if (duplicated.length > 0) problems.push(`duplicated to ${duplicated.map((u) => u.name).join(', ')}`);
  if (counts.Unconfirmed > MAX_CONCURRENCY) problems.push(`${counts.Unconfirmed} unconfirmed: more than the ${MAX_CONCURRENCY} sends that can be in flight`);
  if (missing.length > counts.Unconfirmed) problems.push(`${missing.length} recipients got nothing but only ${counts.Unconfirmed} are reported unconfirmed`);
  if (notListed.length > 0) problems.push(`missing and not reported unconfirmed: ${notListed.map((u) => u.name).join(', ')}`);
  if (counts.Delivered + counts.Unconfirmed !== RECIPIENTS) problems.push(`delivered ${counts.Delivered} + unconfirmed ${counts.Unconfirmed} ≠ ${RECIPIENTS}`);
  if (counts.Failed !== 0 || counts["Can't be reached"] !== 0 || counts.Waiting !== 0) problems.push(`unexpected counts ${JSON.stringify(counts)}`);
  if (perConversation.size < RECIPIENTS - counts.Unconfirmed) problems.push('some recipients neither got the message nor are unconfirmed');
  if (problems.length > 0) {
    throw new Error(problems.join('; '));
  }
}

await runProcessTest({ folderPrefix: 'gmgbot-kill-restart-', outputLines: 60, cleanup: () => connectorServer?.close() }, main);
