// The plumbing of the process-level tests (tests/teams/playground.test.mjs, tests/delivery/kill-restart.test.mjs):
// free ports, the built host, child processes with their output kept for a failure report, waiting for a
// process to answer, a temporary folder, and the "1 passed, 0 failed" line with the exit code CI reads.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The built GmgBot.Host.dll; GMGBOT_CONFIGURATION=Release|Debug picks the build (default: the newer). */
export function hostDll() {
  const candidates = ['Release', 'Debug']
    .filter((c) => !process.env.GMGBOT_CONFIGURATION || process.env.GMGBOT_CONFIGURATION === c)
    .map((c) => join(root, 'src', 'GmgBot.Host', 'bin', c, 'net10.0', 'GmgBot.Host.dll'))
    .filter((p) => existsSync(p))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (candidates.length === 0) {
    throw new Error('No built GmgBot.Host.dll found: run `dotnet build GmgBot.sln` first.');
  }
  return candidates[0];
}

export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/** The response to a GET of `url` when it is a success, else null (not listening yet, or not ready). */
export async function getOk(url) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    return response.ok ? response : null;
  } catch {
    return null;
  }
}

/**
 * Polls `condition` until it gives a truthy value, and returns it; fails when `child` (if given) exits first
 * or after `timeoutMs`.
 */
export async function waitFor(what, condition, { timeoutMs, child, intervalMs = 100 }) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) {
      throw new Error(`${child.name} exited while waiting for ${what}.`);
    }
    const value = await condition();
    if (value) {
      return value;
    }
    await sleep(intervalMs);
  }
  throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what}.`);
}

/**
 * A schema of its own on the PostgreSQL server that GMGBOT_TEST_POSTGRES names (`bash tests/support/postgres.sh start`
 * sets it), for bots started with `postgresSettings(schema)`; null when no server is configured. Dropped by `dropSchema`.
 */
export function createPostgresSchema(prefix) {
  const connection = process.env.GMGBOT_TEST_POSTGRES;
  if (!connection) {
    return null;
  }
  const schema = `${prefix}_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6).toString(36)}`;
  psql(connection, `CREATE SCHEMA ${schema};`);
  return { schema, connectionString: `${connection};Search Path=${schema}` };
}

export function dropPostgresSchema(database) {
  if (database) {
    psql(process.env.GMGBOT_TEST_POSTGRES, `DROP SCHEMA IF EXISTS ${database.schema} CASCADE;`);
  }
}

/** Bot settings for a PostgreSQL schema made by `createPostgresSchema`. */
export function postgresSettings(database) {
  return { 'Storage:Provider': 'PostgreSql', 'Storage:ConnectionString': database.connectionString };
}

// psql with the Npgsql connection string's parts (Host=…;Port=…;Username=…;Password=…;Database=…) as libpq variables.
function psql(connection, sql) {
  const parts = Object.fromEntries(connection.split(';').filter((p) => p.includes('=')).map((p) => {
    const [key, ...value] = p.split('=');
    return [key.trim().toLowerCase(), value.join('=').trim()];
  }));
  const env = { ...process.env, PGHOST: parts.host, PGPORT: parts.port ?? '5432', PGUSER: parts.username, PGPASSWORD: parts.password ?? '', PGDATABASE: parts.database };
  execFileSync('psql', ['-v', 'ON_ERROR_STOP=1', '-q', '-c', `SET client_min_messages = warning; ${sql}`], { env, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** The processes one test starts, their output, and the temporary folder they work in. */
class Harness {
  #children = [];
  #logs = new Map();

  constructor(folder) {
    this.folder = folder;
  }

  start(name, command, args, options) {
    // A process group of its own, so that stopping it also stops anything it started.
    const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    child.name = name;
    const lines = this.#logs.get(name) ?? [];
    this.#logs.set(name, lines);
    const keep = (chunk) => lines.push(chunk.toString());
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('exit', (code, signal) => lines.push(`[${name} exited: code ${code}, signal ${signal}]\n`));
    this.#children.push(child);
    return child;
  }

  /**
   * The built host on 127.0.0.1:`port` with authentication off (no app id) and its database in the test's folder;
   * `settings` are further configuration keys and values ("Delivery:MaxConcurrency": 8).
   */
  startBot(name, { port, environment, settings = {} }) {
    const dll = hostDll();
    const args = [dll, '--urls', `http://127.0.0.1:${port}`, `--Storage:DatabasePath=${join(this.folder, 'gmgbot.db')}`,
      ...Object.entries(settings).map(([key, value]) => `--${key}=${value}`)];
    return this.start(name, 'dotnet', args, {
      cwd: dirname(dll),
      env: { ...process.env, MicrosoftAppId: '', MicrosoftAppPassword: '', ASPNETCORE_ENVIRONMENT: environment },
    });
  }

  stopAll() {
    for (const child of this.#children) {
      if (child.exitCode === null && child.signalCode === null) {
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          // Already gone.
        }
      }
    }
  }

  printOutput(lastLines) {
    for (const [name, lines] of this.#logs) {
      console.error(`--- ${name} output (last lines) ---\n${lines.join('').split('\n').slice(-lastLines).join('\n')}`);
    }
  }
}

/**
 * Runs one process-level test: `main(harness)` with a fresh temporary folder. Prints "1 passed, 0 failed", or the
 * error and the last `outputLines` lines of each process's output; then stops every process, runs `cleanup`,
 * removes the folder, and exits 0 when the test passed, 1 when it failed.
 */
export async function runProcessTest({ folderPrefix, outputLines = 40, cleanup }, main) {
  const harness = new Harness(mkdtempSync(join(tmpdir(), folderPrefix)));
  let failed = false;
  try {
    await main(harness);
    console.log('1 passed, 0 failed');
  } catch (error) {
    failed = true;
    console.error(`FAILED: ${error.message}`);
    harness.printOutput(outputLines);
    console.log('0 passed, 1 failed');
  } finally {
    harness.stopAll();
    await cleanup?.();
    await sleep(500);
    rmSync(harness.folder, { recursive: true, force: true });
  }
  process.exit(failed ? 1 : 0);
}
