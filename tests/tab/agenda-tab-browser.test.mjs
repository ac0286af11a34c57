// The Agenda tab in a real browser: the built host serves the tab page, headless Chromium (puppeteer-core) opens it as
// Teams would, and a delegate browses the agenda, searches, and sets and cancels a reminder.
//   - Microsoft Entra is stood in for by a local issuer: an RSA key made here, its OpenID metadata and key set on a
//     local HTTP server (AgendaTab:OpenIdMetadataUrl), and a signed Teams single sign-on token for the delegate.
//   - Teams is stood in for inside the page: the request for lib/teams-js.min.js is answered with a small stand-in of
//     @microsoft/teams-js's app and authentication APIs that hands the page that token and a theme (only Teams is faked;
//     the host checks the token for real). The same local server answers the bot's replies as the Bot Connector.
//   - The bot's clock is set to 11:00 New York time on day 1 (DemoClock:StartsAt), during "Reducing migration costs".
// Checks: both days shown with the Now mark on the session in progress; search as you type finds a person; "Remind me"
// puts the reminder in My schedule and in the bot's store (read back through the API); Cancel removes it; Teams'
// dark and high-contrast themes apply. Screenshots (360 and 1280 px) go to artifacts/screenshots/tab/; with --docs the
// README's go to docs/screenshots/ too. Exit code 0 = passed.
//
//   node tests/tab/agenda-tab-browser.test.mjs [--docs]
import { copyFileSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { generateKeyPairSync, createSign } from 'node:crypto';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { launchBrowser } from '../support/browser.mjs';
import { freePort, getOk, root, runProcessTest, waitFor } from '../support/processes.mjs';

const { values: options } = parseArgs({ options: { docs: { type: 'boolean', default: false } } });
const CLIENT_ID = '11111111-2222-4333-8444-555555555555';
const DOMAIN = 'gmgbot.example.org';
const TENANT = '72f988bf-0000-0000-0000-0000000000aa';
const ANA = { id: '29:ana-delegate', name: 'Ana Delegate', oid: '6b3c0b3e-1111-4d3f-9a41-000000000001', chat: 'a:personal-ana' };
const NOW = '2014-10-16T15:00:00Z';   // 11:00 in New York on day 1
const screenshots = join(root, 'artifacts', 'screenshots', 'tab');
const docs = join(root, 'docs', 'screenshots');

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const b64url = (value) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

function entraToken({ oid, tenant = TENANT, name }) {
  const now = Math.floor(Date.parse(NOW) / 1000);
  const header = b64url({ alg: 'RS256', typ: 'JWT', kid: 'local-entra' });
  const payload = b64url({
    aud: `api://${DOMAIN}/${CLIENT_ID}`, iss: `https://login.microsoftonline.com/${tenant}/v2.0`, iat: now - 60, nbf: now - 60,
    exp: now + 3600, oid, tid: tenant, name, azp: '1fec8e78-bce4-4aaf-ab1b-5451cc387264', scp: 'access_as_user', ver: '2.0',
  });
  const signature = createSign('RSA-SHA256').update(`${header}.${payload}`).sign(privateKey).toString('base64url');
  return `${header}.${payload}.${signature}`;
}

// Entra's metadata and keys, and the Bot Connector's replies, on one local server.
function startStandIns(port) {
  const base = `http://127.0.0.1:${port}`;
  const server = createServer((request, response) => {
    const json = (body) => response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
    if (request.url.endsWith('/openid-configuration')) return json({ issuer: 'https://login.microsoftonline.com/{tenantid}/v2.0', jwks_uri: `${base}/keys` });
    if (request.url === '/keys') return json({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'local-entra', use: 'sig' }] });
    request.resume();
    request.on('end', () => json({ id: `activity-${Date.now()}` }));   // the connector: every reply accepted
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve({ server, base })));
}

