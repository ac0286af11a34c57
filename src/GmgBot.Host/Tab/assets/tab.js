// The Agenda tab: the agenda and search for anyone; "My schedule" with the user's reminders when Teams signs them in.
// No framework: a few fetches and DOM updates. Teams is reached through @microsoft/teams-js (lib/teams-js.min.js).
'use strict';

const state = { token: null, zone: null, agenda: null, me: null, focus: null };
const $ = (id) => document.getElementById(id);

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key in node && typeof value !== 'string') node[key] = value;
    else node.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) node.append(child);
  }
  return node;
}

async function api(path, options = {}) {
  const headers = { Accept: 'application/json', ...(options.body ? { 'Content-Type': 'application/json' } : {}) };
  if (state.token) headers.Authorization = `Bearer ${state.token}`;
  const separator = path.includes('?') ? '&' : '?';
  const url = state.zone ? `${path}${separator}zone=${encodeURIComponent(state.zone)}` : path;
  const response = await fetch(url, { ...options, headers });
  if (response.status === 204) return null;
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new Error(body?.detail || `The bot answered ${response.status}.`);
  return body;
}

function say(text) {
  const status = $('status');
  status.textContent = text;
  status.hidden = !text;
}

// --- Teams: theme, single sign-on, where the tab was opened -----------------------------------------------------------
function applyTheme(theme) {
  document.body.dataset.theme = theme === 'dark' ? 'dark' : theme === 'contrast' ? 'contrast' : 'default';
  document.body.dataset.themeFromTeams = '';
}

async function connectToTeams() {
  const teams = window.microsoftTeams;
  if (!teams) return false;
  try {
    // Outside Teams initialize never answers: give up after a moment and show the public agenda.
    await Promise.race([teams.app.initialize(), new Promise((_, reject) => setTimeout(() => reject(new Error('not in Teams')), 3000))]);
  } catch {
    return false;
  }
  const context = await teams.app.getContext();
  applyTheme(context.app?.theme);
  teams.app.registerOnThemeChangeHandler(applyTheme);
  state.focus = context.page?.subPageId || null;
  try {
    state.token = await teams.authentication.getAuthToken();
  } catch (error) {
    say(`Teams could not sign you in (${error.message || error}): here is the public agenda.`);
  }
  teams.app.notifySuccess?.();
  return true;
}

// --- The agenda ----------------------------------------------------------------------------------------------------
function sessionItem(s) {
  const classes = ['session', s.minor && 'minor', s.mark === 'Now' && 'is-now', s.mark === 'Next' && 'is-next', s.mark === 'Ended' && 'ended'];
  const titleId = `title-${s.id}`;
  const facts = [];
  const fact = (term, ...value) => facts.push(el('dt', {}, term), el('dd', {}, ...value));
  if (s.room) fact('Room', s.room);
  if (s.chairs.length) fact(s.chairs.length > 1 ? 'Chairs' : 'Chair', s.chairs.map((c) => c.organisation ? `${c.name} (${c.organisation})` : c.name).join('; '));
  if (s.speakers.length) fact(s.speakers.length > 1 ? 'Speakers' : 'Speaker', s.speakers.map((p) => [p.name, p.remote ? ' (remote)' : '', p.topic ? ` — ${p.topic}` : ''].join('')).join('; '));
  if (s.facilitatedBy.length) fact('With', s.facilitatedBy.join('; '));
  if (s.targets.length) fact('SDG targets', el('ul', { class: 'targets' }, s.targets.map((t) => el('li', { title: t.text || '' }, t.id))));
  return el('li', { class: classes.filter(Boolean).join(' '), id: `session-${s.id}`, 'aria-labelledby': titleId, 'data-session': s.id },
    el('p', { class: 'when' },
      el('span', {}, `${s.start}–${s.end}`),
      s.mark === 'Now' ? el('span', { class: 'mark now' }, 'Now') : null,
      s.mark === 'Next' ? el('span', { class: 'mark next' }, 'Next') : null,
      s.toBeConfirmed ? el('span', { class: 'muted' }, 'to be confirmed') : null),
    s.yourTime ? el('p', { class: 'muted your-time' }, s.yourTime) : null,
    el('h3', { id: titleId }, s.title),
    s.subtitle ? el('p', { class: 'muted' }, s.subtitle) : null,
    facts.length && !s.minor ? el('dl', { class: 'facts' }, facts) : null,
    s.minor ? null : remindControls(s));
}

