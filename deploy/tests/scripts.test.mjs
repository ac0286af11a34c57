// Tests of the deploy/ scripts: help, missing tools and settings, and the commands they run.
// Azure and .NET are replaced by recording fakes of `az`, `dotnet` and `curl` put first on PATH;
// everything else (bash, zip, node, manifest/build-package.sh) is real. Run: node --test deploy/tests/
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync, execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const script = (name) => path.join(root, "deploy", name);
const SCRIPTS = ["publish.sh", "deploy-infra.sh", "deploy-app.sh", "push-knowledge.sh", "package-teams-app.sh"];
const OUTPUTS = {
  botAppId: "0b0b0b0b-1111-2222-3333-444444444444",
  webAppName: "gmgbot-web-abc123",
  webAppHostName: "gmgbot-web-abc123.azurewebsites.net",
  searchEndpoint: "https://gmgbot-search-abc123.search.windows.net",
  searchIndexName: "gmg-knowledge",
};

let work;
let fakeBin;
let bareBin;
let log;

// A fake records its arguments (one JSON line per call, with the GmgBot-related environment) and
// answers the few queries the scripts make.
const FAKE = `#!/usr/bin/env node
const fs = require("fs");
const [,, ...args] = process.argv;
const tool = require("path").basename(process.argv[1]);
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => /^(Search__|Knowledge__|BOT_|MICROSOFT_|DEPLOYER_|NAME_PREFIX|ORGANIZER_)/.test(k)));
fs.appendFileSync(process.env.FAKE_LOG, JSON.stringify({ tool, args, env }) + "\\n");
const outputs = ${JSON.stringify(OUTPUTS)};
const joined = args.join(" ");
if (tool === "az") {
  if (process.env.FAKE_AZ_SIGNED_OUT && joined.startsWith("account show")) process.exit(1);
  if (joined.startsWith("group exists")) console.log(process.env.FAKE_GROUP_EXISTS ?? "true");
  if (joined.startsWith("ad signed-in-user show")) console.log("5e5e5e5e-0000-0000-0000-000000000001");
  const query = /properties\\.outputs\\.(\\w+)\\.value/.exec(joined);
  if (joined.startsWith("deployment group show") && query) console.log(outputs[query[1]] ?? "");
  if (joined.startsWith("webapp show")) console.log(outputs.webAppHostName);
}
if (tool === "dotnet" && args[0] === "publish") {
  const out = args[args.indexOf("--output") + 1];
  fs.writeFileSync(require("path").join(out, "GmgBot.Host.dll"), "fake");
}
if (tool === "dotnet" && args[0] === "run") process.exit(Number(process.env.FAKE_DOTNET_EXIT ?? 0));
`;

before(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "gmgbot-deploy-"));
  fakeBin = path.join(work, "bin");
  fs.mkdirSync(fakeBin);
  for (const tool of ["az", "dotnet", "curl"]) {
    fs.writeFileSync(path.join(fakeBin, tool), FAKE, { mode: 0o755 });
  }
  // A PATH with only what the scripts need before they look for their tools: no az, dotnet or curl.
  bareBin = path.join(work, "bare");
  fs.mkdirSync(bareBin);
  for (const tool of ["dirname", "basename", "sed", "cat"]) {
    fs.symlinkSync(execFileSync("bash", ["-c", `command -v ${tool}`], { encoding: "utf8" }).trim(), path.join(bareBin, tool));
  }
  log = path.join(work, "calls.jsonl");
});
after(() => fs.rmSync(work, { recursive: true, force: true }));

const BASH = execFileSync("bash", ["-c", "command -v bash"], { encoding: "utf8" }).trim();

/**
 * Runs a script with a clean environment: HOME, `env` and a PATH of the fakes before the system's,
 * or (bare) one with none of az, dotnet, curl, node or zip.
 */
