// Tests of the package validator and the template filler: node --test manifest/
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";
import { checkPackage, checkManifest, checkIcon } from "./lib/rules.mjs";
import { decode } from "./lib/png.mjs";
import { fillTemplate, resolveSettings } from "./lib/settings.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const ICON_DIR = path.join(here, "icons");
const SAMPLE = {
  BOT_APP_ID: "11111111-2222-3333-4444-555555555555",
  TEAMS_APP_ID: "6f1c3e2a-9b4d-4c8e-a1f0-2d3b4c5e6f70",
  BOT_DOMAIN: "gmgbot-web-sample.azurewebsites.net",
  DEVELOPER_NAME: "Global Migration Group",
  DEVELOPER_WEBSITE_URL: "https://gmgbot.example.org",
  DEVELOPER_PRIVACY_URL: "https://gmgbot.example.org/privacy",
  DEVELOPER_TERMS_URL: "https://gmgbot.example.org/terms",
};

function sampleManifest() {
  const template = JSON.parse(fs.readFileSync(path.join(here, "manifest.template.json"), "utf8"));
  const { values, errors } = resolveSettings(SAMPLE);
  assert.deepEqual(errors, []);
  return fillTemplate(template, values).manifest;
}

/** Zips the given files (name -> Buffer) with the real zip tool, as build-package.sh does. */
function zipOf(files) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gmgbot-pkg-"));
  try {
    for (const [name, data] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), data);
    }
    execFileSync("zip", ["-q", "-X", "-D", "package.zip", ...Object.keys(files)], { cwd: dir });
    return fs.readFileSync(path.join(dir, "package.zip"));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function packageFiles(manifest = sampleManifest()) {
  return {
    "manifest.json": Buffer.from(JSON.stringify(manifest, null, 2)),
    "color.png": fs.readFileSync(path.join(ICON_DIR, "color.png")),
    "outline.png": fs.readFileSync(path.join(ICON_DIR, "outline.png")),
  };
}

/** Encodes RGBA pixels as a PNG (filter 0), to make icons that break one rule at a time. */
function png(width, height, pixel) {
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) Buffer.from(pixel(x, y)).copy(raw, y * (width * 4 + 1) + 1 + x * 4);
  }
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(zlib.crc32(body), body.length + 4);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const whiteRing = (x, y) => (x > 4 && x < 27 && y > 4 && y < 27 ? [255, 255, 255, 255] : [0, 0, 0, 0]);

describe("a package built from the template and the shipped icons", () => {
  test("passes every check", async () => {
    const { errors, summary } = await checkPackage(zipOf(packageFiles()));
    assert.deepEqual(errors, []);
    assert.match(summary, /manifest v1\.30/);
  });

  test("build-package.sh builds the same valid package from sample.env", async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "gmgbot-build-")), "app.zip");
    execFileSync("bash", [path.join(here, "build-package.sh"), "--env-file", path.join(here, "sample.env"), "--out", out], { stdio: "pipe" });
    const { errors } = await checkPackage(fs.readFileSync(out));
    assert.deepEqual(errors, []);
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
  });

  test("build-package.sh names every missing setting and fails", () => {
    const env = { PATH: process.env.PATH, HOME: process.env.HOME };
    const result = (() => {
      try {
        execFileSync("bash", [path.join(here, "build-package.sh"), "--out", path.join(os.tmpdir(), "never.zip")], { env, stdio: "pipe" });
        return null;
      } catch (error) {
        return error;
      }
    })();
    assert.ok(result, "the build must fail");
    assert.equal(result.status, 1);
    for (const name of ["BOT_APP_ID", "TEAMS_APP_ID", "BOT_DOMAIN", "DEVELOPER_PRIVACY_URL"]) assert.match(String(result.stderr), new RegExp(name));
  });

  test("the shipped outline icon is white on transparent", () => {
    const { rgba } = decode(fs.readFileSync(path.join(ICON_DIR, "outline.png")));
    const alphas = new Set();
    for (let i = 0; i < rgba.length; i += 4) {
      if (rgba[i + 3] > 0) assert.deepEqual([rgba[i], rgba[i + 1], rgba[i + 2]], [255, 255, 255]);
      alphas.add(rgba[i + 3]);
    }
    assert.ok(alphas.has(0) && alphas.has(255), "both transparent and opaque pixels");
  });
});

