// Checks what main.bicep would deploy, offline: `bicep snapshot` evaluates the template with the
// example parameters (infra/main.bicepparam, fed through environment variables) and predicts every
// resource. Run through infra/check.sh, which sets BICEP; or: BICEP=/path/to/bicep node --test infra/tests/
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const infra = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const BICEP = process.env.BICEP;
const SCOPE = {
  tenant: "00000000-0000-0000-0000-0000000000aa",
  subscription: "00000000-0000-0000-0000-0000000000bb",
  resourceGroup: "rg-gmgbot-test",
};
const BOT_APP_ID = "11111111-2222-3333-4444-555555555555";
const roles = {
  keyVaultSecretsUser: "4633458b-17de-408a-b874-0445c86b69e6",
  searchIndexDataContributor: "8ebe5a00-799e-43f5-93ac-243d3dce84a7",
  searchServiceContributor: "7ca78c08-252a-4471-8644-bb5ff32d4ba0",
};

// The settings the GmgBot host reads (plus AZURE_CLIENT_ID, which Azure.Identity reads).
const HOST_SETTINGS = [
  "MicrosoftAppId", "MicrosoftAppPassword", "MicrosoftAppType", "MicrosoftAppTenantId",
  "Knowledge__Path", "Search__Provider", "Search__Endpoint", "Search__IndexName", "Search__ApiKey",
  "Storage__Provider", "Storage__ConnectionString", "Storage__EntraAuthentication", "Storage__ManagedIdentityClientId",
  "Delivery__MaxIdle", "Graph__Enabled", "Graph__TenantId", "Graph__ClientId", "Graph__ClientSecret",
  "Graph__OrganizerCalendarUser", "APPLICATIONINSIGHTS_CONNECTION_STRING", "AZURE_CLIENT_ID", "Calendar__PublicBaseUrl",
];

