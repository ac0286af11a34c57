// Real-client test in a real browser: a person chats with GmgBot in the Microsoft 365 Agents Playground's web
// page (a local Teams client). Starts the built bot and the Playground headless on free ports, opens the
// Playground in headless Chromium (puppeteer-core; only localhost is reachable: the page's CDN fonts and
// scripts are refused), types `help`, `agenda day 1` and `who chairs the session on decent work?` into the
// compose box, reads each reply from the page (text and the rendered Adaptive Card) and checks it, then opens
// a session's "Remind me" card and presses "Set reminder" and waits for the bot's answer in the card.
// Screenshots (1280 px and 360 px wide) go to artifacts/screenshots/playground/. Exit code 0 = passed.
//
//   node tests/teams/playground-browser.test.mjs
//
// Needs a built host (dotnet build) and Chromium (apt-get install chromium); GMGBOT_CONFIGURATION=Release|Debug
// picks the build. The bot replays the event from tomorrow (Knowledge:ReplayStartDate), so every session of
// day 1 is still ahead and offers a reminder.
//
// The Playground's page (0.2.28, Fluent UI with generated class names) is read through what is stable in it:
//   compose box   div[contenteditable="true"][role="textbox"]
//   send button   button[aria-label="Send Message"]
//   a message     the outermost element around one [aria-label="Message header"] (author in
//                 [aria-label="Message author"], absent on the user's own messages; time in [aria-label="Message
//                 timestamp"]); the Playground shows the text and the card of one bot activity as two messages
//   a card        .ac-adaptiveCard inside a message (rendered by the adaptivecards library); its buttons are
//                 <button>s, an Action.ShowCard's with aria-expanded; an Action.Execute's answer appears inside
//                 the card's message as text.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser } from '../support/browser.mjs';
import { freePort, getOk, hostDll, root, runProcessTest, sleep, waitFor } from '../support/processes.mjs';

const STARTUP_TIMEOUT_MS = 90_000;
const PAGE_TIMEOUT_MS = 60_000;
const REPLY_TIMEOUT_MS = 30_000;
const COMPOSE = 'div[contenteditable="true"][role="textbox"]';
const SEND = 'button[aria-label="Send Message"]';
const screenshots = join(root, 'artifacts', 'screenshots', 'playground');

let browser;
let page;

// In the page: every message in order, with its author, body text, card text and card buttons.
function readMessages() {
  const HEADER = '[aria-label="Message header"]';
  return [...document.querySelectorAll(HEADER)].map((header, index) => {
    let node = header;
    while (node.parentElement && node.parentElement.querySelectorAll(HEADER).length === 1
      && !node.parentElement.querySelector('[role="textbox"]')) {
      node = node.parentElement;
    }
    node.dataset.gmgMessage = String(index); // for element screenshots and clicks from the test
    const card = node.querySelector('.ac-adaptiveCard');
    return {
      index,
      author: header.querySelector('[aria-label="Message author"]')?.innerText.trim() ?? null,
      text: node.innerText.replace(header.innerText, '').trim(),
      card: card ? card.innerText.trim() : null,
      buttons: card ? [...card.querySelectorAll('button')].map((b) => ({ title: b.innerText.trim(), expanded: b.getAttribute('aria-expanded') })) : [],
    };
  });
}

async function messages(page) {
  return page.evaluate(readMessages);
}

/** Types `text` into the compose box, presses Send, and waits until the bot's messages after it satisfy `expect`. */
async function converse(page, text, expect, what) {
  await page.click(COMPOSE);
  await page.keyboard.type(text, { delay: 10 });
  await page.click(SEND);
  const started = Date.now();
  let last = [];
  try {
    const replies = await waitFor(`${what} in reply to "${text}"`, async () => {
      const all = await messages(page);
      const mine = all.findLastIndex((m) => m.author === null && m.text === text);
      if (mine < 0) return null;
      last = all.slice(mine + 1).filter((m) => m.author !== null);
      return last.length > 0 && expect(last) ? last : null;
    }, { timeoutMs: REPLY_TIMEOUT_MS, intervalMs: 250 });
    await sleep(500); // a second message of the same reply (text, then card) may still be on its way
    const settled = (await messages(page));
    const mine = settled.findLastIndex((m) => m.author === null && m.text === text);
    const result = settled.slice(mine + 1).filter((m) => m.author !== null);
    console.log(`"${text}" → ${result.length} message(s) in ${Date.now() - started} ms: ${JSON.stringify((result.find((m) => m.card)?.card ?? result[0].text).split('\n')[0])}`);
    return result.length >= replies.length ? result : replies;
  } catch (error) {
    throw new Error(`${error.message} Replies seen: ${JSON.stringify(last).slice(0, 600)}`);
  }
}

