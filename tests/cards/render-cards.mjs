// Renders every Adaptive Card the bot builds (artifacts/cards/*.json, written by the C# tests) the way Teams
// does, in a real browser, and checks what a person would see. Headless Chromium (puppeteer-core) loads the
// official renderer (npm adaptivecards, dist bundle, with markdown-it for the markdown Teams supports) into a
// local page (no network: every request the page makes is refused) and renders each card with Microsoft
// Teams' host configs and button/input styles (tests/cards/hostconfigs/, see its README) in the light, dark and
// high-contrast themes, in a card container 360 px and 500 px wide. 'Segoe UI' is mapped to Liberation Sans.
//
// Checked for each card × theme × width, on the card as first shown and again with each Action.ShowCard open:
//  truncated   text (TextBlock, fact, button title, choice label...) not shown in full: the extent of its words
//              goes past the padding box of an ancestor that clips (overflow not visible), by more than 1 px,
//              or text-overflow: ellipsis is in effect (scrollWidth > clientWidth). Vertical clipping too.
//  overflow    an element that sticks out of the card horizontally, or is cut off by a clipping ancestor, or
//              text that spills out of its own box (reported once, on the outermost element concerned).
//  contrast    visible text below WCAG 2 AA: 4.5:1, or 3:1 for large text (≥ 24 px, or ≥ 18.66 px bold);
//              text colour (with its alpha) over the effective background: the first opaque background up
//              the ancestors, with the translucent ones in between composited (the card's background is
//              the host config's). Disabled controls and placeholders are exempt, as in WCAG. Button titles
//              and the required-input cue (" *") take their colours from Teams' styles, not from the card:
//              their problems are printed as NOTE lines and listed apart, not counted.
//  input-cut   a compact ChoiceSet (select) whose shown choice, or another choice once chosen, is wider than
//              the select's text area; a date/time field narrower than it needs; text/number inputs whose
//              value or placeholder does not fit.
//  actions     more actions in one set than the host config's maxActions: the renderer drops the rest.
//  long        at 360 px, a card taller than one and a half phone screens (1170 px: 1.5 × 780 px), which a person
//              scrolls through rather than reads.
// Not checked: hidden elements (display none, visibility hidden, opacity 0, closed ShowCards), images, hover.
//
//   node tests/cards/render-cards.mjs [--report-only] [--findings FILE] [--cards DIR] [--only TEXT]
//                                     [--screenshots some|all|none]
// Prints one line per problem ("FAIL card [theme width] kind: "text" measured"), then "N passed, M failed" over
// the card × theme × width renders; exit 1 on any problem. --report-only (or RENDER_CARDS_REPORT_ONLY=1): the
// same lines as FINDING, a count, and "1 passed, 0 failed" when every card rendered; exit 1 only when a card
// failed to render or none was found. Always writes the findings grouped by card and problem to FILE (default
// artifacts/render-findings.md) and screenshots to artifacts/screenshots/cards/.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { launchBrowser } from '../support/browser.mjs';
import { root } from '../support/processes.mjs';

const here = join(root, 'tests', 'cards');

const { values: options } = parseArgs({
  options: {
    'report-only': { type: 'boolean', default: ['1', 'true'].includes(process.env.RENDER_CARDS_REPORT_ONLY ?? '') },
    findings: { type: 'string', default: join(root, 'artifacts', 'render-findings.md') },
    cards: { type: 'string', default: join(root, 'artifacts', 'cards') },
    only: { type: 'string' },
    screenshots: { type: 'string', default: 'some' },
  },
});

const WIDTHS = [360, 500];
// A phone's chat shows about 780 px of a 360 px wide card; a card may run to one and a half of those.
const PHONE = { width: 360, maxCardHeight: 1170 };
// Canvas colours around the card (adaptivecards-designer's Teams container: #F6F6F6 light, #201E1F dark).
// colorScheme: how the browser draws native parts of inputs (date picker icon, select arrow).
const THEMES = [
  { name: 'light', hostConfig: 'microsoft-teams-light.json', css: 'teams-container-light.css', canvas: '#F6F6F6', colorScheme: 'light' },
  { name: 'dark', hostConfig: 'microsoft-teams-dark.json', css: 'teams-container-dark.css', canvas: '#201E1F', colorScheme: 'dark' },
  { name: 'high-contrast', hostConfig: 'microsoft-teams-high-contrast.json', css: 'teams-container-high-contrast.css', canvas: '#000000', colorScheme: 'dark' },
];
// Cards also shot in dark and high contrast (every card is shot in light at both widths).
const SHOT_IN_EVERY_THEME = ['answer-help', 'answer-person', 'broadcast-composer', 'delivery-report-sending', 'my-reminders'];
const screenshotsDir = join(root, 'artifacts', 'screenshots', 'cards');

