import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createTestPostgresDatabase, type TestPostgresDatabase } from './postgres';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');

export interface RunningSite {
  url: string;
  port: number;
  dataDir: string;
  databaseUrl: string;
  /** The site's current process (a new one after restart()). */
  readonly process: ChildProcess;
  output: () => string;
  /** kill -9: the process gets no chance to write or fold anything; resolves once it is gone. */
  kill: () => Promise<void>;
  /** Starts the site again on the same port, DATA_DIR and database (after kill() or a crash). */
  restart: () => Promise<void>;
  /** Stops the site, removes its DATA_DIR and, if it made one, drops its PostgreSQL database. */
  stop: () => Promise<void>;
}

export interface StartSiteOptions {
  /**
   * What the site runs on: a SQLite file in its DATA_DIR (the default, as the quick start), or a PostgreSQL
   * database of its own on the test server, dropped by stop(). A DATABASE_URL in the extra env wins over both
   * and is left for its owner to drop.
   */
  database?: 'sqlite' | 'postgres';
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Env for a site in a fresh temporary data folder, as `npm start` would see it. */
export function siteEnv(dataDir: string, port: number, extra: Record<string, string> = {}) {
  return {
    ...process.env,
    DATA_DIR: dataDir,
    DATABASE_URL: `file:${path.join(dataDir, 'giveback.db')}`,
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    NEXT_TELEMETRY_DISABLED: '1',
    ...extra,
  };
}

/** Starts the production site exactly as `npm start` does (the build must exist), on a free port. */
export async function startSite(extraEnv: Record<string, string> = {}, options: StartSiteOptions = {}): Promise<RunningSite> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'giveback-e2e-'));
  const port = await freePort();
  let owned: TestPostgresDatabase | null = null;
  if (options.database === 'postgres' && extraEnv.DATABASE_URL === undefined) owned = await createTestPostgresDatabase();
  const env = siteEnv(dataDir, port, owned ? { DATABASE_URL: owned.url, ...extraEnv } : extraEnv);
  let log = '';
  let child: ChildProcess;
  try {
    child = await spawnSite(env, (text) => (log += text), () => log);
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    await owned?.drop();
    throw error;
  }
  const exited = (c: ChildProcess) => (c.exitCode !== null || c.signalCode !== null ? Promise.resolve() : new Promise<void>((r) => c.once('exit', () => r())));
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    dataDir,
    databaseUrl: env.DATABASE_URL,
    get process() {
      return child;
    },
    output: () => log,
    kill: async () => {
      child.kill('SIGKILL');
      await exited(child);
    },
    restart: async () => {
      log += '\n--- restart ---\n';
      child = await spawnSite(env, (text) => (log += text), () => log);
    },
    stop: async () => {
      mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
      writeFileSync(path.join(ROOT, 'test-results', `site-${port}.log`), log);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited(child);
      }
      rmSync(dataDir, { recursive: true, force: true });
      await owned?.drop();
    },
  };
}

/** One `npm start`; resolves once it says it is running (its output so far ends with that line). */
async function spawnSite(env: NodeJS.ProcessEnv, append: (text: string) => void, log: () => string): Promise<ChildProcess> {
  const from = log().length;
  const child = spawn(process.execPath, ['--single-threaded-gc', '--import', 'tsx', '--import', './scripts/server-only-shim.mjs', 'scripts/start.ts'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => append(d.toString()));
  child.stderr?.on('data', (d: Buffer) => append(d.toString()));
  const deadline = Date.now() + 120_000;
  for (;;) {
    const since = log().slice(from);
    if (child.exitCode !== null) throw new Error(`site exited with ${child.exitCode}:\n${since}`);
    if (since.includes('is running at')) return child;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`site did not start in time:\n${since}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
