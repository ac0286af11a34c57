// Process-level test of several instances on one PostgreSQL: two real bot processes (the built GmgBot.Host.dll)
// share one database and one local Bot Connector that records every request with its time.
//   1. Delegates set reminders through both instances: each reminder arrives exactly once.
//   2. An organizer broadcasts to every user who installed the bot; one instance is killed with SIGKILL halfway and
//      not restarted. Every recipient gets the message exactly once, or is listed unconfirmed in the delivery report
//      (only the sends in flight at the kill); no one gets it twice; and the two instances together, pacing at 47/s on
//      one shared budget, never send more than Teams' 50 requests in any second to the tenant.
// Exit code 0 = passed, 1 = failed. Needs GMGBOT_TEST_POSTGRES (`eval "$(bash tests/support/postgres.sh start)"`).
//
//   node tests/delivery/two-instances.test.mjs
//
// GMGBOT_CONFIGURATION=Release|Debug picks the build (default: the newer); GMGBOT_RECIPIENTS (default 3000).
import { createServer as createHttpServer } from 'node:http';
import { join } from 'node:path';
import { createPostgresSchema, dropPostgresSchema, freePort, getOk, hostDll, postgresSettings, runProcessTest, sleep, waitFor } from '../support/processes.mjs';

const RECIPIENTS = Number(process.env.GMGBOT_RECIPIENTS ?? 3000);
const REMINDED = 20;
const MAX_CONCURRENCY = 8;
const TEAMS_LIMIT_PER_SECOND = 50;
// The pace of the shared budget here: a little below the default 49/s, because the connector's clock is a Node event
// loop on a machine shared with other work, which under load takes requests in bursts, tens of milliseconds late. Two
// budgets of their own would send 94 a second; one shared budget stays at 47 and no second holds more than 50.
// (How much of the 50/s a broadcast uses at the default pace is measured by `bench broadcast --Bench:Instances=2`.)
const REQUESTS_PER_SECOND = 47;
const STARTUP_TIMEOUT_MS = 120_000;
const DELIVERY_TIMEOUT_MS = 300_000;
const ORGANIZER = '0b5e7c11-0000-4000-8000-0000000000bb';
const TENANT = '72f988bf-0000-0000-0000-0000000000bb';
const BOT = '28:00000000-0000-0000-0000-00000000b07a';
const BROADCAST_TEXT = 'Reminder from the organizers';
const SESSION = { id: 'd1-decent-work', title: 'Promoting decent work for international migrants', startNewYork: 9 };

if (!process.env.GMGBOT_TEST_POSTGRES) {
  console.log('two-instances: skipped, no PostgreSQL server: start one with `eval "$(bash tests/support/postgres.sh start)"` (.ci/run does).');
  console.log('0 passed, 0 failed');
  process.exit(0);
}

let connectorServer = null;
let database = null;

// The Bot Connector stand-in: answers like Teams (after a little latency) and keeps every request with its time.
function startConnector() {
  const requests = []; // { at, method, conversation, tail, activity }
  let next = 0;
  const server = createHttpServer((request, response) => {
    let body = '';
    const at = performance.now();
    request.on('data', (chunk) => { body += chunk; });
    request.on('end', () => {
      const parts = request.url.split('?')[0].split('/').map(decodeURIComponent);
      if (parts[1] === 'v3' && parts[2] === 'conversations' && parts[4] === 'activities') {
        requests.push({ at, method: request.method, conversation: parts[3], tail: parts[5] ?? null, activity: body ? JSON.parse(body) : {} });
      }
      setTimeout(() => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ id: `activity-${++next}` }));
      }, 40);
    });
  });
  return new Promise((resolveServer) => {
    server.listen(0, '127.0.0.1', () => resolveServer({ server, requests, url: `http://127.0.0.1:${server.address().port}/` }));
  });
}

// The next 09:00 in New York (the session's start) is within a day: replay the agenda from that date, so that a reminder
// "24 hours before" is due at once.
function replayStart() {
  const now = new Date();
  const local = Object.fromEntries(new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' })
    .formatToParts(now).map((p) => [p.type, p.value]));
  const date = new Date(Date.UTC(Number(local.year), Number(local.month) - 1, Number(local.day)));
  if (Number(local.hour) >= SESSION.startNewYork - 1) {
    date.setUTCDate(date.getUTCDate() + 1);
  }
  return date.toISOString().slice(0, 10);
}