const PAGE = `<!doctype html>
<html><head><meta charset="utf-8">
<style>
  /* Teams names Segoe UI; Linux has none: Liberation Sans (Arial metrics) stands in, Liberation Mono for Courier New. */
  @font-face { font-family: 'Segoe UI'; src: local('Liberation Sans'), local('LiberationSans'); font-weight: 100 549; font-style: normal; }
  @font-face { font-family: 'Segoe UI'; src: local('Liberation Sans Bold'), local('LiberationSans-Bold'); font-weight: 550 900; font-style: normal; }
  @font-face { font-family: 'Segoe UI'; src: local('Liberation Sans Italic'), local('LiberationSans-Italic'); font-weight: 100 549; font-style: italic; }
  @font-face { font-family: 'Segoe UI'; src: local('Liberation Sans Bold Italic'), local('LiberationSans-BoldItalic'); font-weight: 550 900; font-style: italic; }
  @font-face { font-family: 'Courier New'; src: local('Liberation Mono'), local('LiberationMono'); }
  html, body { margin: 0; padding: 0; }
  body { font-family: 'Segoe UI', sans-serif; }
  #stage { display: inline-block; padding: 12px; }
  #card { box-sizing: border-box; }
</style>
<style id="theme"></style>
</head><body><div id="stage"><div id="card" class="teams-card"></div></div></body></html>`;

