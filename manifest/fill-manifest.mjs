#!/usr/bin/env node
// Fills manifest.template.json from settings and writes manifest.json. Settings come from the
// environment; a flag (e.g. --bot-app-id GUID) overrides its environment variable.
// Called by build-package.sh; usable alone: node manifest/fill-manifest.mjs --out manifest.json [flags]
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { SETTINGS, fillTemplate, resolveSettings, settingsHelp } from "./lib/settings.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const fail = (lines) => {
  for (const line of [].concat(lines)) console.error(`fill-manifest: ${line}`);
  process.exit(1);
};

const args = process.argv.slice(2);
if (args.includes("--help") || args.includes("-h")) {
  console.log(`Usage: node manifest/fill-manifest.mjs --out manifest.json [--template FILE] [SETTING FLAGS]\n\nSettings (environment variable / flag):\n${settingsHelp()}`);
  process.exit(0);
}
if (args.includes("--settings-help")) {
  console.log(settingsHelp());
  process.exit(0);
}

const env = { ...process.env };
let outPath;
let templatePath = path.join(here, "manifest.template.json");
for (let i = 0; i < args.length; i++) {
  const [flag, inline] = args[i].split(/=(.*)/s, 2);
  const value = inline ?? args[++i];
  if (value === undefined) fail(`${flag} needs a value (see --help)`);
  if (flag === "--out") outPath = value;
  else if (flag === "--template") templatePath = value;
  else {
    const setting = SETTINGS.find((s) => s.flag === flag);
    if (!setting) fail(`unknown argument '${flag}' (see --help)`);
    env[setting.name] = value;
  }
}
if (!outPath) fail("--out FILE is required (see --help)");

const { values, errors } = resolveSettings(env);
if (errors.length) fail(["settings are missing or invalid:", ...errors.map((e) => `  - ${e}`)]);

let template;
try {
  template = JSON.parse(fs.readFileSync(templatePath, "utf8"));
} catch (error) {
  fail(`cannot read the template ${templatePath}: ${error.message}`);
}
const { manifest, errors: fillErrors } = fillTemplate(template, values);
if (fillErrors.length) fail(fillErrors);
fs.writeFileSync(outPath, JSON.stringify(manifest, null, 2) + "\n");