function startBot(harness, port, instance) {
  return harness.startBot(`bot ${instance}`, {
    port,
    environment: 'Production',
    settings: {
      ...postgresSettings(database),
      'Search:LucenePath': join(harness.folder, `index-${instance}`),
      'Organizers:ObjectIds:0': ORGANIZER,
      'Knowledge:ReplayStartDate': replayStart(),
      'Delivery:InstanceId': `instance-${instance}`,
      'Delivery:MaxConcurrency': MAX_CONCURRENCY,
      'Delivery:RequestsPerSecond': REQUESTS_PER_SECOND,
      'Delivery:ReportInterval': '00:00:01',
      // Rows another instance enqueued are noticed within a second; a dead instance's claims return after 10 s.
      'Delivery:MaxIdle': '00:00:01',
      'Delivery:LeaseDuration': '00:00:10',
      'Delivery:SendTimeout': '00:00:05',
    },
  });
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

// Runs `work` over `items`, `parallel` at a time.
async function each(items, parallel, work) {
  let next = 0;
  await Promise.all(Array.from({ length: parallel }, async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index], index);
    }
  }));
}

function user(n) {
  return { id: `29:delegate-${n}`, name: `Delegate ${n}`, aad: `6b3c0b3e-3333-4d3f-9a41-${String(n).padStart(12, '0')}`, conversation: `a:personal-${n}` };
}

// What the bot sent on its own (not a reply to an activity): reminders, broadcasts, and report updates (PUT).
const proactive = (r) => (r.method === 'POST' && r.tail === null) || r.method === 'PUT';
const isBroadcast = (r) => r.method === 'POST' && r.tail === null && (r.activity.text ?? '').includes(BROADCAST_TEXT);
const isReminder = (r) => r.method === 'POST' && r.tail === null && !(r.activity.text ?? '').includes(BROADCAST_TEXT) && !(r.activity.text ?? '').startsWith('Delivery report');

// The most requests within any one second.
function busiestSecond(times) {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  let at = 0;
  for (let first = 0, last = 0; last < sorted.length; last++) {
    while (sorted[last] - sorted[first] >= 1000) first++;
    if (last - first + 1 > most) {
      most = last - first + 1;
      at = first;
    }
  }
  if (process.env.GMGBOT_DUMP) {
    console.log(`busiest from ${at}: gaps ${sorted.slice(at, at + most).map((t, i, a) => (i ? (t - a[i - 1]).toFixed(0) : 0)).join(' ')}`);
  }
  return most;
}

function lastReport(requests, organizer) {
  const reports = requests.filter((r) => r.conversation === organizer.conversation && (r.activity.text ?? '').startsWith('Delivery report'));
  return reports.length === 0 ? null : reports[reports.length - 1].activity;
}

function facts(card) {
  const set = card.body.find((e) => e.type === 'FactSet');
  return Object.fromEntries(set.facts.map((f) => [f.title, Number(f.value.replace(/,/g, ''))]));
}

