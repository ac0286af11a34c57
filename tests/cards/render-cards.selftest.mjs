// Checks the checks of render-cards.mjs on small cards made to fail (tests/cards/fixtures/bad-*.json) and one
// made to pass (good-card.json: hidden text, an image, wrapped text, columns, a "1." list, a wrapped expanded
// choice set, a ShowCard, large text at 3.2:1). Each expected problem must be reported at exactly the themes and
// widths listed, and nothing else may be reported (NOTE lines about Teams' own styles aside).
//
//   node tests/cards/render-cards.selftest.mjs          "N passed, M failed" over the expectations; exit 1 on a miss
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from '../support/processes.mjs';

const ALL = ['light 360px', 'light 500px', 'dark 360px', 'dark 500px', 'high-contrast 360px', 'high-contrast 500px'];
const NARROW = ALL.filter((w) => w.endsWith('360px'));
const expectations = [
  { card: 'bad-nowrap-text', kind: 'truncated', text: 'A heading that is much too long', at: ALL },
  ...['Add to Outlook', 'My Outlook today', 'Agenda feed (.ics)', 'My personal feed']
    .map((title) => ({ card: 'bad-buttons', kind: 'truncated', text: `button "${title}"`, at: ALL })),
  { card: 'bad-contrast', kind: 'contrast', text: 'Warning colour on white', at: ['light 360px', 'light 500px'] },
  { card: 'bad-seven-actions', kind: 'actions', text: 'not shown "Seventh"', at: ALL },
  { card: 'bad-inputs', kind: 'input-cut', text: 'ChoiceSet (compact) "Session"', at: ALL },
  { card: 'bad-inputs', kind: 'input-cut', text: 'placeholder "A placeholder', at: NARROW },
  { card: 'bad-unbreakable', kind: 'overflow', text: 'agendaandeverysessionofthemeeting.ics', at: ALL },
  { card: 'bad-long', kind: 'long', text: 'px tall', at: NARROW },
];

const folder = mkdtempSync(join(tmpdir(), 'gmgbot-render-selftest-'));
const run = spawnSync(process.execPath, [join(root, 'tests', 'cards', 'render-cards.mjs'), '--cards', join(root, 'tests', 'cards', 'fixtures'),
  '--findings', join(folder, 'findings.md'), '--screenshots', 'none'], { encoding: 'utf8' });
rmSync(folder, { recursive: true, force: true });
const lines = run.stdout.split('\n').filter((l) => l.startsWith('FAIL '));
if (!/^\d+ passed, \d+ failed$/m.test(run.stdout)) {
  console.error(`render-cards.mjs did not finish:\n${run.stdout}\n${run.stderr}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

let passed = 0;
let failed = 0;
const explained = new Set();
for (const e of expectations) {
  const found = lines.filter((l) => l.startsWith(`FAIL ${e.card} [`) && l.includes(`] ${e.kind}: `) && l.includes(e.text));
  found.forEach((l) => explained.add(l));
  const where = found.map((l) => /\[([^\]]+)\]/.exec(l)[1]).sort();
  if (JSON.stringify(where) === JSON.stringify([...e.at].sort())) {
    passed++;
    console.log(`ok   ${e.card} ${e.kind} ${e.text}`);
  } else {
    failed++;
    console.log(`FAIL ${e.card} ${e.kind} ${e.text}: expected at ${e.at.join(', ')}; reported at ${where.join(', ') || 'none'}`);
  }
}
const unexpected = lines.filter((l) => !explained.has(l));
if (unexpected.length === 0) {
  passed++;
  console.log('ok   nothing else reported (good-card.json clean)');
} else {
  failed++;
  console.log(`FAIL unexpected reports:\n  ${unexpected.join('\n  ')}`);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