describe("the zip", () => {
  test("with a fourth file is rejected", async () => {
    const { errors } = await checkPackage(zipOf({ ...packageFiles(), "notes.txt": Buffer.from("x") }));
    assert.ok(errors.some((e) => /exactly manifest\.json, color\.png, outline\.png.*notes\.txt/.test(e)), errors.join("\n"));
  });

  test("with icons in a folder instead of the root is rejected", async () => {
    const files = packageFiles();
    const { errors } = await checkPackage(zipOf({
      "manifest.json": files["manifest.json"],
      "icons/color.png": files["color.png"],
      "icons/outline.png": files["outline.png"],
    }));
    assert.ok(errors.some((e) => /missing from the zip root/.test(e)), errors.join("\n"));
  });

  test("without manifest.json is rejected", async () => {
    const { "manifest.json": _, ...icons } = packageFiles();
    const { errors } = await checkPackage(zipOf(icons));
    assert.deepEqual(errors, ["package: manifest.json is missing from the zip root"]);
  });

  test("that is corrupt is rejected with a reason, not a crash", async () => {
    const zip = zipOf(packageFiles());
    const corrupt = Buffer.from(zip);
    const dataStart = 30 + zip.readUInt16LE(26) + zip.readUInt16LE(28); // after the first local header
    corrupt[dataStart + 5] ^= 0xff;
    assert.match((await checkPackage(corrupt)).errors.join("\n"), /package: /);
    assert.match((await checkPackage(Buffer.from("not a zip at all"))).errors[0], /not a zip archive/);
  });

  test("with a byte order mark before the manifest is rejected", async () => {
    const files = packageFiles();
    files["manifest.json"] = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), files["manifest.json"]]);
    assert.match((await checkPackage(zipOf(files))).errors[0], /byte order mark/);
  });
});