function run(name, args = [], env = {}, { bare = false } = {}) {
  fs.rmSync(log, { force: true });
  const PATH = bare ? bareBin : `${fakeBin}:/usr/local/bin:/usr/bin:/bin`;
  const result = spawnSync(BASH, [script(name), ...args], {
    cwd: work,
    encoding: "utf8",
    env: { PATH, HOME: process.env.HOME, FAKE_LOG: log, ...env },
  });
  const calls = fs.existsSync(log) ? fs.readFileSync(log, "utf8").trim().split("\n").map((l) => JSON.parse(l)) : [];
  return { ...result, calls, output: result.stdout + result.stderr };
}

describe("every script", () => {
  for (const name of SCRIPTS) {
    test(`${name} --help explains it and exits 0`, () => {
      const { status, stdout } = run(name, ["--help"]);
      assert.equal(status, 0);
      assert.match(stdout, /^Usage: deploy\//);
      assert.match(stdout, /Exit code/);
    });

    test(`${name} refuses an unknown argument`, () => {
      const { status, stderr } = run(name, ["--no-such-option"]);
      assert.equal(status, 1);
      assert.match(stderr, /unexpected argument '--no-such-option'|--no-such-option needs a value/);
    });
  }

  test("a settings file that does not exist is named", () => {
    const { status, stderr } = run("deploy-infra.sh", ["--env-file", "missing.env"]);
    assert.equal(status, 1);
    assert.match(stderr, /settings file 'missing.env' does not exist/);
  });
});

describe("deploy-infra.sh", () => {
  test("names the missing resource group before anything runs", () => {
    const { status, stderr, calls } = run("deploy-infra.sh");
    assert.equal(status, 1);
    assert.match(stderr, /missing settings[\s\S]*RESOURCE_GROUP/);
    assert.deepEqual(calls, []);
  });

  test("SingleTenant needs the app id and secret, both named at once", () => {
    const { status, stderr } = run("deploy-infra.sh", [], { RESOURCE_GROUP: "rg", BOT_APP_TYPE: "SingleTenant" });
    assert.equal(status, 1);
    assert.match(stderr, /BOT_APP_ID: [\s\S]*MICROSOFT_APP_PASSWORD: /);
  });

  test("MultiTenant is refused with the reason", () => {
    const { status, stderr } = run("deploy-infra.sh", [], { RESOURCE_GROUP: "rg", BOT_APP_TYPE: "MultiTenant" });
    assert.equal(status, 1);
    assert.match(stderr, /no longer possible/);
  });

  test("without the Azure CLI it says so", () => {
    const { status, stderr } = run("deploy-infra.sh", [], { RESOURCE_GROUP: "rg" }, { bare: true });
    assert.equal(status, 1);
    assert.match(stderr, /'az' is required but was not found on PATH/);
  });

  test("signed out of Azure it says so", () => {
    const { status, stderr } = run("deploy-infra.sh", [], { RESOURCE_GROUP: "rg", FAKE_AZ_SIGNED_OUT: "1" });
    assert.equal(status, 1);
    assert.match(stderr, /not signed in: run 'az login'/);
  });

  test("a new resource group needs a location", () => {
    const { status, stderr } = run("deploy-infra.sh", [], { RESOURCE_GROUP: "rg", FAKE_GROUP_EXISTS: "false" });
    assert.equal(status, 1);
    assert.match(stderr, /LOCATION: /);
  });

  test("creates the group and deploys main.bicepparam with the settings in the environment", () => {
    const settings = path.join(work, "settings.env");
    fs.writeFileSync(settings, "RESOURCE_GROUP=rg-from-file\nLOCATION=westeurope\nBOT_APP_TYPE=SingleTenant\nBOT_APP_ID=0b0b0b0b-1111-2222-3333-444444444444\nMICROSOFT_APP_PASSWORD=from-file\n");
    const { status, calls, output } = run("deploy-infra.sh", ["--env-file", settings], { FAKE_GROUP_EXISTS: "false", MICROSOFT_APP_PASSWORD: "from-env" });
    assert.equal(status, 0, output);
    const commands = calls.map((c) => c.args.slice(0, 3).join(" "));
    assert.ok(commands.includes("group create --name"), commands.join("\n"));
    const create = calls.find((c) => c.args.slice(0, 3).join(" ") === "deployment group create");
    assert.deepEqual(create.args.slice(3), ["--resource-group", "rg-from-file", "--name", "gmgbot", "--parameters", path.join(root, "infra", "main.bicepparam"), "--output", "none"]);
    assert.equal(create.env.BOT_APP_ID, "0b0b0b0b-1111-2222-3333-444444444444");
    assert.equal(create.env.MICROSOFT_APP_PASSWORD, "from-env", "the environment wins over the file");
    assert.equal(create.env.DEPLOYER_PRINCIPAL_ID, "5e5e5e5e-0000-0000-0000-000000000001", "the signed-in user may push the knowledge");
  });

  test("--what-if previews and deploys nothing", () => {
    const { status, calls } = run("deploy-infra.sh", ["--what-if"], { RESOURCE_GROUP: "rg" });
    assert.equal(status, 0);
    assert.ok(calls.some((c) => c.args.slice(0, 3).join(" ") === "deployment group what-if"));
    assert.ok(!calls.some((c) => c.args.slice(0, 3).join(" ") === "deployment group create"));
  });
});

describe("publish.sh", () => {
  test("publishes for linux-x64, adds the knowledge base and zips it", () => {
    const out = path.join(work, "publish");
    const zip = path.join(work, "host.zip");
    const { status, calls, output } = run("publish.sh", ["--output", out, "--zip", zip]);
    assert.equal(status, 0, output);
    const publish = calls.find((c) => c.tool === "dotnet");
    assert.equal(publish.args[0], "publish");
    assert.ok(publish.args.includes("--runtime") && publish.args.includes("linux-x64"));
    assert.equal(publish.args[publish.args.indexOf("--configuration") + 1], "Release");
    const listing = execFileSync("unzip", ["-Z1", zip], { encoding: "utf8" }).split("\n");
    assert.ok(listing.includes("GmgBot.Host.dll"), listing.join(","));
    const hasKnowledge = fs.existsSync(path.join(root, "knowledge"));
    assert.equal(listing.some((l) => l.startsWith("knowledge/")), hasKnowledge);
  });

  test("without the .NET SDK it says so", () => {
    const { status, stderr } = run("publish.sh", [], {}, { bare: true });
    assert.equal(status, 1);
    assert.match(stderr, /'dotnet' is required but was not found on PATH\. Install the \.NET 10 SDK/);
  });
});

describe("deploy-app.sh", () => {
  test("needs a published package first", () => {
    const { status, stderr } = run("deploy-app.sh", ["--package", path.join(work, "none.zip")], { RESOURCE_GROUP: "rg" });
    assert.equal(status, 1);
    assert.match(stderr, /run deploy\/publish\.sh first/);
  });

  test("without the Azure CLI it says so", () => {
    const zip = path.join(work, "app.zip");
    fs.writeFileSync(zip, "zip");
    const { status, stderr } = run("deploy-app.sh", ["--package", zip], { RESOURCE_GROUP: "rg" }, { bare: true });
    assert.equal(status, 1);
    assert.match(stderr, /'az' is required but was not found on PATH/);
  });

  test("deploys the zip to the web app named by the deployment and waits until it is ready", () => {
    const zip = path.join(work, "app.zip");
    fs.writeFileSync(zip, "zip");
    const { status, calls, output } = run("deploy-app.sh", ["--package", zip], { RESOURCE_GROUP: "rg" });
    assert.equal(status, 0, output);
    const deploy = calls.find((c) => c.tool === "az" && c.args[0] === "webapp" && c.args[1] === "deploy");
    assert.deepEqual(deploy.args.slice(2, 10), ["--resource-group", "rg", "--name", OUTPUTS.webAppName, "--src-path", zip, "--type", "zip"]);
    const curl = calls.find((c) => c.tool === "curl");
    assert.ok(curl.args.includes(`https://${OUTPUTS.webAppHostName}/healthz/ready`));
  });
});

describe("push-knowledge.sh", () => {
  let knowledge;
  before(() => {
    knowledge = path.join(work, "knowledge");
    fs.mkdirSync(knowledge, { recursive: true });
  });

  test("needs the Search endpoint", () => {
    const { status, stderr } = run("push-knowledge.sh", ["--knowledge", knowledge]);
    assert.equal(status, 1);
    assert.match(stderr, /SEARCH_ENDPOINT: /);
  });

  test("reading the endpoint from the deployment without az says so", () => {
    const { status, stderr } = run("push-knowledge.sh", ["--knowledge", knowledge], { RESOURCE_GROUP: "rg" }, { bare: true });
    assert.equal(status, 1);
    assert.match(stderr, /SEARCH_ENDPOINT is not set, and reading it from deployment output 'searchEndpoint' needs the Azure CLI/);
  });

  test("runs the host's index push against Azure AI Search with the deployment's endpoint", () => {
    const { status, calls, output } = run("push-knowledge.sh", ["--knowledge", knowledge], { RESOURCE_GROUP: "rg" });
    assert.equal(status, 0, output);
    const push = calls.find((c) => c.tool === "dotnet");
    assert.deepEqual(push.args.slice(-3), ["--", "index", "push"]);
    assert.equal(push.args[push.args.indexOf("--project") + 1], path.join(root, "src", "GmgBot.Host"));
    assert.deepEqual(push.env, {
      Search__Provider: "Azure",
      Search__Endpoint: OUTPUTS.searchEndpoint,
      Search__IndexName: OUTPUTS.searchIndexName,
      Knowledge__Path: knowledge,
    });
  });

  test("passes an API key when given, and the verb's failure on", () => {
    const { status, calls, stderr } = run("push-knowledge.sh", ["--knowledge", knowledge], {
      SEARCH_ENDPOINT: "https://s.search.windows.net", SEARCH_API_KEY: "k", FAKE_DOTNET_EXIT: "3",
    });
    assert.equal(status, 1);
    assert.match(stderr, /failed with exit code 3/);
    assert.equal(calls.find((c) => c.tool === "dotnet").env.Search__ApiKey, "k");
  });

  test("--dry-run shows the command and hides the key", () => {
    const { status, stdout, calls } = run("push-knowledge.sh", ["--knowledge", knowledge, "--dry-run"], {
      SEARCH_ENDPOINT: "https://s.search.windows.net", SEARCH_API_KEY: "secret-key",
    });
    assert.equal(status, 0);
    assert.match(stdout, /Search__ApiKey=\*\*\* dotnet run --project .* -- index push/);
    assert.doesNotMatch(stdout, /secret-key/);
    assert.deepEqual(calls, []);
  });
});

describe("package-teams-app.sh", () => {
  test("builds a valid package with the bot id and host name from the deployment", () => {
    const out = path.join(work, "teams.zip");
    const { status, output } = run("package-teams-app.sh", ["--env-file", path.join(root, "manifest", "sample.env"), "--out", out], {
      RESOURCE_GROUP: "rg", BOT_APP_ID: "", BOT_DOMAIN: "",
    });
    assert.equal(status, 0, output);
    const manifest = JSON.parse(execFileSync("unzip", ["-p", out, "manifest.json"], { encoding: "utf8" }));
    assert.equal(manifest.bots[0].botId, OUTPUTS.botAppId);
    assert.deepEqual(manifest.validDomains, [OUTPUTS.webAppHostName]);
  });

  test("without Node.js it says so", () => {
    const { status, stderr } = run("package-teams-app.sh", [], { BOT_APP_ID: OUTPUTS.botAppId, BOT_DOMAIN: "x.example.org" }, { bare: true });
    assert.equal(status, 1);
    assert.match(stderr, /'node' is required but was not found on PATH/);
  });

  test("names the manifest settings that are missing", () => {
    const { status, stderr } = run("package-teams-app.sh", [], { BOT_APP_ID: OUTPUTS.botAppId });
    assert.equal(status, 1);
    assert.match(stderr, /TEAMS_APP_ID \(--teams-app-id\) is not set/);
    assert.match(stderr, /DEVELOPER_PRIVACY_URL \(--privacy-url\) is not set/);
  });
});
