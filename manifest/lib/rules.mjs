// What a GmgBot Teams app package must satisfy: the official schema (offline, from
// @microsoft/app-manifest) plus the rules Teams enforces on upload that the schema does not express.
import { createRequire } from "node:module";
import fs from "node:fs";
import path from "node:path";
import { readZip } from "./zip.mjs";
import { decode, hasPngSignature, readHeader } from "./png.mjs";

const require = createRequire(import.meta.url);
const { AppManifestUtils } = require("@microsoft/app-manifest");

export const MIN_MANIFEST_VERSION = [1, 22];
export const ICONS = { color: { size: 192 }, outline: { size: 32 } };
export const LIMITS = { commandLists: 3, commandsPerList: 12, titleLength: 32, descriptionLength: 128 };
const BOT_SCOPES = ["personal", "team", "groupChat"];
const PLACEHOLDER = /\$\{\{/;

/** Checks a whole package. @returns {Promise<{ errors: string[], summary: string }>} */
export async function checkPackage(zipBuffer) {
  let entries;
  try {
    entries = readZip(zipBuffer);
  } catch (error) {
    return { errors: [`package: ${error.message}`], summary: "" };
  }

  const errors = [];
  const files = new Map(entries.filter((e) => !e.isDirectory).map((e) => [e.name, e.data]));
  const manifestData = files.get("manifest.json");
  if (!manifestData) return { errors: ["package: manifest.json is missing from the zip root"], summary: "" };

  let manifest;
  try {
    manifest = parseManifest(manifestData);
  } catch (error) {
    return { errors: [`manifest.json: ${error.message}`], summary: "" };
  }

  const expected = ["manifest.json", manifest.icons?.color, manifest.icons?.outline].filter(Boolean);
  const names = entries.map((e) => e.name);
  const extra = names.filter((n) => !expected.includes(n));
  const missing = expected.filter((n) => !files.has(n));
  if (extra.length) errors.push(`package: must hold exactly ${expected.join(", ")} at its root; also holds ${extra.join(", ")}`);
  if (missing.length) errors.push(`package: ${missing.join(", ")} referenced by manifest.json but missing from the zip root`);

  errors.push(...(await checkManifest(manifest)));
  for (const kind of Object.keys(ICONS)) {
    const file = manifest.icons?.[kind];
    if (file && files.has(file)) errors.push(...checkIcon(kind, file, files.get(file)));
  }

  const lists = manifest.bots?.[0]?.commandLists ?? [];
  const summary =
    `manifest v${manifest.manifestVersion}, app ${manifest.id} version ${manifest.version}, bot ${manifest.bots?.[0]?.botId}, ` +
    `command lists ${lists.map((l) => `${l.scopes?.join("+")}: ${l.commands?.length}`).join("; ")}, ` +
    `icons ${ICONS.color.size}x${ICONS.color.size} and ${ICONS.outline.size}x${ICONS.outline.size}`;
  return { errors, summary };
}

export function parseManifest(buffer) {
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) throw new Error("starts with a UTF-8 byte order mark; write it without one");
  try {
    return JSON.parse(buffer.toString("utf8"));
  } catch (error) {
    throw new Error(`is not valid JSON: ${error.message}`);
  }
}

/** Schema validation plus Teams' own rules. @returns {Promise<string[]>} */
export async function checkManifest(manifest) {
  const errors = [];
  const version = String(manifest.manifestVersion ?? "");
  const [major, minor] = version.split(".").map(Number);
  if (!(major > MIN_MANIFEST_VERSION[0] || (major === MIN_MANIFEST_VERSION[0] && minor >= MIN_MANIFEST_VERSION[1]))) {
    errors.push(`manifestVersion ${version || "(missing)"} is too old: use ${MIN_MANIFEST_VERSION.join(".")} or later`);
  }

  const schema = loadBundledSchema(manifest, version);
  if (typeof schema === "string") errors.push(schema);
  else {
    // The schema is passed in, so validation never reaches for the network.
    const schemaErrors = await AppManifestUtils.validateAgainstSchema(manifest, schema);
    errors.push(...schemaErrors.map((e) => `schema: ${e.trim() || "(root)"}`));
  }

  const leftover = findPlaceholders(manifest);
  if (leftover.length) errors.push(`unfilled placeholders at ${leftover.join(", ")}`);

  for (const key of ["websiteUrl", "privacyUrl", "termsOfUseUrl"]) {
    const url = manifest.developer?.[key];
    if (typeof url === "string" && !/^https:\/\//i.test(url)) errors.push(`developer.${key} must use https (Teams rejects http)`);
  }

  for (const domain of manifest.validDomains ?? []) {
    if (/[/:]/.test(domain)) errors.push(`validDomains: '${domain}' must be a bare host name (no scheme, port or path)`);
  }

  errors.push(...checkBots(manifest.bots));
  return errors;
}

function checkBots(bots) {
  const errors = [];
  if (!Array.isArray(bots) || bots.length !== 1) return ["bots: exactly one bot is expected"];
  const bot = bots[0];
  const scopes = bot.scopes ?? [];
  for (const scope of BOT_SCOPES) {
    if (!scopes.includes(scope)) errors.push(`bots[0].scopes must include '${scope}' (exact casing)`);
  }
  if (new Set(scopes).size !== scopes.length) errors.push("bots[0].scopes lists a scope twice");

  const lists = bot.commandLists ?? [];
  if (lists.length > LIMITS.commandLists) errors.push(`bots[0].commandLists has ${lists.length} lists; Teams allows ${LIMITS.commandLists}`);
  const covered = new Set();
  lists.forEach((list, i) => {
    const where = `bots[0].commandLists[${i}]`;
    for (const scope of list.scopes ?? []) {
      if (!scopes.includes(scope)) errors.push(`${where}: scope '${scope}' is not one of the bot's scopes`);
      if (covered.has(scope)) errors.push(`${where}: scope '${scope}' already has a command list`);
      covered.add(scope);
    }
    const commands = list.commands ?? [];
    if (commands.length === 0) errors.push(`${where}: has no commands`);
    if (commands.length > LIMITS.commandsPerList) errors.push(`${where}: has ${commands.length} commands; Teams allows ${LIMITS.commandsPerList}`);
    const titles = new Set();
    commands.forEach((command, j) => {
      const title = String(command.title ?? "");
      if (!title.trim()) errors.push(`${where}.commands[${j}]: title is empty`);
      if (title.length > LIMITS.titleLength) errors.push(`${where}.commands[${j}]: title '${title}' is longer than ${LIMITS.titleLength} characters`);
      if ((command.description ?? "").length > LIMITS.descriptionLength) {
        errors.push(`${where}.commands[${j}]: description of '${title}' is longer than ${LIMITS.descriptionLength} characters`);
      }
      if (titles.has(title.toLowerCase())) errors.push(`${where}: command '${title}' appears twice`);
      titles.add(title.toLowerCase());
    });
  });
  for (const scope of scopes) {
    if (!covered.has(scope)) errors.push(`bots[0].commandLists: no command list for scope '${scope}'`);
  }
  return errors;
}

/** Size and format for both icons; for the outline icon, every pixel white or fully transparent. */
export function checkIcon(kind, file, buffer) {
  const { size } = ICONS[kind];
  const where = `icons.${kind} (${file})`;
  if (!hasPngSignature(buffer)) return [`${where}: is not a PNG (bad signature)`];
  let image;
  try {
    const header = readHeader(buffer);
    if (header.width !== size || header.height !== size) {
      return [`${where}: is ${header.width}x${header.height}; Teams requires ${size}x${size}`];
    }
    image = decode(buffer);
  } catch (error) {
    return [`${where}: ${error.message}`];
  }
  if (kind !== "outline") return [];

  const { rgba } = image;
  let coloured = 0;
  let transparent = 0;
  let visible = 0;
  let firstBad = null;
  for (let i = 0; i < rgba.length; i += 4) {
    const alpha = rgba[i + 3];
    if (alpha === 0) {
      transparent++;
      continue;
    }
    visible++;
    if (rgba[i] !== 255 || rgba[i + 1] !== 255 || rgba[i + 2] !== 255) {
      coloured++;
      firstBad ??= { x: (i / 4) % size, y: Math.floor(i / 4 / size), rgba: Array.from(rgba.subarray(i, i + 4)) };
    }
  }
  const errors = [];
  if (coloured) {
    errors.push(`${where}: ${coloured} visible pixels are not white (first at ${firstBad.x},${firstBad.y}: rgba ${firstBad.rgba.join(",")}); use white on transparent`);
  }
  if (transparent === 0) errors.push(`${where}: has no transparent pixels; the background must be transparent`);
  if (visible === 0) errors.push(`${where}: is fully transparent; it must draw the symbol in white`);
  return errors;
}

function loadBundledSchema(manifest, version) {
  const url = manifest.$schema;
  const expected = `https://developer.microsoft.com/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`;
  if (url !== expected) return `$schema must be ${expected} (the schema of manifestVersion ${version}); got ${url ?? "(missing)"}`;
  const packageDir = path.dirname(require.resolve("@microsoft/app-manifest/package.json"));
  const file = path.join(packageDir, "build", "json-schemas", "teams", `v${version}`, "MicrosoftTeams.schema.json");
  if (!fs.existsSync(file)) return `schema v${version} is not bundled with @microsoft/app-manifest, so it cannot be checked offline`;
  // The published schemas contain \a and \v escapes that JSON does not allow; the package cleans them the same way.
  return JSON.parse(fs.readFileSync(file, "utf8").replace(/\\a/g, "\\u0007").replace(/\\v/g, "\\u000b"));
}

function findPlaceholders(node, at = "") {
  if (typeof node === "string") return PLACEHOLDER.test(node) ? [at || "(root)"] : [];
  if (Array.isArray(node)) return node.flatMap((v, i) => findPlaceholders(v, `${at}[${i}]`));
  if (node && typeof node === "object") return Object.entries(node).flatMap(([k, v]) => findPlaceholders(v, at ? `${at}.${k}` : k));
  return [];
}
