// Checks Adaptive Card JSON files with the official adaptivecards parser (the library Teams clients build on):
// every card must parse and validate with zero events. Exit code 0 = all valid, 1 = problems, 2 = nothing to check.
//
//   node tests/delivery/validate-cards.mjs [folder]     (default: artifacts/cards)
//
// The card samples come from the tests: `dotnet test tests/GmgBot.Core.Tests --filter CardSamples` writes one file
// per card kind (reminders, my reminders, broadcast composer, preview, delivery report, ...) to artifacts/cards/.
import { createRequire } from 'node:module';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
// The package's ESM entry needs a DOM; the dist bundle does not.
const AC = require('adaptivecards/dist/adaptivecards.js');

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const folder = resolve(process.argv[2] ?? join(root, 'artifacts', 'cards'));
if (!existsSync(folder)) {
  console.error(`No card folder ${folder}: run the card sample tests first.`);
  process.exit(2);
}
const files = readdirSync(folder).filter((f) => f.endsWith('.json')).sort();
if (files.length === 0) {
  console.error(`No *.json cards in ${folder}.`);
  process.exit(2);
}

function describe(event) {
  const phase = AC.ValidationPhase?.[event.phase] ?? event.phase;
  const kind = AC.ValidationEvent?.[event.event] ?? event.event;
  return `${phase}/${kind}: ${event.message}`;
}

let failures = 0;
for (const file of files) {
  const json = JSON.parse(readFileSync(join(folder, file), 'utf8'));
  const problems = [];
  if (json.type !== 'AdaptiveCard') {
    problems.push(`type is ${json.type}, not AdaptiveCard`);
  } else if (Number(json.version) > 1.5) {
    problems.push(`version ${json.version} is above 1.5, the highest Teams renders for bots`);
  }
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  card.parse(json, context);
  for (let i = 0; i < context.eventCount; i++) {
    problems.push(describe(context.getEventAt(i)));
  }
  for (const event of card.validateProperties().validationEvents) {
    problems.push(describe(event));
  }
  const size = Buffer.byteLength(JSON.stringify(json));
  if (size > 80 * 1024) {
    problems.push(`${size} bytes: over the 80 KB a bot message should stay under`);
  }
  if (problems.length > 0) {
    failures++;
    console.log(`✗ ${file}`);
    for (const p of problems) {
      console.log(`    ${p}`);
    }
  } else {
    console.log(`✓ ${file} (${size} bytes)`);
  }
}
console.log(`${files.length - failures} of ${files.length} cards valid.`);
process.exit(failures === 0 ? 0 : 1);