describe("the icons", () => {
  test("an outline icon with a grey pixel is rejected", () => {
    const icon = png(32, 32, (x, y) => (x === 10 && y === 12 ? [200, 200, 200, 255] : whiteRing(x, y)));
    assert.match(checkIcon("outline", "outline.png", icon).join("\n"), /1 visible pixels are not white \(first at 10,12/);
  });

  test("an outline icon without transparency is rejected", () => {
    const icon = png(32, 32, () => [255, 255, 255, 255]);
    assert.match(checkIcon("outline", "outline.png", icon).join("\n"), /no transparent pixels/);
  });

  test("an empty outline icon is rejected", () => {
    assert.match(checkIcon("outline", "outline.png", png(32, 32, () => [0, 0, 0, 0])).join("\n"), /fully transparent/);
  });

  test("semi-transparent white edges are accepted", () => {
    const icon = png(32, 32, (x, y) => (x === 5 ? [255, 255, 255, 128] : whiteRing(x, y)));
    assert.deepEqual(checkIcon("outline", "outline.png", icon), []);
  });

  test("a colour icon of the wrong size is rejected by its IHDR", () => {
    assert.deepEqual(checkIcon("color", "color.png", png(96, 96, () => [10, 20, 30, 255])), [
      "icons.color (color.png): is 96x96; Teams requires 192x192",
    ]);
  });

  test("a file that is not a PNG is rejected by its signature", () => {
    assert.match(checkIcon("color", "color.png", Buffer.from("GIF89a....")).join(), /bad signature/);
  });

  test("a PNG with a broken chunk is rejected", () => {
    const icon = png(32, 32, whiteRing);
    icon[icon.length - 20] ^= 0xff; // inside IDAT
    assert.match(checkIcon("outline", "outline.png", icon).join(), /bad CRC|does not inflate/);
  });
});

describe("the manifest", () => {
  test("from an old schema version is rejected", async () => {
    const manifest = { ...sampleManifest(), manifestVersion: "1.18" };
    manifest.$schema = "https://developer.microsoft.com/json-schemas/teams/v1.18/MicrosoftTeams.schema.json";
    const errors = await checkManifest(manifest);
    assert.ok(errors.some((e) => /manifestVersion 1\.18 is too old/.test(e)), errors.join("\n"));
    assert.ok(errors.some((e) => /not bundled/.test(e)), errors.join("\n"));
  });

  test("missing a required developer URL fails the official schema", async () => {
    const manifest = sampleManifest();
    delete manifest.developer.privacyUrl;
    const errors = await checkManifest(manifest);
    assert.ok(errors.some((e) => /^schema: \/developer must have required property 'privacyUrl'/.test(e)), errors.join("\n"));
  });

  test("with 13 commands in a list is rejected", async () => {
    const manifest = sampleManifest();
    const list = manifest.bots[0].commandLists[0];
    list.commands = Array.from({ length: 13 }, (_, i) => ({ title: `command ${i}`, description: "x" }));
    const errors = await checkManifest(manifest);
    assert.ok(errors.some((e) => /has 13 commands; Teams allows 12/.test(e)), errors.join("\n"));
  });

  test("with a wrongly cased scope is rejected", async () => {
    const manifest = sampleManifest();
    manifest.bots[0].scopes = ["personal", "team", "groupchat"];
    const errors = await checkManifest(manifest);
    assert.ok(errors.some((e) => /must include 'groupChat'/.test(e)), errors.join("\n"));
  });

  test("with a scope in two command lists, or none, is rejected", async () => {
    const manifest = sampleManifest();
    manifest.bots[0].commandLists[1].scopes = ["team", "personal"];
    const errors = await checkManifest(manifest);
    assert.ok(errors.some((e) => /scope 'personal' already has a command list/.test(e)), errors.join("\n"));
    assert.ok(errors.some((e) => /no command list for scope 'groupChat'/.test(e)), errors.join("\n"));
  });

  test("with an over-long command title is rejected", async () => {
    const manifest = sampleManifest();
    manifest.bots[0].commandLists[0].commands[0].title = "x".repeat(33);
    assert.match((await checkManifest(manifest)).join("\n"), /longer than 32 characters/);
  });

  test("with an unfilled placeholder or a URL in validDomains is rejected", async () => {
    const manifest = sampleManifest();
    manifest.bots[0].botId = "${{BOT_APP_ID}}";
    manifest.validDomains = ["https://gmgbot.example.org/api"];
    const errors = (await checkManifest(manifest)).join("\n");
    assert.match(errors, /unfilled placeholders at bots\[0\]\.botId/);
    assert.match(errors, /must be a bare host name/);
  });
});

describe("the settings", () => {
  test("missing and malformed settings are all reported at once", () => {
    const { errors } = resolveSettings({ BOT_APP_ID: "not-a-guid", DEVELOPER_WEBSITE_URL: "http://x.org", BOT_DOMAIN: "https://x.org/" });
    const text = errors.join("\n");
    assert.match(text, /BOT_APP_ID \(--bot-app-id\) must be a GUID/);
    assert.match(text, /TEAMS_APP_ID \(--teams-app-id\) is not set/);
    assert.match(text, /DEVELOPER_WEBSITE_URL \(--website-url\) must be an https:\/\/ URL/);
    assert.match(text, /BOT_DOMAIN \(--domain\) must be a host name/);
  });

  test("defaults fill the names and descriptions", () => {
    const { values } = resolveSettings(SAMPLE);
    assert.equal(values.APP_SHORT_NAME, "GmgBot");
    assert.equal(values.APP_VERSION, "1.0.0");
  });

  test("a placeholder with no setting is an error, not a blank", () => {
    const { errors } = fillTemplate({ a: "${{NOT_A_SETTING}}" }, {});
    assert.deepEqual(errors, ["the template uses ${{NOT_A_SETTING}}, which is not a known setting"]);
  });

  test("values are inserted as JSON strings, so quotes cannot break the manifest", () => {
    const { manifest } = fillTemplate({ name: "${{APP_FULL_NAME}}" }, { APP_FULL_NAME: 'Say "hi", \\ bye' });
    assert.equal(manifest.name, 'Say "hi", \\ bye');
  });
});