function remindControls(s) {
  const holder = el('div', { class: 'remind', 'data-remind': s.id });
  const mine = state.me?.reminders.find((r) => r.sessionId === s.id);
  if (mine) {
    holder.append(el('span', { class: 'set' }, `⏰ Reminder ${mine.lead} min before (${mine.due})`),
      el('button', { class: 'secondary', type: 'button', onclick: () => cancel(mine), 'aria-label': `Cancel the reminder for ${s.title}` }, 'Cancel reminder'));
  } else if (s.canRemind && state.me?.canRemind) {
    const leadId = `lead-${s.id}`;
    const lead = el('select', { id: leadId }, state.me.leadChoices.map((m) => el('option', { value: String(m), selected: m === state.me.defaultLead }, `${m} min before`)));
    holder.append(el('label', { for: leadId, class: 'visually-hidden' }, `When to remind you of ${s.title}`), lead,
      el('button', { type: 'button', onclick: () => remind(s, Number(lead.value)), 'aria-label': `Remind me of ${s.title}` }, 'Remind me'));
  }
  return holder;
}

// What has ended is folded away (still there for the keyboard and screen readers), so what is on now comes first.
function sessionList(day) {
  const ended = day.sessions.filter((s) => s.mark === 'Ended');
  const rest = day.sessions.filter((s) => s.mark !== 'Ended');
  const list = el('ul', { class: 'sessions' }, rest.map(sessionItem));
  if (ended.length === 0) return list;
  const folded = el('details', { class: 'ended-sessions' },
    el('summary', {}, `Earlier: ${ended.length} ${ended.length === 1 ? 'session' : 'sessions'} ended`),
    el('ul', { class: 'sessions' }, ended.map(sessionItem)));
  return rest.length ? el('div', {}, folded, list) : folded;
}

function renderAgenda() {
  const { event, days, yourZone } = state.agenda;
  $('event-name').textContent = event.title || event.name;
  $('event-line').textContent = [event.city, event.venue, `times are ${event.zone}`, yourZone].filter(Boolean).join(' · ');
  $('replay').textContent = event.replay || '';
  $('replay').hidden = !event.replay;
  const holder = $('days');
  holder.replaceChildren(...days.map((d) => el('section', { class: 'day', 'aria-labelledby': `day-${d.day}`, id: `day-section-${d.day}` },
    el('div', { class: 'day-head' }, el('h2', { id: `day-${d.day}` }, d.label), d.mark ? el('span', { class: 'mark day' }, d.mark) : null,
      d.theme ? el('p', { class: 'muted' }, d.theme) : null),
    sessionList(d))));
  holder.setAttribute('aria-busy', 'false');
}

function renderMine() {
  const me = state.me;
  const list = $('mine-list');
  $('who').textContent = me?.signedIn ? `Signed in${me.name ? ` as ${me.name}` : ''}${me.isDeveloper ? ' (developer identity)' : ''}` : 'Public agenda';
  $('mine-note').textContent = !me?.signedIn || !me.canRemind ? (me?.why || '') : me.reminders.length ? '' : 'No reminders yet: press Remind me on a session.';
  list.replaceChildren(...(me?.reminders ?? []).map((r) => el('li', { 'data-reminder': String(r.id) },
    el('p', {}, el('a', { href: `#session-${r.sessionId}`, onclick: () => highlight(r.sessionId) }, r.title)),
    el('p', { class: 'muted' }, `${r.when} · reminder ${r.lead} min before, at ${r.due}`),
    el('button', { class: 'secondary', type: 'button', onclick: () => cancel(r), 'aria-label': `Cancel the reminder for ${r.title}` }, 'Cancel'))));
  document.querySelectorAll('[data-remind]').forEach((holder) => {
    const session = findSession(holder.dataset.remind);
    if (session) holder.replaceWith(remindControls(session));
  });
}