async function shootMessage(page, message, name) {
  const element = await page.$(`[data-gmg-message="${message.index}"]`);
  if (element) {
    await element.screenshot({ path: join(screenshots, name) });
  }
}

async function conversation(harness) {
  const [botPort, playgroundPort] = [await freePort(), await freePort()];
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  console.log(`bot: ${hostDll()} on ${botPort} (replay from ${tomorrow}); playground on ${playgroundPort}; data in ${harness.folder}`);

  const bot = harness.startBot('bot', { port: botPort, environment: 'Development', settings: { 'Knowledge:ReplayStartDate': tomorrow } });
  const playground = harness.start('playground', process.execPath, [
    join(root, 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js'),
    '-e', `http://127.0.0.1:${botPort}/api/messages`, '-c', 'msteams', '-p', String(playgroundPort), '--dt',
  ], { cwd: harness.folder, env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none' } });
  await waitFor('the bot to answer /healthz', () => getOk(`http://127.0.0.1:${botPort}/healthz`), { timeoutMs: STARTUP_TIMEOUT_MS, child: bot, intervalMs: 250 });
  await waitFor('the Playground to answer', () => getOk(`http://127.0.0.1:${playgroundPort}/_internal/v1/config`), { timeoutMs: STARTUP_TIMEOUT_MS, child: playground, intervalMs: 250 });

  mkdirSync(screenshots, { recursive: true });
  browser = await launchBrowser({ width: 1280, height: 900 });
  page = await browser.newPage();
  // Offline: the page may reach the Playground (localhost) only; its CDN fonts and scripts are refused.
  const refused = new Set();
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (['data:', 'blob:'].includes(url.protocol) || ['localhost', '127.0.0.1'].includes(url.hostname)) {
      request.continue();
    } else {
      refused.add(url.host);
      request.abort();
    }
  });
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));

  const loadStarted = Date.now();
  await page.goto(`http://localhost:${playgroundPort}`, { waitUntil: 'domcontentloaded', timeout: PAGE_TIMEOUT_MS });
  await page.waitForSelector(COMPOSE, { visible: true, timeout: PAGE_TIMEOUT_MS });
  await page.waitForSelector(SEND, { visible: true, timeout: PAGE_TIMEOUT_MS });
  console.log(`Playground page ready in ${Date.now() - loadStarted} ms${refused.size ? ` (refused: ${[...refused].join(', ')})` : ''}`);
  // The first install greets the user (text and a welcome card); not required, only reported.
  const welcome = await waitFor('the welcome card', async () => (await messages(page)).find((m) => m.card?.includes('Welcome to GmgBot')), { timeoutMs: 10_000, intervalMs: 250 }).catch(() => null);
  console.log(welcome ? `welcome card shown with button(s) ${welcome.buttons.map((b) => `"${b.title}"`).join(', ')}` : 'no welcome card (not required)');

  // 1. help: the help text and the card headed "What I can do".
  const help = await converse(page, 'help',
    (r) => r.some((m) => m.text.includes('Here is what I can do')) && r.some((m) => m.card?.startsWith('What I can do')), 'the help text and card');
  await shootMessage(page, help.find((m) => m.card), 'help-card-1280.png');

  // 2. agenda day 1: a card with the day, session times and titles, and the chair.
  const agenda = await converse(page, 'agenda day 1',
    (r) => r.some((m) => m.card && /Day 1/.test(m.card) && /\b\d{2}:\d{2}–\d{2}:\d{2}\b/.test(m.card)
      && m.card.includes('Promoting decent work for international migrants')), 'the day 1 schedule card (times and session titles)');
  const agendaCard = agenda.find((m) => m.card && m.card.includes('Promoting decent work'));
  const times = agendaCard.card.match(/\b\d{2}:\d{2}–\d{2}:\d{2}\b/g);
  console.log(`agenda card: ${times.length} time slots (${times[0]} … ${times.at(-1)}), buttons ${[...new Set(agendaCard.buttons.map((b) => b.title))].join(', ')}`);
  await page.evaluate((i) => document.querySelector(`[data-gmg-message="${i}"]`)?.scrollIntoView({ block: 'start' }), agendaCard.index);
  await page.screenshot({ path: join(screenshots, 'conversation-1280.png') });
  await shootMessage(page, agendaCard, 'agenda-card-1280.png');

  // 3. A question in plain words: the answer names the chair.
  const chair = await converse(page, 'who chairs the session on decent work?',
    (r) => r.some((m) => (m.text + (m.card ?? '')).includes('Michelle Leighton')), 'an answer naming Michelle Leighton');
  const chairText = chair.map((m) => m.text).join(' ');
  if (!/chair/i.test(chairText)) {
    throw new Error(`The answer names Michelle Leighton but says nothing about chairing: ${chairText.slice(0, 300)}`);
  }
  await page.evaluate((i) => document.querySelector(`[data-gmg-message="${i}"]`)?.scrollIntoView({ block: 'start' }), chair[0].index);
  await page.screenshot({ path: join(screenshots, 'answer-1280.png') });

  // 4. A card button: open "Remind me" (Action.ShowCard) on the agenda card, press "Set reminder"
  //    (Action.Execute): the bot's answer appears in the card's message.
  const remind = agendaCard.buttons.find((b) => b.expanded === 'false');
  if (!remind) {
    throw new Error(`The agenda card has no ShowCard button to open; buttons: ${JSON.stringify(agendaCard.buttons)}`);
  }
  const card = `[data-gmg-message="${agendaCard.index}"] .ac-adaptiveCard`;
  const before = await page.$eval(`[data-gmg-message="${agendaCard.index}"]`, (n) => n.innerText);
  await page.$$eval(`${card} button[aria-expanded="false"]`, (buttons) => buttons[0].click());
  const setButton = await waitFor(`"${remind.title}" to open a card with a "Set reminder" button`, async () => {
    for (const b of await page.$$(`${card} button`)) {
      if (await b.evaluate((x) => x.innerText.trim() === 'Set reminder' && x.getClientRects().length > 0)) return b;
    }
    return null;
  }, { timeoutMs: 10_000, intervalMs: 200 });
  await setButton.click();
  const update = await waitFor('the answer to "Set reminder"', async () => {
    const now = await page.$eval(`[data-gmg-message="${agendaCard.index}"]`, (n) => n.innerText);
    const added = now.split('\n').filter((line) => line.trim() && !before.includes(line.trim()));
    const answer = added.find((line) => /remind you/i.test(line));
    if (answer) return answer;
    // Or as a new bot message after the answer to the question.
    const all = await messages(page);
    return all.slice(chair.at(-1).index + 1).find((m) => m.author !== null && /remind/i.test(m.text))?.text ?? null;
  }, { timeoutMs: REPLY_TIMEOUT_MS, intervalMs: 250 });
  console.log(`"${remind.title}" → "Set reminder" → ${JSON.stringify(update.trim())}`);
  await page.evaluate((i) => document.querySelector(`[data-gmg-message="${i}"]`)?.scrollIntoView({ block: 'end' }), agendaCard.index);
  await page.screenshot({ path: join(screenshots, 'set-reminder-1280.png') });

  // 5. The same page 360 px wide (a phone; the Playground's layout does not narrow below about 600 px, so the
  //    chat is cut on the right): the end of the conversation, and the agenda card.
  await page.setViewport({ width: 360, height: 780, deviceScaleFactor: 1 });
  await sleep(1000);
  await page.screenshot({ path: join(screenshots, 'conversation-360.png') });
  await page.evaluate((i) => document.querySelector(`[data-gmg-message="${i}"]`)?.scrollIntoView({ block: 'start' }), agendaCard.index);
  await sleep(300);
  await page.screenshot({ path: join(screenshots, 'agenda-360.png') });
  if (pageErrors.length > 0) {
    console.log(`page errors (not failures): ${pageErrors.slice(0, 3).join(' | ')}`);
  }
  console.log(`screenshots in artifacts/screenshots/playground/`);
}

async function main(harness) {
  try {
    await conversation(harness);
  } catch (error) {
    // What the page showed when it failed.
    await page?.screenshot({ path: join(screenshots, 'failure.png') }).catch(() => {});
    throw error;
  }
}

await runProcessTest({ folderPrefix: 'gmgbot-playground-browser-', outputLines: 40, cleanup: () => browser?.close() }, main);
