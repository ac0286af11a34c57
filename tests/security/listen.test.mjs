// Process test: the built host, started as an operator would start it, refuses to run without authentication
// anywhere but on loopback. Each way of setting the address is tried (ASPNETCORE_HTTP_PORTS as in .NET container
// images, ASPNETCORE_URLS, --urls, Kestrel__Endpoints), with and without an app id and the trusted-network setting:
// a refused start exits at once naming the setting and never listens; an accepted one answers /healthz.
//
//   node tests/security/listen.test.mjs
//
// Needs a built host (dotnet build); GMGBOT_CONFIGURATION=Release|Debug picks the build (default: the newer).
import { dirname, join } from 'node:path';
import { freePort, getOk, hostDll, runProcessTest, waitFor } from '../support/processes.mjs';

const START_TIMEOUT_MS = 90_000;
const APP_ID = ['MicrosoftAppId=00000000-0000-0000-0000-00000000b07a', 'MicrosoftAppPassword=not-used',
  'MicrosoftAppTenantId=72f988bf-0000-0000-0000-0000000000aa'];

// name, environment, command-line settings, expected: 'refused' with the setting it must name, or 'runs'.
const cases = (port) => [
  ['no app id, ASPNETCORE_HTTP_PORTS (containers)', { ASPNETCORE_HTTP_PORTS: port }, [], ['refused', 'http_ports (ASPNETCORE_HTTP_PORTS)']],
  ['no app id, ASPNETCORE_URLS on every interface', { ASPNETCORE_URLS: `http://0.0.0.0:${port}` }, [], ['refused', 'from urls']],
  ['no app id, --urls with a host name', {}, ['--urls', `http://gmgbot.lan:${port}`], ['refused', 'from urls']],
  ['no app id, a Kestrel endpoint on every interface', { Kestrel__Endpoints__Http__Url: `http://*:${port}` }, [], ['refused', 'Kestrel:Endpoints:Http:Url']],
  ['no app id, --urls on loopback', {}, ['--urls', `http://127.0.0.1:${port}`], ['runs', 'Authentication off (no MicrosoftAppId): local development']],
  ['no app id, every interface, trusted network', {}, ['--urls', `http://0.0.0.0:${port}`, '--Security:AllowAnonymousNetworkAccess=true',
    '--Calendar:PublicBaseUrl=http://gmgbot.lan'], ['runs', 'AUTHENTICATION IS OFF']],
  ['app id, ASPNETCORE_HTTP_PORTS, public base URL', { ASPNETCORE_HTTP_PORTS: port }, [...APP_ID.map((s) => `--${s}`),
    '--Calendar:PublicBaseUrl=https://gmgbot.example.org'], ['runs', 'Authentication on']],
  ['app id, ASPNETCORE_HTTP_PORTS, no public base URL', { ASPNETCORE_HTTP_PORTS: port }, APP_ID.map((s) => `--${s}`),
    ['refused', 'Calendar:PublicBaseUrl is required']],
];

async function tryCase(harness, [name, environment, settings, [expected, phrase]], port, index) {
  const dll = hostDll();
  const output = [];
  const child = harness.start(`case ${index}`, 'dotnet', [dll, `--Storage:DatabasePath=${join(harness.folder, `${index}.db`)}`,
    `--Search:LucenePath=${join(harness.folder, 'index')}`, ...settings], {
    cwd: dirname(dll),
    // Nothing inherited may set an address or an identity but what the case says.
    env: { ...process.env, MicrosoftAppId: '', MicrosoftAppPassword: '', ASPNETCORE_URLS: '', ASPNETCORE_HTTP_PORTS: '', ASPNETCORE_ENVIRONMENT: 'Production', ...environment },
  });
  child.stdout.on('data', (chunk) => output.push(chunk.toString()));
  child.stderr.on('data', (chunk) => output.push(chunk.toString()));
  const said = () => output.join('').includes(phrase);

  if (expected === 'refused') {
    const code = await new Promise((resolveExit) => child.on('exit', resolveExit));
    if (code === 0) throw new Error(`${name}: exited with 0, expected a refusal.`);
    if (!said()) throw new Error(`${name}: the refusal does not name "${phrase}".`);
    if (await getOk(`http://127.0.0.1:${port}/healthz`)) throw new Error(`${name}: something answers on port ${port}.`);
  } else {
    await waitFor(`${name} to answer /healthz`, () => getOk(`http://127.0.0.1:${port}/healthz`), { timeoutMs: START_TIMEOUT_MS, child, intervalMs: 250 });
    if (!said()) throw new Error(`${name}: the start log does not say "${phrase}".`);
    process.kill(-child.pid, 'SIGTERM');
    await new Promise((resolveExit) => child.on('exit', resolveExit));
  }
  console.log(`ok - ${name}: ${expected}`);
}

await runProcessTest({ folderPrefix: 'gmgbot-listen-' }, async (harness) => {
  const port = await freePort();
  const all = cases(String(port));
  for (let i = 0; i < all.length; i++) {
    await tryCase(harness, all[i], port, i);
  }
});
