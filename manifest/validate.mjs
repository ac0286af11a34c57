#!/usr/bin/env node
// Validates a built Teams app package offline: the official manifest schema (from @microsoft/app-manifest),
// Teams' upload rules, the icons (PNG, sizes, outline white on transparent) and the zip's contents.
// Exit code 0 when the package is valid, 1 otherwise.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const DEFAULT_PACKAGE = path.join(root, "artifacts", "gmgbot-teams-app.zip");

const args = process.argv.slice(2);
if (args.includes("--help") || args.includes("-h")) {
  console.log(`Usage: node manifest/validate.mjs [PACKAGE.zip]

Validates a Teams app package offline (no network):
  - manifest.json against the official schema of its manifestVersion (v1.22 or later),
    bundled in the npm package @microsoft/app-manifest (run 'npm ci' first)
  - Teams rules the schema does not express: one bot with scopes personal, team and groupChat,
    at most 3 command lists of at most 12 commands, titles <= 32 and descriptions <= 128 characters,
    https developer URLs, bare host names in validDomains, no unfilled \${{...}} placeholders
  - icons: PNG signature and IHDR size (color 192x192, outline 32x32); every outline pixel is
    white or fully transparent
  - the zip holds exactly manifest.json and the two icons, at its root

PACKAGE defaults to ${path.relative(process.cwd(), DEFAULT_PACKAGE) || DEFAULT_PACKAGE}.
Exit code: 0 valid, 1 invalid or unreadable.`);
  process.exit(0);
}
if (args.length > 1 || args.some((a) => a.startsWith("-"))) {
  console.error(`validate: unexpected arguments: ${args.join(" ")} (see --help)`);
  process.exit(1);
}

const packagePath = path.resolve(args[0] ?? DEFAULT_PACKAGE);
if (!fs.existsSync(packagePath)) {
  console.error(`validate: ${packagePath} does not exist. Build it first: bash manifest/build-package.sh --help`);
  process.exit(1);
}

let checkPackage;
try {
  ({ checkPackage } = await import("./lib/rules.mjs"));
} catch (error) {
  const hint = error.code === "MODULE_NOT_FOUND" || error.code === "ERR_MODULE_NOT_FOUND" ? " Run 'npm ci' at the repository root." : "";
  console.error(`validate: cannot load the validator: ${error.message}.${hint}`);
  process.exit(1);
}

const { errors, summary } = await checkPackage(fs.readFileSync(packagePath));
if (errors.length) {
  console.error(`validate: ${path.relative(process.cwd(), packagePath)} is NOT a valid Teams app package (${errors.length} problem${errors.length > 1 ? "s" : ""}):`);
  for (const error of errors) console.error(`  - ${error}`);
  process.exit(1);
}
console.log(`validate: OK ${path.relative(process.cwd(), packagePath)}: ${summary}`);
