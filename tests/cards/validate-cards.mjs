// Checks every Adaptive Card the bot builds with the official parser (npm adaptivecards, the library Teams'
// web client is built on): zero parse events and zero validation events per card, schema version ≤ 1.5.
// The cards are written as JSON by the test suites into artifacts/cards/ (run `dotnet test` first).
//
//   node tests/cards/validate-cards.mjs [folder]        exit code 0 = all valid, 1 = a card failed or none found
import { createRequire } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
// The package's ESM entry needs a DOM; its dist bundle parses and validates without one.
const AC = require('adaptivecards/dist/adaptivecards.js');

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const folder = resolve(process.argv[2] ?? join(root, 'artifacts', 'cards'));
const files = readdirSync(folder).filter((f) => f.endsWith('.json')).sort();
if (files.length === 0) {
  console.error(`No card samples in ${folder}: run dotnet test first.`);
  process.exit(1);
}

let failed = 0;
for (const file of files) {
  const json = JSON.parse(readFileSync(join(folder, file), 'utf8'));
  const problems = [];
  if (json.type !== 'AdaptiveCard') problems.push(`type is ${json.type}`);
  if (!(parseFloat(json.version) <= 1.5)) problems.push(`version ${json.version} is above 1.5, the highest Teams renders for bots`);
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  card.parse(json, context);
  for (let i = 0; i < context.eventCount; i++) {
    const e = context.getEventAt(i);
    problems.push(`parse: ${e.message} (phase ${e.phase}, event ${e.event})`);
  }
  for (const e of card.validateProperties().validationEvents) {
    problems.push(`validation: ${e.message} (event ${e.event})`);
  }
  if (problems.length > 0) {
    failed++;
    console.log(`FAIL ${file}\n  ${problems.join('\n  ')}`);
  } else {
    console.log(`ok   ${file}`);
  }
}
console.log(`${files.length - failed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