// What the page gets for lib/teams-js.min.js: the parts of @microsoft/teams-js the tab uses, answering as Teams does.
const teamsStandIn = (token, theme) => `
window.microsoftTeams = {
  app: {
    initialize: async () => {},
    getContext: async () => ({ app: { theme: ${JSON.stringify(theme)}, locale: 'en-GB' }, page: { id: 'agenda', subPageId: '' }, user: { id: ${JSON.stringify(ANA.oid)} } }),
    registerOnThemeChangeHandler: (handler) => { window.teamsThemeChange = handler; },
    notifySuccess: () => {},
  },
  authentication: { getAuthToken: async () => ${JSON.stringify(token)} },
};`;

async function shot(page, name, width) {
  await page.setViewport({ width, height: width < 500 ? 780 : 900, deviceScaleFactor: 1 });
  const path = join(screenshots, `${name}-${width}.png`);
  await page.screenshot({ path });
  return path;
}

await runProcessTest({ folderPrefix: 'gmgbot-tab-' }, async (harness) => {
  mkdirSync(screenshots, { recursive: true });
  const [botPort, standInPort] = [await freePort(), await freePort()];
  const standIns = await startStandIns(standInPort);
  try {
    const bot = `http://127.0.0.1:${botPort}`;
    const child = harness.startBot('bot', {
      port: botPort,
      environment: 'Development',
      settings: {
        'AgendaTab:ClientId': CLIENT_ID,
        'AgendaTab:OpenIdMetadataUrl': `${standIns.base}/common/v2.0/.well-known/openid-configuration`,
        'Calendar:PublicBaseUrl': `https://${DOMAIN}/`,
        'Security:AllowedTenantIds:0': TENANT,
        'DemoClock:StartsAt': NOW,
      },
    });
    await waitFor('the bot to be ready', () => getOk(`${bot}/healthz/ready`), { timeoutMs: 90_000, child });

    // Ana says hi to the bot in Teams: her personal chat is where reminders go.
    const hi = await fetch(`${bot}/api/messages`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        type: 'message', id: 'hi-1', timestamp: NOW, channelId: 'msteams', serviceUrl: `${standIns.base}/`, text: 'hi', textFormat: 'plain',
        from: { id: ANA.id, name: ANA.name, aadObjectId: ANA.oid }, recipient: { id: '28:gmgbot', name: 'GmgBot' },
        conversation: { id: ANA.chat, conversationType: 'personal', tenantId: TENANT }, channelData: { tenant: { id: TENANT } },
      }),
    });
    if (!hi.ok) throw new Error(`the bot refused Ana's hi: ${hi.status} ${await hi.text()}`);

    const token = entraToken({ oid: ANA.oid, name: ANA.name });
    const myReminders = async () => (await (await fetch(`${bot}/tab/api/me`, { headers: { Authorization: `Bearer ${token}` } })).json()).reminders;

    const browser = await launchBrowser({ width: 1280, height: 900 });
    try {
      const page = await browser.newPage();
      const problems = [];
      page.on('pageerror', (error) => problems.push(error.message));
      await page.emulateTimezone('Europe/Berlin');
      await page.setRequestInterception(true);
      page.on('request', (request) => {
        if (request.url().endsWith('/tab/lib/teams-js.min.js')) {
          return request.respond({ status: 200, contentType: 'text/javascript', body: teamsStandIn(token, 'default') });
        }
        // Only the bot: nothing may come from a CDN.
        return request.url().startsWith(bot) ? request.continue() : request.abort();
      });
      await page.goto(`${bot}/tab/`, { waitUntil: 'networkidle0' });

      // The agenda: both days, the session in progress marked Now, times in the delegate's zone too.
      await page.waitForSelector('.session.is-now', { timeout: 15_000 });
      const agenda = await page.evaluate(() => ({
        days: [...document.querySelectorAll('.day h2')].map((h) => h.innerText),
        now: document.querySelector('.session.is-now h3')?.innerText,
        nowMark: document.querySelector('.session.is-now .mark.now')?.innerText,
        next: document.querySelector('.session.is-next h3')?.innerText,
        yourTime: document.querySelector('.session.is-now .your-time')?.innerText,
        who: document.getElementById('who').innerText,
        landmarks: ['header', 'main', 'aside', '[role="search"]'].filter((s) => document.querySelector(s)).length,
      }));
      if (agenda.days.length !== 2) throw new Error(`expected two days, got ${JSON.stringify(agenda.days)}`);
      if (agenda.now !== 'Reducing migration costs' || agenda.nowMark !== 'Now') throw new Error(`the Now mark is not on the session in progress: ${JSON.stringify(agenda)}`);
      if (!agenda.next) throw new Error('no session is marked Next');
      if (agenda.yourTime !== '16:45–18:15 your time') throw new Error(`the time in the delegate's zone is wrong: ${agenda.yourTime}`);
      if (!agenda.who.includes('Ana Delegate')) throw new Error(`the page does not say who is signed in: ${agenda.who}`);
      if (agenda.landmarks !== 4) throw new Error('the page lacks its banner, main, complementary or search landmark');
      await shot(page, 'agenda', 1280);
      await shot(page, 'agenda', 360);

      // Search as you type.
      await page.setViewport({ width: 1280, height: 900 });
      await page.type('#search-box', 'orozco', { delay: 30 });
      await page.waitForFunction(() => document.querySelector('#search-results li[data-kind="person"]')?.innerText.includes('Manuel Orozco'), { timeout: 10_000 });
      await shot(page, 'search', 1280);
      await page.$eval('#search-box', (input) => { input.value = ''; input.dispatchEvent(new Event('input')); });

      // Remind me on a session of day 2, from the page: it appears in My schedule and in the bot's store.
      const remind = await page.waitForSelector('[data-remind="d2-mainstreaming"] button', { timeout: 10_000 });
      await page.select('#lead-d2-mainstreaming', '30');
      await remind.click();
      await page.waitForFunction(() => document.querySelector('#mine-list [data-reminder]')?.innerText.includes('Mainstreaming'), { timeout: 10_000 });
      const stored = await myReminders();
      if (stored.length !== 1 || stored[0].sessionId !== 'd2-mainstreaming' || stored[0].lead !== 30) throw new Error(`the bot's store holds ${JSON.stringify(stored)}`);
      const status = await page.$eval('#status', (n) => n.innerText);
      if (!status.startsWith('Reminder set: 30 minutes before')) throw new Error(`the page said: ${status}`);
      const docsShots = [await shot(page, 'my-schedule', 1280)];
      await shot(page, 'my-schedule', 360);

      // Teams switches theme: the page follows.
      for (const theme of ['dark', 'contrast']) {
        await page.evaluate((t) => window.teamsThemeChange(t), theme);
        const applied = await page.evaluate(() => document.body.dataset.theme);
        if (applied !== theme) throw new Error(`Teams' ${theme} theme was not applied (body says ${applied})`);
        await shot(page, `theme-${theme}`, 360);
      }
      await page.evaluate(() => window.teamsThemeChange('default'));

      // Cancel from My schedule.
      await page.setViewport({ width: 1280, height: 900 });
      await page.click('#mine-list [data-reminder] button');
      await page.waitForFunction(() => document.querySelectorAll('#mine-list [data-reminder]').length === 0, { timeout: 10_000 });
      if ((await myReminders()).length !== 0) throw new Error('the cancelled reminder is still in the bot\'s store');
      if (problems.length) throw new Error(`the page threw: ${problems.join('; ')}`);

      if (options.docs) {
        mkdirSync(docs, { recursive: true });
        for (const path of [join(screenshots, 'agenda-360.png'), ...docsShots]) {
          copyFileSync(path, join(docs, `tab-${path.split('/').pop()}`));
        }
      }
      console.log('agenda tab: two days, Now on the session in progress, search, reminder set and cancelled through the page, themes followed');
    } finally {
      await browser.close();
    }
  } finally {
    standIns.server.close();
  }
});
