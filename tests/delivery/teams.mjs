// What the delivery process tests (kill-restart, two-instances) share: a Bot Connector stand-in that records every
// request, Teams activities from personal chats, posting them to a bot, and reading the delivery report card.
import { createServer as createHttpServer } from 'node:http';

export const BOT = '28:00000000-0000-0000-0000-00000000b07a';

/**
 * The Bot Connector stand-in: answers like Teams (after `latencyMs`) and keeps every request to
 * /v3/conversations/{id}/activities[/{activityId}]: { at (arrival, ms), method, conversation, tail, activity }.
 */
export function startConnector(latencyMs) {
  const requests = [];
  let next = 0;
  const server = createHttpServer((request, response) => {
    const at = performance.now();
    let body = '';
    request.on('data', (chunk) => { body += chunk; });
    request.on('end', () => {
      const parts = request.url.split('?')[0].split('/').map(decodeURIComponent);
      if (parts[1] === 'v3' && parts[2] === 'conversations' && parts[4] === 'activities') {
        requests.push({ at, method: request.method, conversation: parts[3], tail: parts[5] ?? null, activity: body ? JSON.parse(body) : {} });
      }
      setTimeout(() => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ id: `activity-${++next}` }));
      }, latencyMs);
    });
  });
  return new Promise((resolveServer) => {
    server.listen(0, '127.0.0.1', () => resolveServer({ server, requests, url: `http://127.0.0.1:${server.address().port}/` }));
  });
}

/** A delegate with a personal chat with the bot; `tag` keeps the users of different tests apart. */
export function delegate(n, tag) {
  return { id: `29:delegate-${n}`, name: `Delegate ${n}`, aad: `6b3c0b3e-${tag}-4d3f-9a41-${String(n).padStart(12, '0')}`, conversation: `a:personal-${n}` };
}

/** A Teams activity from `user`'s personal chat in `tenant`. */
export function activity(connectorUrl, tenant, user, type, extra) {
  return {
    type,
    id: `${type}-${user.id}-${Date.now()}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: connectorUrl,
    from: { id: user.id, name: user.name, aadObjectId: user.aad },
    conversation: { conversationType: 'personal', tenantId: tenant, id: user.conversation },
    recipient: { id: BOT, name: 'GmgBot' },
    channelData: { tenant: { id: tenant } },
    locale: 'en-GB',
    ...extra,
  };
}

export async function post(port, body) {
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

/** The latest delivery report the organizer was sent or shown (an update in place), or null. */
export function lastReport(requests, organizer) {
  const reports = requests.filter((r) => r.conversation === organizer.conversation && (r.activity.text ?? '').startsWith('Delivery report'));
  return reports.length === 0 ? null : reports[reports.length - 1].activity;
}

/** The report card's counts, by the words it shows: { Delivered, Waiting, Failed, "Can't be reached", Unconfirmed }. */
export function facts(card) {
  const set = card.body.find((e) => e.type === 'FactSet');
  return Object.fromEntries(set.facts.map((f) => [f.title, Number(f.value.replace(/,/g, ''))]));
}

/**
 * Who got the broadcast (POSTs to their conversation whose text includes `text`) against what the final report card
 * says, and what is wrong with it: every recipient once or listed unconfirmed, no one twice, at most `maxInFlight`
 * unconfirmed (the sends that can be in flight when a process dies), nothing failed or left pending.
 */
export function broadcastProblems(requests, everyone, card, text, maxInFlight) {
  const counts = facts(card);
  const perConversation = new Map();
  for (const r of requests.filter((r) => isBroadcast(r, text))) {
    perConversation.set(r.conversation, (perConversation.get(r.conversation) ?? 0) + 1);
  }
  const duplicated = everyone.filter((u) => (perConversation.get(u.conversation) ?? 0) > 1);
  const missing = everyone.filter((u) => !perConversation.has(u.conversation));
  const cardText = JSON.stringify(card);
  const notListed = missing.filter((u) => !cardText.includes(`${u.name}: unconfirmed`));
  const problems = [];
  if (duplicated.length > 0) problems.push(`duplicated to ${duplicated.map((u) => u.name).join(', ')}`);
  if (counts.Unconfirmed > maxInFlight) problems.push(`${counts.Unconfirmed} unconfirmed: more than the ${maxInFlight} sends that can be in flight`);
  if (missing.length > counts.Unconfirmed) problems.push(`${missing.length} recipients got nothing but only ${counts.Unconfirmed} are reported unconfirmed`);
  if (notListed.length > 0) problems.push(`missing and not reported unconfirmed: ${notListed.map((u) => u.name).join(', ')}`);
  if (counts.Delivered + counts.Unconfirmed !== everyone.length) problems.push(`delivered ${counts.Delivered} + unconfirmed ${counts.Unconfirmed} ≠ ${everyone.length}`);
  if (counts.Failed !== 0 || counts["Can't be reached"] !== 0 || counts.Waiting !== 0) problems.push(`unexpected counts ${JSON.stringify(counts)}`);
  const summary = `report: ${JSON.stringify(counts)}; delivered to ${perConversation.size}, missing ${missing.length}, duplicated ${duplicated.length}`;
  return { summary, problems };
}

/** A broadcast message: posted on the bot's own (not a reply) with the broadcast's text. */
export const isBroadcast = (r, text) => r.method === 'POST' && r.tail === null && (r.activity.text ?? '').includes(text);

/** Waits for the report card that says the broadcast is complete. */
export function completeReport(requests, organizer) {
  const latest = lastReport(requests, organizer);
  return latest && JSON.stringify(latest.attachments[0].content).includes('Complete:') ? latest.attachments[0].content : null;
}