function findSession(id) {
  for (const day of state.agenda?.days ?? []) {
    const found = day.sessions.find((s) => s.id === id);
    if (found) return found;
  }
  return null;
}

function highlight(sessionId) {
  document.querySelectorAll('.session.highlight').forEach((n) => n.classList.remove('highlight'));
  const node = document.getElementById(`session-${sessionId}`);
  if (!node) return;
  const folded = node.closest('details');
  if (folded) folded.open = true;
  node.classList.add('highlight');
  node.scrollIntoView({ block: 'center' });
  node.setAttribute('tabindex', '-1');
  node.focus({ preventScroll: true });
}

async function remind(session, lead) {
  try {
    const outcome = await api('api/reminders', { method: 'POST', body: JSON.stringify({ sessionId: session.id, lead }) });
    say(outcome.message);
    await loadMe();
  } catch (error) {
    say(error.message);
  }
}

async function cancel(reminder) {
  try {
    await api(`api/reminders/${reminder.id}`, { method: 'DELETE' });
    say(`Reminder cancelled: ${reminder.title}.`);
    await loadMe();
  } catch (error) {
    say(error.message);
  }
}

// --- Search as you type ------------------------------------------------------------------------------------------------
let searchRun = 0;
async function search(text) {
  const run = ++searchRun;
  const results = $('search-results');
  if (!text.trim()) {
    results.hidden = true;
    results.replaceChildren();
    return;
  }
  let found;
  try {
    found = await api(`api/search?q=${encodeURIComponent(text)}`);
  } catch (error) {
    if (run === searchRun) { results.hidden = false; results.replaceChildren(el('p', { class: 'notice' }, error.message)); }
    return;
  }
  if (run !== searchRun) return;   // a later keystroke has its own answer on the way
  results.hidden = false;
  results.replaceChildren(found.results.length === 0
    ? el('p', { class: 'muted' }, `Nothing matches “${text}”.`)
    : el('ul', { class: 'found', 'aria-label': `${found.results.length} results` }, found.results.map((r) => el('li', { 'data-kind': r.kind },
      r.kind === 'session'
        ? el('a', { href: `#session-${r.id}`, onclick: () => highlight(r.id) }, r.title)
        : el('strong', {}, r.title),
      el('p', { class: 'muted' }, r.detail),
      r.sessions.length ? el('ul', {}, r.sessions.map((s) => el('li', {}, el('a', { href: `#session-${s.id}`, onclick: () => highlight(s.id) }, s.title),
        ` · ${s.role} · ${s.when}`))) : null))));
}

// --- Start -----------------------------------------------------------------------------------------------------------
async function loadMe() {
  try {
    state.me = await api('api/me');
  } catch (error) {
    state.me = null;
    say(error.message);
  }
  renderMine();
}

async function start() {
  state.zone = Intl.DateTimeFormat().resolvedOptions().timeZone || null;
  const params = new URLSearchParams(location.search);
  state.focus = params.get('session') ? `session:${params.get('session')}` : params.get('day') ? `day:${params.get('day')}` : null;
  await connectToTeams();
  try {
    state.agenda = await api('api/agenda');
  } catch (error) {
    $('days').replaceChildren(el('p', { class: 'notice' }, `The agenda could not be loaded: ${error.message}`));
    return;
  }
  renderAgenda();
  await loadMe();
  const input = $('search-box');
  input.addEventListener('input', () => search(input.value));
  const [kind, id] = (state.focus || '').split(/:(.*)/s);
  if (kind === 'session') highlight(id);
  else if (kind === 'day') document.getElementById(`day-section-${id}`)?.scrollIntoView();
}

start();