/** Runs `bicep snapshot` on a copy of infra/ (it writes next to the .bicepparam). */
function snapshot(paramFile, env) {
  assert.ok(BICEP, "set BICEP to the bicep binary (infra/check.sh does)");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gmgbot-infra-"));
  try {
    for (const entry of ["main.bicep", "main.bicepparam", "bicepconfig.json", "modules", "tests"]) {
      fs.cpSync(path.join(infra, entry), path.join(dir, entry), { recursive: true });
    }
    const result = spawnSync(BICEP, [
      "snapshot", path.join(dir, paramFile), "--mode", "overwrite",
      "--tenant-id", SCOPE.tenant, "--subscription-id", SCOPE.subscription,
      "--resource-group", SCOPE.resourceGroup, "--location", "westeurope",
    ], { env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env }, encoding: "utf8" });
    const file = path.join(dir, paramFile.replace(/\.bicepparam$/, ".snapshot.json"));
    if (result.status !== 0) return { error: `${result.stdout}${result.stderr}` };
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const deploy = (env = {}) => {
  const snap = snapshot("main.bicepparam", env);
  assert.equal(snap.error, undefined, snap.error);
  assert.deepEqual(snap.diagnostics, []);
  return snap;
};
const ofType = (snap, type) => snap.predictedResources.filter((r) => r.type === type);
const one = (snap, type) => {
  const found = ofType(snap, type);
  assert.equal(found.length, 1, `expected one ${type}, found ${found.length}`);
  return found[0];
};
const roleAssignments = (snap, roleId) =>
  ofType(snap, "Microsoft.Authorization/roleAssignments").filter((r) => r.properties.roleDefinitionId.endsWith(`/${roleId}`));

describe("main.bicep with the defaults (bot identity: user-assigned managed identity)", () => {
  const snap = deploy();
  const identity = one(snap, "Microsoft.ManagedIdentity/userAssignedIdentities");

  test("registers an azurebot that signs in as the managed identity, with the Teams channel", () => {
    const bot = one(snap, "Microsoft.BotService/botServices");
    assert.equal(bot.kind, "azurebot");
    assert.equal(bot.location, "global");
    assert.equal(bot.properties.msaAppType, "UserAssignedMSI");
    assert.equal(bot.properties.msaAppMSIResourceId, identity.id);
    assert.equal(bot.properties.msaAppTenantId, SCOPE.tenant);
    assert.match(bot.properties.msaAppId, /clientId/);
    assert.match(bot.properties.endpoint, /^\[format\('https:\/\/\{0\}\/api\/messages'/);
    const teams = one(snap, "Microsoft.BotService/botServices/channels");
    assert.equal(teams.name, `${bot.name}/MsTeamsChannel`);
    assert.equal(teams.properties.channelName, "MsTeamsChannel");
    assert.equal(teams.properties.properties.isEnabled, true);
  });

  test("runs a .NET 10 Linux web app on two instances over HTTPS, warm, with the readiness check and no basic publishing", () => {
    const plan = one(snap, "Microsoft.Web/serverfarms");
    assert.equal(plan.properties.reserved, true);
    assert.equal(plan.sku.name, "B1");
    assert.equal(plan.sku.capacity, 2);
    const site = one(snap, "Microsoft.Web/sites");
    assert.equal(site.kind, "app,linux");
    assert.deepEqual(Object.keys(site.identity.userAssignedIdentities), [identity.id]);
    assert.equal(site.properties.httpsOnly, true);
    assert.equal(site.properties.keyVaultReferenceIdentity, identity.id);
    const config = site.properties.siteConfig;
    assert.equal(config.linuxFxVersion, "DOTNETCORE|10.0");
    assert.equal(config.alwaysOn, true);
    assert.equal(config.healthCheckPath, "/healthz/ready");
    assert.equal(config.ftpsState, "Disabled");
    const policies = ofType(snap, "Microsoft.Web/sites/basicPublishingCredentialsPolicies");
    assert.deepEqual(policies.map((p) => [p.name.split("/")[1], p.properties.allow]).sort(), [["ftp", false], ["scm", false]]);
  });

  test("keeps secrets in an RBAC Key Vault the identity may read", () => {
    const vault = one(snap, "Microsoft.KeyVault/vaults");
    assert.equal(vault.properties.enableRbacAuthorization, true);
    const [assignment] = roleAssignments(snap, roles.keyVaultSecretsUser);
    assert.ok(assignment, "Key Vault Secrets User is assigned");
    assert.ok(assignment.id.startsWith(vault.id), "on the vault");
    assert.match(assignment.properties.principalId, /userAssignedIdentities\/gmgbot-id-.*principalId/);
    assert.equal(assignment.properties.principalType, "ServicePrincipal");
  });

  test("creates Azure AI Search with keys off and the identity as index data contributor", () => {
    const search = one(snap, "Microsoft.Search/searchServices");
    assert.equal(search.sku.name, "basic");
    assert.equal(search.properties.disableLocalAuth, true);
    const assignments = roleAssignments(snap, roles.searchIndexDataContributor);
    assert.equal(assignments.length, 1);
    assert.match(assignments[0].properties.principalId, /userAssignedIdentities/);
    assert.equal(roleAssignments(snap, roles.searchServiceContributor).length, 0, "no deployer was named");
    assert.equal(snap.outputs.searchEndpoint, `https://${search.name}.search.windows.net`);
  });

  test("stores everything in PostgreSQL with Entra sign-in only, the app's identity its administrator, no file on /home", () => {
    const server = one(snap, "Microsoft.DBforPostgreSQL/flexibleServers");
    assert.deepEqual(server.properties.authConfig, { activeDirectoryAuth: "Enabled", passwordAuth: "Disabled", tenantId: SCOPE.tenant });
    assert.equal(server.properties.administratorLogin, undefined);
    assert.equal(one(snap, "Microsoft.DBforPostgreSQL/flexibleServers/databases").name, `${server.name}/gmgbot`);
    const admin = one(snap, "Microsoft.DBforPostgreSQL/flexibleServers/administrators");
    assert.equal(admin.properties.principalType, "ServicePrincipal");
    assert.match(admin.name, /userAssignedIdentities\/gmgbot-id-.*principalId/);
    assert.match(admin.properties.principalName, /gmgbot-id-/);
    // The site's settings depend on deployment outputs (the server's host name), so the snapshot cannot show them:
    // they are checked below, through modules/app-settings.bicep.
    assert.ok(!JSON.stringify(snap.predictedResources).includes("/home/data"), "no database file on /home");
  });

  test("sends logs to Log Analytics and telemetry to workspace-based Application Insights", () => {
    const workspace = one(snap, "Microsoft.OperationalInsights/workspaces");
    const insights = one(snap, "Microsoft.Insights/components");
    assert.equal(insights.properties.WorkspaceResourceId, workspace.id);
    const diagnostics = ofType(snap, "Microsoft.Insights/diagnosticSettings");
    assert.ok(diagnostics.length >= 3 && diagnostics.every((d) => d.properties.workspaceId === workspace.id));
  });

  test("names every resource from the prefix and outputs what the next steps need", () => {
    // (An Entra administrator is named by its object id.)
    for (const resource of snap.predictedResources.filter((r) => !r.type.includes("/roleAssignments") && !r.type.includes("diagnosticSettings") && !r.type.endsWith("/administrators"))) {
      assert.match(resource.name, /^gmgbot-/, resource.type);
    }
    for (const output of ["botMessagingEndpoint", "botAppId", "webAppName", "webAppHostName", "searchEndpoint", "searchIndexName", "keyVaultName"]) {
      assert.ok(snap.outputs[output], `output ${output}`);
    }
    assert.match(snap.outputs.webAppName, /^gmgbot-web-/);
    assert.equal(snap.outputs.searchIndexName, "gmg-knowledge");
  });
});

describe("main.bicep with a single-tenant app registration", () => {
  test("registers the bot with the given app id and no managed identity", () => {
    const snap = deploy({ BOT_APP_TYPE: "SingleTenant", BOT_APP_ID, MICROSOFT_APP_PASSWORD: "not-a-real-secret" });
    const bot = one(snap, "Microsoft.BotService/botServices");
    assert.equal(bot.properties.msaAppType, "SingleTenant");
    assert.equal(bot.properties.msaAppId, BOT_APP_ID);
    assert.equal(bot.properties.msaAppMSIResourceId, null);
    assert.equal(snap.outputs.botAppId, BOT_APP_ID);
    assert.ok(ofType(snap, "Microsoft.KeyVault/vaults/secrets").some((s) => s.name.endsWith("/MicrosoftAppPassword")));
  });

  test("stops with a clear message when the app id is missing", () => {
    const { error } = snapshot("main.bicepparam", { BOT_APP_TYPE: "SingleTenant", MICROSOFT_APP_PASSWORD: "x" });
    assert.match(error ?? "", /botAppId is required when botAppType is SingleTenant/);
  });

  test("guards the secret with a clear message (secure values are only known when deploying)", () => {
    const snap = deploy({ BOT_APP_TYPE: "SingleTenant", BOT_APP_ID });
    const secret = ofType(snap, "Microsoft.KeyVault/vaults/secrets").find((s) => s.name.endsWith("/MicrosoftAppPassword"));
    assert.match(secret.properties.value, /fail\('botAppPassword is required when botAppType is SingleTenant\.'\)/);
  });
});

describe("main.bicep parameters", () => {
  test("the free App Service tier turns Always On off and runs one instance only", () => {
    const site = one(deploy({ APP_SERVICE_SKU: "F1", APP_INSTANCE_COUNT: "1" }), "Microsoft.Web/sites");
    assert.equal(site.properties.siteConfig.alwaysOn, false);
    const { error } = snapshot("main.bicepparam", { APP_SERVICE_SKU: "F1" });
    assert.match(error ?? "", /appInstanceCount > 1 needs a paid App Service SKU/);
  });

  test("a named deployer may create and fill the index", () => {
    const deployer = "99999999-8888-7777-6666-555555555555";
    const snap = deploy({ DEPLOYER_PRINCIPAL_ID: deployer, SEARCH_SKU: "free", NAME_PREFIX: "gmgtest" });
    for (const role of [roles.searchServiceContributor, roles.searchIndexDataContributor]) {
      assert.ok(roleAssignments(snap, role).some((a) => a.properties.principalId === deployer && a.properties.principalType === "User"), role);
    }
    assert.equal(one(snap, "Microsoft.Search/searchServices").sku.name, "free");
    assert.match(snap.outputs.webAppName, /^gmgtest-web-/);
  });

  test("an unknown SKU is refused", () => {
    const { error } = snapshot("main.bicepparam", { APP_SERVICE_SKU: "Y1" });
    assert.match(error ?? "", /appServiceSku|Y1/);
  });
});

describe("the web app's settings (modules/app-settings.bicep)", () => {
  const base = {
    botAppType: "UserAssignedMSI",
    botAppId: "c1c1c1c1-0000-0000-0000-000000000000",
    tenantId: SCOPE.tenant,
    identityClientId: "c1c1c1c1-0000-0000-0000-000000000000",
    keyVaultUri: "https://gmgbot-kv-abc123.vault.azure.net/",
    appPasswordSecretName: "MicrosoftAppPassword",
    searchEndpoint: "https://gmgbot-search-abc123.search.windows.net",
    searchIndexName: "gmg-knowledge",
    knowledgePath: "/home/site/wwwroot/knowledge",
    postgresHost: "gmgbot-pg-abc123.postgres.database.azure.com",
    postgresDatabase: "gmgbot",
    postgresUser: "gmgbot-id-abc123",
    graphEnabled: false,
    graphClientId: "",
    graphOrganizerCalendarUser: "",
    organizerObjectIds: [],
    appInsightsConnectionString: "InstrumentationKey=00000000-0000-0000-0000-000000000000",
    publicBaseUrl: "https://gmgbot-app-abc123.azurewebsites.net",
  };
  const settingsFor = (input) => {
    const snap = snapshot("tests/app-settings.harness.bicepparam", { APP_SETTINGS_INPUT: JSON.stringify({ ...base, ...input }) });
    assert.equal(snap.error, undefined, snap.error);
    return snap.outputs.settings;
  };
  const reference = (secret) => `@Microsoft.KeyVault(SecretUri=${base.keyVaultUri}secrets/${secret})`;

  test("with a managed identity: no secrets, Azure AI Search, PostgreSQL signed in as the identity, and Graph as the identity", () => {
    const settings = settingsFor({});
    assert.deepEqual(settings, {
      MicrosoftAppId: base.botAppId,
      MicrosoftAppType: "UserAssignedMSI",
      MicrosoftAppTenantId: SCOPE.tenant,
      AZURE_CLIENT_ID: base.identityClientId,
      Knowledge__Path: base.knowledgePath,
      Search__Provider: "Azure",
      Search__Endpoint: base.searchEndpoint,
      Search__IndexName: "gmg-knowledge",
      Storage__Provider: "PostgreSql",
      Storage__ConnectionString: "Host=gmgbot-pg-abc123.postgres.database.azure.com;Database=gmgbot;Username=gmgbot-id-abc123;Ssl Mode=VerifyFull",
      Storage__EntraAuthentication: "true",
      Storage__ManagedIdentityClientId: base.identityClientId,
      Delivery__MaxIdle: "00:00:05",
      Graph__Enabled: "false",
      Graph__TenantId: SCOPE.tenant,
      Graph__ClientId: base.botAppId,
      APPLICATIONINSIGHTS_CONNECTION_STRING: base.appInsightsConnectionString,
      Calendar__PublicBaseUrl: base.publicBaseUrl,
    });
  });

  test("single-tenant: the password is a Key Vault reference, reused by Graph", () => {
    const settings = settingsFor({ botAppType: "SingleTenant", botAppId: BOT_APP_ID, graphEnabled: true });
    assert.equal(settings.MicrosoftAppType, "SingleTenant");
    assert.equal(settings.MicrosoftAppPassword, reference("MicrosoftAppPassword"));
    assert.equal(settings.Graph__ClientId, BOT_APP_ID);
    assert.equal(settings.Graph__ClientSecret, reference("MicrosoftAppPassword"));
    assert.equal(settings.Graph__Enabled, "true");
  });

  test("a separate Graph app uses its own id and its own secret", () => {
    const graphApp = "22222222-3333-4444-5555-666666666666";
    const settings = settingsFor({ botAppType: "SingleTenant", botAppId: BOT_APP_ID, graphClientId: graphApp, graphClientSecretName: "GraphClientSecret" });
    assert.equal(settings.Graph__ClientId, graphApp);
    assert.equal(settings.Graph__ClientSecret, reference("GraphClientSecret"));
  });

  test("organizers become an indexed list, and the organizers' calendar mailbox is passed on", () => {
    const settings = settingsFor({ organizerObjectIds: ["o-1", "o-2", "o-3"], graphOrganizerCalendarUser: "events@example.org" });
    assert.equal(settings.Organizers__ObjectIds__0, "o-1");
    assert.equal(settings.Organizers__ObjectIds__2, "o-3");
    assert.equal(settings.Organizers__ObjectIds__3, undefined);
    assert.equal(settings.Graph__OrganizerCalendarUser, "events@example.org");
  });

  test("every name is one the host reads", () => {
    const settings = settingsFor({ botAppType: "SingleTenant", organizerObjectIds: ["o"], graphOrganizerCalendarUser: "x", graphClientSecretName: "G" });
    for (const name of Object.keys(settings)) {
      assert.ok(HOST_SETTINGS.includes(name) || /^Organizers__ObjectIds__\d+$/.test(name), `unexpected setting ${name}`);
    }
  });
});