// ---------------------------------------------------------------------------------------------------------
// In the page (serialised with toString: no closures over this module).
function installChecks() {
  const AC = window.AdaptiveCards;
  const stage = document.getElementById('stage');
  const host = document.getElementById('card');
  const TOLERANCE = 1; // px: rounding of sub-pixel layout
  let state = null;

  const px = (n) => Math.round(n * 10) / 10;
  const cssColor = (argb) => {
    // Host config colours are #RRGGBB or #AARRGGBB.
    const hex = argb.replace('#', '');
    if (hex.length === 8) {
      const a = parseInt(hex.slice(0, 2), 16) / 255;
      return `rgba(${parseInt(hex.slice(2, 4), 16)}, ${parseInt(hex.slice(4, 6), 16)}, ${parseInt(hex.slice(6, 8), 16)}, ${a})`;
    }
    return `#${hex}`;
  };

  window.renderCard = (payload, hostConfigJson, width, canvas) => {
    host.innerHTML = '';
    document.body.style.background = canvas;
    stage.style.background = canvas;
    host.style.width = `${width}px`;
    host.style.background = cssColor(hostConfigJson.containerStyles.default.backgroundColor);
    const card = new AC.AdaptiveCard();
    card.hostConfig = new AC.HostConfig(hostConfigJson);
    card.onExecuteAction = () => {};
    const context = new AC.SerializationContext();
    card.parse(payload, context);
    const element = card.render();
    if (!element) {
      throw new Error('the renderer returned nothing');
    }
    host.appendChild(element);
    state = { card, element, maxActions: card.hostConfig.actions.maxActions };
    return true;
  };

  const isShown = (el) => {
    if (el.getClientRects().length === 0) return false;
    const style = getComputedStyle(el);
    if (style.visibility !== 'visible' || parseFloat(style.opacity) === 0) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };

  const clean = (text) => {
    const t = (text ?? '').replace(/\s+/g, ' ').trim();
    return t.length > 90 ? `${t.slice(0, 89)}…` : t;
  };

  // What a person would call the element, and the text that names it.
  const describe = (el) => {
    const button = el.closest('button');
    if (button) {
      return { what: button.getAttribute('aria-expanded') !== null ? 'ShowCard button' : 'button', text: clean(button.innerText || button.getAttribute('aria-label')) };
    }
    const labelOf = (input) => {
      const ids = (input.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean);
      const byId = ids.map((id) => document.getElementById(id)?.innerText ?? '').join(' ').trim();
      return byId || input.labels?.[0]?.innerText || input.getAttribute('aria-label') || '';
    };
    if (el.tagName === 'SELECT') return { what: 'ChoiceSet (compact)', text: clean(labelOf(el) || el.options[el.selectedIndex]?.text) };
    if (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA') {
      return { what: `Input (${el.type})`, text: clean(labelOf(el) || el.placeholder || el.value || el.id) };
    }
    const cell = el.closest('td');
    if (cell && cell.closest('.ac-factset')) {
      return { what: cell.cellIndex === 0 ? 'fact title' : 'fact value', text: clean(cell.innerText) };
    }
    const label = el.closest('label');
    if (label) return { what: label.closest('.ac-input-container, .ac-choiceSetInput-expanded, .ac-choiceSetInput-multiSelect, .ac-toggleInput') ? 'choice/label' : 'label', text: clean(label.innerText) };
    const block = el.closest('.ac-textBlock, .ac-richTextBlock');
    if (block) return { what: block.classList.contains('ac-richTextBlock') ? 'RichTextBlock' : 'TextBlock', text: clean(block.innerText) };
    const named = el.closest('[class*="ac-"]');
    const kind = named ? [...named.classList].find((c) => c.startsWith('ac-')).slice(3) : el.tagName.toLowerCase();
    return { what: kind, text: clean(el.innerText) };
  };

  // The visible region of `el`'s content: its own padding box when it clips, intersected with every clipping
  // ancestor's up to `stop` (exclusive); with the element that sets each edge.
  const clipRect = (el, stop) => {
    const clip = { left: -Infinity, right: Infinity, top: -Infinity, bottom: Infinity, byX: null, byY: null };
    for (let a = el; a && a !== stop && a !== document.documentElement; a = a.parentElement) {
      const style = getComputedStyle(a);
      const r = a.getBoundingClientRect();
      if (style.overflowX !== 'visible') {
        const left = r.left + a.clientLeft;
        const right = left + a.clientWidth;
        if (left > clip.left) clip.left = left;
        if (right < clip.right) { clip.right = right; clip.byX = a; }
      }
      if (style.overflowY !== 'visible') {
        const top = r.top + a.clientTop;
        const bottom = top + a.clientHeight;
        if (top > clip.top) clip.top = top;
        if (bottom < clip.bottom) { clip.bottom = bottom; clip.byY = a; }
      }
    }
    return clip;
  };

  // The extent of the words of `el`'s own text nodes (whitespace excluded: a hanging space is not text).
  const wordsBox = (el) => {
    const box = { left: Infinity, right: -Infinity, top: Infinity, bottom: -Infinity };
    const range = document.createRange();
    for (const node of el.childNodes) {
      if (node.nodeType !== Node.TEXT_NODE) continue;
      for (const match of node.textContent.matchAll(/\S+/g)) {
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        for (const r of range.getClientRects()) {
          if (r.width === 0) continue;
          box.left = Math.min(box.left, r.left);
          box.right = Math.max(box.right, r.right);
          box.top = Math.min(box.top, r.top);
          box.bottom = Math.max(box.bottom, r.bottom);
        }
      }
    }
    return box.right > box.left ? { ...box, width: box.right - box.left, height: box.bottom - box.top } : null;
  };

  const ownText = (el) => [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim() !== '');

  // ---- colours (WCAG 2 relative luminance) ----
  const parseColor = (value) => {
    const m = /^rgba?\(([^)]+)\)$/.exec(value.trim());
    if (!m) return null;
    const parts = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
    return { r: parts[0], g: parts[1], b: parts[2], a: parts.length > 3 ? parts[3] : 1 };
  };
  const over = (top, bottom) => {
    const a = top.a + bottom.a * (1 - top.a);
    if (a === 0) return { r: 0, g: 0, b: 0, a: 0 };
    const mix = (t, b) => (t * top.a + b * bottom.a * (1 - top.a)) / a;
    return { r: mix(top.r, bottom.r), g: mix(top.g, bottom.g), b: mix(top.b, bottom.b), a };
  };
  const luminance = ({ r, g, b }) => {
    const channel = (c) => {
      const s = c / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  const contrast = (a, b) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const hex = ({ r, g, b }) => `#${[r, g, b].map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
  const effectiveBackground = (el) => {
    const layers = [];
    for (let a = el; a; a = a.parentElement) {
      const c = parseColor(getComputedStyle(a).backgroundColor);
      if (c && c.a > 0) {
        layers.push(c);
        if (c.a >= 1) break;
      }
    }
    let bg = { r: 255, g: 255, b: 255, a: 1 }; // nothing opaque up to <html>: the browser's white
    for (const layer of layers.reverse()) bg = over(layer, bg);
    return bg;
  };
  const opacityOf = (el) => {
    let o = 1;
    for (let a = el; a; a = a.parentElement) o *= parseFloat(getComputedStyle(a).opacity);
    return o;
  };
  const isDisabled = (el) => !!el.closest('[disabled], [aria-disabled="true"], .ac-pushButton-disabled, .ac-inlineActionButton-disabled');

  // ---- text widths for inputs ----
  const canvas = document.createElement('canvas').getContext('2d');
  const textWidth = (text, style) => {
    canvas.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    return canvas.measureText(text).width;
  };
  const horizontalPadding = (style) => parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
  const horizontalBorders = (style) => parseFloat(style.borderLeftWidth) + parseFloat(style.borderRightWidth);
  // Width a select needs beyond its text (drop-down arrow and inner spacing): a copy sized to its content.
  const selectChrome = (select) => {
    const copy = select.cloneNode(true);
    copy.style.width = 'auto';
    copy.style.minWidth = '0';
    copy.style.maxWidth = 'none';
    copy.style.position = 'absolute';
    copy.style.left = '-10000px';
    document.body.appendChild(copy);
    const style = getComputedStyle(copy);
    const widest = Math.max(0, ...[...copy.options].map((o) => textWidth(o.text, style)));
    const chrome = copy.getBoundingClientRect().width - horizontalBorders(style) - horizontalPadding(style) - widest;
    copy.remove();
    return chrome;
  };
  const intrinsicWidth = (input) => {
    const copy = input.cloneNode(true);
    copy.style.width = 'auto';
    copy.style.minWidth = '0';
    copy.style.maxWidth = 'none';
    copy.style.flex = 'none';
    copy.style.position = 'absolute';
    copy.style.left = '-10000px';
    document.body.appendChild(copy);
    const width = copy.getBoundingClientRect().width;
    copy.remove();
    return width;
  };

  // ---- the checks, on what is shown now ----
  const checkShown = (context) => {
    const cardEl = state.element;
    const cardRect = cardEl.getBoundingClientRect();
    const findings = [];
    const add = (kind, el, measured, extra = {}) => findings.push({ kind, ...describe(el), ...extra, measured, context });
    const shown = [...cardEl.querySelectorAll('*')].filter(isShown);
    const reported = [];
    const insideReported = (el) => reported.some((r) => r.contains(el));

    // What an element shows: the words of its text and its controls (an empty box sticking out shows nothing).
    const CONTROLS = new Set(['INPUT', 'SELECT', 'TEXTAREA', 'BUTTON', 'IMG', 'svg', 'CANVAS', 'VIDEO']);
    const words = new Map(shown.filter(ownText).map((el) => [el, wordsBox(el)]).filter(([, box]) => box));
    const controls = shown.filter((el) => CONTROLS.has(el.tagName));
    const contentOf = (el) => {
      if (CONTROLS.has(el.tagName)) return el.getBoundingClientRect();
      const box = { left: Infinity, right: -Infinity };
      for (const [t, b] of words) if (el.contains(t)) { box.left = Math.min(box.left, b.left); box.right = Math.max(box.right, b.right); }
      for (const c of controls) if (el.contains(c)) { const r = c.getBoundingClientRect(); box.left = Math.min(box.left, r.left); box.right = Math.max(box.right, r.right); }
      return box.right > box.left ? box : null;
    };
    const tag = (el) => (el.matches('.ac-textBlock, .ac-richTextBlock, button, select, input, label, td') ? '' : `<${el.tagName.toLowerCase()}> `);

    // overflow: content out of the card, or cut off by a clipping ancestor inside the card; reported on the
    // outermost element whose box goes past the edge and whose content is lost there
    for (const el of shown) {
      if (insideReported(el) || el.tagName === 'OPTION') continue;
      const r = el.getBoundingClientRect();
      const clip = el.parentElement && el.parentElement !== cardEl ? clipRect(el.parentElement, cardEl) : { left: -Infinity, right: Infinity };
      const edge = { left: Math.max(cardRect.left, clip.left), right: Math.min(cardRect.right, clip.right) };
      if (r.right - edge.right <= TOLERANCE && edge.left - r.left <= TOLERANCE) continue;
      const content = contentOf(el);
      if (!content) continue;
      const lost = Math.max(content.right - edge.right, edge.left - content.left);
      if (lost <= TOLERANCE) continue;
      const pastCard = Math.max(content.right - cardRect.right, cardRect.left - content.left);
      add('overflow', el, `${tag(el)}${pastCard > TOLERANCE ? `wider than the ${px(cardRect.width)} px card` : 'cut off'}: `
        + `${px(lost)} px of its content hidden (box ${px(r.width)} px wide, ${px(edge.right - edge.left)} px visible)`);
      reported.push(el);
    }

    // truncated text, text spilling out of its box, contrast
    for (const el of shown) {
      if (!ownText(el) || el.tagName === 'OPTION' || el.tagName === 'SCRIPT' || el.tagName === 'STYLE') continue;
      const box = wordsBox(el);
      if (!box) continue;
      if (!insideReported(el)) {
        const clip = clipRect(el, cardEl);
        const cutX = Math.max(box.right - clip.right, clip.left - box.left);
        const cutY = Math.max(box.bottom - clip.bottom, clip.top - box.top);
        let ellipsis = false;
        for (let a = el; a && a !== cardEl; a = a.parentElement) {
          if (getComputedStyle(a).textOverflow === 'ellipsis' && a.scrollWidth > a.clientWidth) ellipsis = true;
          if (a === clip.byX) break;
        }
        if (cutX > TOLERANCE) {
          add('truncated', el, `${ellipsis ? 'ellipsis: ' : ''}shows ${px(Math.max(0, box.width - cutX))} of ${px(box.width)} px`);
          reported.push(el);
        } else if (cutY > TOLERANCE) {
          add('truncated', el, `cut at the ${box.bottom - clip.bottom > 0 ? 'bottom' : 'top'}: ${px(Math.max(0, box.height - cutY))} of ${px(box.height)} px high`);
          reported.push(el);
        } else if (getComputedStyle(el).textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth + TOLERANCE) {
          add('truncated', el, `ellipsis: scrollWidth ${el.scrollWidth} > clientWidth ${el.clientWidth}`);
          reported.push(el);
        } else {
          let block = el;
          while (block.parentElement && getComputedStyle(block).display.startsWith('inline')) block = block.parentElement;
          const b = block.getBoundingClientRect();
          const spill = Math.max(box.right - (b.right - block.clientLeft), b.left + block.clientLeft - box.left);
          if (spill > TOLERANCE) {
            add('overflow', el, `text spills out of its ${px(b.width)} px box by ${px(spill)} px`);
            reported.push(el);
          }
        }
      }
      if (!isDisabled(el)) {
        const style = getComputedStyle(el);
        const fg = parseColor(style.color);
        if (fg) {
          const bg = effectiveBackground(el);
          const text = over({ ...fg, a: fg.a * opacityOf(el) }, bg);
          const ratio = contrast(text, bg);
          const size = parseFloat(style.fontSize);
          const large = size >= 24 || (size >= 18.66 && parseInt(style.fontWeight, 10) >= 700);
          const needed = large ? 3 : 4.5;
          if (ratio < needed - 0.005) {
            // Button colours come from Teams' styles and the required-input cue (" *") from its host config:
            // the card cannot change them.
            const host = !!el.closest('button') || (el.textContent.trim() === '*' && !!el.closest('label'));
            add('contrast', el, `${ratio.toFixed(2)}:1 (needs ${needed}:1): text ${hex(text)}${fg.a < 1 ? ` (${style.color})` : ''} on ${hex(bg)}`,
              host ? { host: el.closest('button') ? 'button colours are Teams\' styles' : 'the required-input cue colour is the host config\'s' } : {});
          }
        }
      }
    }

    // inputs
    for (const el of shown) {
      if (insideReported(el)) continue;
      if (el.tagName === 'SELECT') {
        const style = getComputedStyle(el);
        const room = el.clientWidth - horizontalPadding(style) - selectChrome(el);
        const choices = [...el.options].map((o, i) => ({ text: o.text, width: textWidth(o.text, style), shown: i === el.selectedIndex }));
        const current = choices.find((c) => c.shown);
        if (current && current.width > room + TOLERANCE) {
          add('input-cut', el, `shows "${clean(current.text)}": needs ${px(current.width)} px, has ${px(room)} px`);
        }
        const others = choices.filter((c) => !c.shown && c.width > room + TOLERANCE).sort((a, b) => b.width - a.width);
        if (others.length > 0) {
          add('input-cut', el, `${others.length} of ${choices.length} choices cut once chosen; longest "${clean(others[0].text)}" needs ${px(others[0].width)} px, has ${px(room)} px`);
        }
        const fg = parseColor(style.color);
        if (fg && current && current.text.trim()) {
          const bg = effectiveBackground(el);
          const text = over(fg, bg);
          const ratio = contrast(text, bg);
          if (ratio < 4.5 - 0.005) add('contrast', el, `${ratio.toFixed(2)}:1 (needs 4.5:1): text ${hex(text)} on ${hex(bg)}`);
        }
      } else if (el.tagName === 'INPUT' && ['date', 'time', 'datetime-local'].includes(el.type)) {
        const needed = intrinsicWidth(el);
        const has = el.getBoundingClientRect().width;
        if (has < needed - TOLERANCE || el.scrollWidth > el.clientWidth + TOLERANCE) {
          add('input-cut', el, `${el.type} field ${px(has)} px wide, needs ${px(needed)} px`);
        }
      } else if ((el.tagName === 'INPUT' && ['text', 'number', 'email', 'tel', 'url', 'search'].includes(el.type))) {
        const style = getComputedStyle(el);
        const room = el.clientWidth - horizontalPadding(style);
        const [what, text] = el.value ? ['value', el.value] : ['placeholder', el.placeholder];
        const width = text ? textWidth(text, style) : 0;
        if (width > room + TOLERANCE) {
          add('input-cut', el, `${what} "${clean(text)}" needs ${px(width)} px, has ${px(room)} px`);
        }
      }
    }
    return findings;
  };

  // The card as first shown, then with each ShowCard open (and the ShowCards inside it, two levels deep).
  window.checkCard = (maxHeight) => {
    const all = [];
    const seen = new Set();
    const visit = (context, depth) => {
      all.push(...checkShown(context));
      if (depth >= 3) return;
      const toggles = [...state.element.querySelectorAll('button[aria-expanded]')].filter((b) => isShown(b) && !seen.has(b));
      for (const button of toggles) {
        seen.add(button);
        if (button.getAttribute('aria-expanded') === 'true') continue;
        button.click();
        visit(`with "${clean(button.innerText)}" open`, depth + 1);
        if (button.getAttribute('aria-expanded') === 'true') button.click();
      }
    };
    visit('', 1);
    const counts = [];
    const countActions = (node) => {
      if (Array.isArray(node)) node.forEach(countActions);
      else if (node && typeof node === 'object') {
        if (Array.isArray(node.actions) && node.actions.length > state.maxActions) {
          counts.push(node.actions);
        }
        Object.values(node).forEach(countActions);
      }
    };
    countActions(state.card.toJSON());
    for (const actions of counts) {
      const dropped = actions.slice(state.maxActions).map((a) => a.title ?? a.type);
      all.push({
        kind: 'actions', what: 'action set', text: clean(actions.map((a) => a.title).join(' · ')), context: '',
        measured: `${actions.length} actions, maxActions ${state.maxActions}: not shown ${dropped.map((t) => `"${t}"`).join(', ')}`,
      });
    }
    const height = state.element.getBoundingClientRect().height;
    if (height > maxHeight) {
      all.push({ kind: 'long', what: 'card', text: '', context: '', measured: `${px(height)} px tall, at most ${maxHeight} px on a phone` });
    }
    // One finding per element and problem (the first context it showed up in).
    const unique = new Map();
    for (const f of all) {
      const key = `${f.kind}|${f.what}|${f.text}`;
      if (!unique.has(key)) unique.set(key, f);
    }
    return [...unique.values()];
  };

  // Opens the first ShowCard (for a screenshot); false when the card has none.
  window.openFirstShowCard = () => {
    const button = [...state.element.querySelectorAll('button[aria-expanded="false"]')].find(isShown);
    if (!button) return false;
    button.click();
    return true;
  };

  // Segoe UI must resolve to Liberation Sans, else every width measured is off.
  window.fontCheck = async () => {
    await Promise.all(['400', '600', '700'].map((w) => document.fonts.load(`${w} 14px "Segoe UI"`)));
    await document.fonts.ready;
    const probe = 'Resend 2 unconfirmed or failed — Add to calendar';
    const width = (family) => {
      canvas.font = `400 14px ${family}`;
      return canvas.measureText(probe).width;
    };
    return { segoe: width('"Segoe UI"'), liberation: width('"Liberation Sans"'), dejavu: width('"DejaVu Sans"') };
  };
}

// ---------------------------------------------------------------------------------------------------------
function loadCards() {
  const folder = resolve(options.cards);
  let files;
  try {
    files = readdirSync(folder).filter((f) => f.endsWith('.json')).sort();
  } catch {
    files = [];
  }
  if (options.only) files = files.filter((f) => f.includes(options.only));
  return { folder, files };
}

function shouldShoot(cardName, theme) {
  if (options.screenshots === 'none') return false;
  if (options.screenshots === 'all' || theme === 'light') return true;
  return SHOT_IN_EVERY_THEME.includes(cardName);
}

function formatLine(label, r, f) {
  const context = f.context ? ` (${f.context})` : '';
  const host = f.host ? ` [Teams' styling, not the card: ${f.host}]` : '';
  return `${label} ${r.card} [${r.theme} ${r.width}px] ${f.kind}: ${f.what} "${f.text}"${context}: ${f.measured}${host}`;
}

const KINDS = {
  render: ['Render error', 'the card did not render'],
  truncated: ['Truncated text', 'shorter text or button titles, fewer buttons side by side (an ActionSet per row, or a ChoiceSet), `wrap: true` on TextBlocks and ChoiceSets'],
  overflow: ['Overflow', 'text that can break (no long unbreakable strings such as URLs in FactSets), no markdown list markers ("1. ") at the start of text that is not a list'],
  contrast: ['Low contrast', 'a text colour that reaches 4.5:1 on the theme\'s background (Teams\' "warning" and "good" colours do not on white; "attention" does not on dark)'],
  'input-cut': ['Input cut off', 'shorter choice titles (the full text can go in a TextBlock below), or an expanded ChoiceSet with `wrap: true`'],
  actions: ['Actions dropped', 'at most maxActions (6) actions per set'],
  long: ['Too long for a phone', 'fewer rows and buttons, details on demand (a toggle or ShowCard), one day per card'],
};

/** Groups findings by card, then by problem (kind, element, text), with the themes and widths it shows at. */
function group(results, pick) {
  const byCard = new Map();
  for (const r of results) {
    for (const f of pick(r)) {
      const problems = byCard.get(r.card) ?? new Map();
      byCard.set(r.card, problems);
      const key = `${f.kind}|${f.what}|${f.text}`;
      const problem = problems.get(key) ?? { ...f, where: [] };
      problems.set(key, problem);
      problem.where.push({ theme: r.theme, width: r.width, measured: f.measured });
    }
  }
  return byCard;
}

function listProblems(lines, byCard) {
  const order = Object.keys(KINDS);
  for (const [card, problems] of [...byCard].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`### ${card}`, '');
    const sorted = [...problems.values()].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
    for (const p of sorted) {
      lines.push(`- **${KINDS[p.kind]?.[0] ?? p.kind}**: ${p.what} "${p.text}"${p.context ? ` (${p.context})` : ''}${p.host ? ` (${p.host})` : ''}`);
      const grouped = new Map();
      for (const w of p.where) {
        const list = grouped.get(w.measured) ?? [];
        grouped.set(w.measured, list);
        list.push(`${w.theme} ${w.width}px`);
      }
      for (const [measured, where] of grouped) lines.push(`  - ${where.join(', ')}: ${measured}`);
    }
    lines.push('');
  }
}

/** The findings file (RENDER-FINDINGS.md): every distinct problem, by card and problem, with where it shows. */
function writeFindings(path, results, meta) {
  const problems = group(results, (r) => r.findings);
  const notes = group(results, (r) => r.notes);
  const count = (byCard) => [...byCard.values()].reduce((n, p) => n + p.size, 0);
  const lines = [
    '# Adaptive Card rendering findings',
    '',
    `Generated by \`node tests/cards/render-cards.mjs\` on ${meta.date}: the ${meta.cards} cards in \`${meta.folder}\`, rendered by`,
    `adaptivecards ${meta.adaptivecards} in Chromium ${meta.chromium} with Microsoft Teams' host configs and styles (light, dark,`,
    'high contrast: see tests/cards/hostconfigs/README.md) in a card container 360 px and 500 px wide, each ShowCard opened in',
    'turn. Segoe UI is replaced by Liberation Sans (Arial metrics): widths are close to Teams on Windows, not identical.',
    `Screenshots: ${meta.screenshots}.`,
    '',
    `**${count(problems)} distinct problems on ${problems.size} cards** (${meta.failedRenders} of ${meta.renders} renders have at least one).`,
    '',
    '| Kind | Distinct problems | What fixes it in the card |',
    '| --- | --- | --- |',
  ];
  const perKind = new Map();
  for (const byKey of problems.values()) for (const p of byKey.values()) perKind.set(p.kind, (perKind.get(p.kind) ?? 0) + 1);
  for (const [kind, [name, fix]] of Object.entries(KINDS)) if (perKind.has(kind)) lines.push(`| ${name} | ${perKind.get(kind)} | ${fix} |`);
  lines.push('', 'Measured values: truncated "shows X of Y px" = visible width of the text against its full width; overflow =',
    'content hidden past the card or a clipping box; contrast = WCAG 2 ratio of the text colour (alpha composited) on the',
    'effective background; input-cut = text width against the room in the field.', '', '## Problems in the cards', '');
  listProblems(lines, problems);
  if (notes.size > 0) {
    lines.push("## Teams' own styling (not counted: the card cannot change it)", '');
    listProblems(lines, notes);
  }
  const cleanCards = [...new Set(results.map((r) => r.card))].filter((c) => !problems.has(c));
  if (cleanCards.length > 0) lines.push('## No problem found', '', cleanCards.join(', '), '');
  mkdirSync(resolve(path, '..'), { recursive: true });
  writeFileSync(path, lines.join('\n'));
}

async function main() {
  const started = Date.now();
  const { folder, files } = loadCards();
  if (files.length === 0) {
    console.error(`No card samples in ${folder}: run dotnet test first.`);
    console.log('0 passed, 1 failed');
    return 1;
  }
  const themes = THEMES.map((t) => ({
    ...t,
    hostConfigJson: JSON.parse(readFileSync(join(here, 'hostconfigs', t.hostConfig), 'utf8')),
    cssText: readFileSync(join(here, 'hostconfigs', t.css), 'utf8'),
  }));
  if (options.screenshots !== 'none') {
    rmSync(screenshotsDir, { recursive: true, force: true });
    mkdirSync(screenshotsDir, { recursive: true });
  }

  const browser = await launchBrowser({ width: 800, height: 900 });
  const results = [];
  let renderErrors = 0;
  try {
    const page = await browser.newPage();
    const pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    // Offline: the page itself is set from here; anything it asks for (an image, a font) is refused and listed.
    const refused = new Set();
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      if (request.url().startsWith('data:') || request.url() === 'about:blank') request.continue();
      else {
        refused.add(request.url());
        request.abort();
      }
    });
    await page.setContent(PAGE);
    await page.addScriptTag({ path: join(root, 'node_modules', 'markdown-it', 'dist', 'browser', 'markdown-it.umd.min.js') });
    await page.addScriptTag({ path: join(root, 'node_modules', 'adaptivecards', 'dist', 'adaptivecards.js') });
    await page.addScriptTag({ content: `(${installChecks.toString()})();` });
    const fonts = await page.evaluate(() => window.fontCheck());
    if (Math.abs(fonts.segoe - fonts.liberation) > 0.5) {
      throw new Error(`'Segoe UI' does not resolve to Liberation Sans (${fonts.segoe} vs ${fonts.liberation} px): apt-get install fonts-liberation`);
    }
    const chromium = (await browser.version()).replace(/^.*?\//, '');
    const adaptivecards = JSON.parse(readFileSync(join(root, 'node_modules', 'adaptivecards', 'package.json'), 'utf8')).version;
    const label = options['report-only'] ? 'FINDING' : 'FAIL';
    let shots = 0;

    for (const theme of themes) {
      await page.evaluate((css, scheme) => {
        document.getElementById('theme').textContent = css;
        document.documentElement.style.colorScheme = scheme;
      }, theme.cssText, theme.colorScheme);
      for (const file of files) {
        const card = basename(file, '.json');
        const payload = JSON.parse(readFileSync(join(folder, file), 'utf8'));
        for (const width of WIDTHS) {
          const result = { card, theme: theme.name, width, findings: [], notes: [] };
          results.push(result);
          try {
            pageErrors.length = 0;
            await page.evaluate((p, h, w, c) => window.renderCard(p, h, w, c), payload, theme.hostConfigJson, width, theme.canvas);
            const found = await page.evaluate((h) => window.checkCard(h), width === PHONE.width ? PHONE.maxCardHeight : Number.MAX_VALUE);
            result.findings = found.filter((f) => !f.host);
            result.notes = found.filter((f) => f.host);
            if (pageErrors.length > 0) throw new Error(pageErrors.join('; '));
            if (shouldShoot(card, theme.name)) {
              const stage = await page.$('#stage');
              await stage.screenshot({ path: join(screenshotsDir, `${card}-${theme.name}-${width}.png`) });
              shots++;
              if (theme.name === 'light' && width === 360 && await page.evaluate(() => window.openFirstShowCard())) {
                await stage.screenshot({ path: join(screenshotsDir, `${card}-${theme.name}-${width}-open.png`) });
                shots++;
              }
            }
          } catch (error) {
            renderErrors++;
            result.findings.push({ kind: 'render', what: 'card', text: card, context: '', measured: error.message.split('\n')[0] });
          }
          for (const f of result.findings) console.log(formatLine(label, result, f));
          for (const f of result.notes) console.log(formatLine('NOTE', result, f));
        }
      }
    }

    const failedRenders = results.filter((r) => r.findings.length > 0).length;
    const findingsPath = resolve(options.findings);
    writeFindings(findingsPath, results, {
      date: new Date().toISOString().slice(0, 10), cards: files.length, folder: relative(root, folder) || '.',
      adaptivecards, chromium, renders: results.length, failedRenders,
      screenshots: options.screenshots === 'none' ? 'none' : `${relative(root, screenshotsDir)}/<card>-<theme>-<width>.png (${options.screenshots === 'all' ? 'every card in every theme' : `light: every card; dark and high contrast: ${SHOT_IN_EVERY_THEME.join(', ')}`}; -open: light 360 px with the first ShowCard opened)`,
    });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`${files.length} cards × ${themes.length} themes × ${WIDTHS.length} widths in ${seconds} s (Chromium ${chromium}, adaptivecards ${adaptivecards}); `
      + `${shots} screenshots in ${relative(root, screenshotsDir)}; findings in ${relative(root, findingsPath).startsWith('..') ? findingsPath : relative(root, findingsPath)}`);
    if (refused.size > 0) console.log(`refused requests (offline): ${[...refused].join(', ')}`);
    if (options['report-only']) {
      console.log(`report only: ${failedRenders} of ${results.length} renders have findings (not counted as failures)`);
      console.log(renderErrors === 0 ? '1 passed, 0 failed' : '0 passed, 1 failed');
      return renderErrors === 0 ? 0 : 1;
    }
    console.log(`${results.length - failedRenders} passed, ${failedRenders} failed`);
    return failedRenders > 0 ? 1 : 0;
  } finally {
    await browser.close();
  }
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(`FAILED: ${error.stack ?? error.message}`);
  console.log('0 passed, 1 failed');
  process.exitCode = 1;
}