async function main(harness) {
  database = createPostgresSchema('two_instances');
  const connector = await startConnector();
  connectorServer = connector.server;
  const [portA, portB] = [await freePort(), await freePort()];
  console.log(`bots: ${hostDll()} on ${portA} and ${portB}; PostgreSQL schema ${database.schema}; connector ${connector.url}; ${RECIPIENTS} recipients`);

  // Started one after the other would hide a race: both apply the schema at once, under the advisory lock.
  const a = startBot(harness, portA, 'a');
  const b = startBot(harness, portB, 'b');
  await waitFor('instance a to be ready', () => getOk(`http://127.0.0.1:${portA}/healthz/ready`), { timeoutMs: STARTUP_TIMEOUT_MS, child: a });
  await waitFor('instance b to be ready', () => getOk(`http://127.0.0.1:${portB}/healthz/ready`), { timeoutMs: STARTUP_TIMEOUT_MS, child: b });

  const organizer = { id: '29:olu-organizer', name: 'Olu Organizer', aad: ORGANIZER, conversation: 'a:personal-olu' };
  const users = Array.from({ length: RECIPIENTS - 1 }, (_, i) => user(i + 1));
  const everyone = [organizer, ...users];
  await each(everyone, 16, (u, i) => post(i % 2 === 0 ? portA : portB, activity(connector.url, u, 'installationUpdate', { action: 'add' })));
  console.log(`${RECIPIENTS} installs stored through both instances`);

  // 1. Reminders, set through both instances, each due at once.
  const reminded = users.slice(0, REMINDED);
  await each(reminded, 4, (u, i) => post(i % 2 === 0 ? portA : portB,
    activity(connector.url, u, 'message', { text: `remind me about ${SESSION.title} 24 hours before` })));
  await waitFor(`${REMINDED} reminders`, () => new Set(connector.requests.filter(isReminder).map((r) => r.conversation)).size >= REMINDED,
    { timeoutMs: 60_000, child: a });
  console.log(`${REMINDED} reminders delivered`);

  // 2. The broadcast, pressed on instance a; instance b is killed halfway.
  const broadcastStart = performance.now();
  await post(portA, activity(connector.url, organizer, 'message', {
    replyToId: 'preview-card',
    value: { verb: 'broadcast.send', what: 'session', sessionId: 'd1-migration-costs', audience: 'installed', when: 'now', broadcastId: 'b-two-instances' },
  }));
  await waitFor(`${RECIPIENTS / 2} deliveries`, () => connector.requests.filter(isBroadcast).length >= RECIPIENTS / 2, { timeoutMs: DELIVERY_TIMEOUT_MS, child: a });
  process.kill(b.pid, 'SIGKILL');
  await waitFor('instance b to die', () => b.exitCode !== null || b.signalCode !== null, { timeoutMs: 10_000 });
  console.log(`instance b killed (SIGKILL) after ${connector.requests.filter(isBroadcast).length} of ${RECIPIENTS} deliveries`);

  const report = await waitFor('the final delivery report', () => {
    const latest = lastReport(connector.requests, organizer);
    return latest && JSON.stringify(latest.attachments[0].content).includes('Complete:') ? latest : null;
  }, { timeoutMs: DELIVERY_TIMEOUT_MS, child: a });
  const broadcastEnd = performance.now();

  const card = report.attachments[0].content;
  const counts = facts(card);
  const perConversation = new Map();
  for (const r of connector.requests.filter(isBroadcast)) {
    perConversation.set(r.conversation, (perConversation.get(r.conversation) ?? 0) + 1);
  }
  const duplicated = everyone.filter((u) => (perConversation.get(u.conversation) ?? 0) > 1);
  const missing = everyone.filter((u) => !perConversation.has(u.conversation));
  const text = JSON.stringify(card);
  const notListed = missing.filter((u) => !text.includes(`${u.name}: unconfirmed`));
  const remindersPer = reminded.map((u) => connector.requests.filter((r) => isReminder(r) && r.conversation === u.conversation).length);
  const sendTimes = connector.requests.filter((r) => proactive(r) && r.at >= broadcastStart).map((r) => r.at);
  const busiest = busiestSecond(connector.requests.filter(proactive).map((r) => r.at));
  const delivered = connector.requests.filter(isBroadcast);
  const rate = delivered.length > 1 ? (delivered.length - 1) / ((delivered[delivered.length - 1].at - delivered[0].at) / 1000) : 0;
  const requestRate = (sendTimes.length - 1) / ((Math.max(...sendTimes) - Math.min(...sendTimes)) / 1000);

  console.log(`report: ${JSON.stringify(counts)}; delivered to ${perConversation.size}, missing ${missing.length}, duplicated ${duplicated.length}; `
    + `reminders per delegate ${[...new Set(remindersPer)].join('/')}; busiest second ${busiest} requests; `
    + `${sendTimes.length} proactive requests in ${((broadcastEnd - broadcastStart) / 1000).toFixed(1)} s, ${requestRate.toFixed(1)}/s; broadcast ${rate.toFixed(1)} messages/s`);
  const problems = [];
  if (remindersPer.some((n) => n !== 1)) problems.push(`reminders arrived ${remindersPer.join(',')} times (each must arrive once)`);
  if (requestRate > TEAMS_LIMIT_PER_SECOND) problems.push(`${requestRate.toFixed(1)} requests/s: over Teams' ${TEAMS_LIMIT_PER_SECOND}`);
  if (busiest > TEAMS_LIMIT_PER_SECOND) problems.push(`${busiest} requests in one second: over Teams' ${TEAMS_LIMIT_PER_SECOND}`);
  if (duplicated.length > 0) problems.push(`duplicated to ${duplicated.map((u) => u.name).join(', ')}`);
  if (counts.Unconfirmed > MAX_CONCURRENCY) problems.push(`${counts.Unconfirmed} unconfirmed: more than the ${MAX_CONCURRENCY} sends instance b can have had in flight`);
  if (missing.length > counts.Unconfirmed) problems.push(`${missing.length} recipients got nothing but only ${counts.Unconfirmed} are reported unconfirmed`);
  if (notListed.length > 0) problems.push(`missing and not reported unconfirmed: ${notListed.map((u) => u.name).join(', ')}`);
  if (counts.Sent + counts.Unconfirmed !== RECIPIENTS) problems.push(`sent ${counts.Sent} + unconfirmed ${counts.Unconfirmed} ≠ ${RECIPIENTS}`);
  if (counts.Failed !== 0 || counts.Unreachable !== 0 || counts.Pending !== 0) problems.push(`unexpected counts ${JSON.stringify(counts)}`);
  if (problems.length > 0) {
    throw new Error(problems.join('; '));
  }
}

await runProcessTest({ folderPrefix: 'gmgbot-two-instances-', outputLines: 60, cleanup: () => { connectorServer?.close(); dropPostgresSchema(database); } }, main);
