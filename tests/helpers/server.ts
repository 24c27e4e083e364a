import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');

export interface RunningSite {
  url: string;
  port: number;
  dataDir: string;
  databaseUrl: string;
  process: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
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
export async function startSite(extraEnv: Record<string, string> = {}): Promise<RunningSite> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'giveback-e2e-'));
  const port = await freePort();
  const env = siteEnv(dataDir, port, extraEnv);
  const child = spawn(process.execPath, ['--single-threaded-gc', '--import', 'tsx', '--import', './scripts/server-only-shim.mjs', 'scripts/start.ts'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`site exited with ${child.exitCode}:\n${log}`);
    if (log.includes('is running at')) break;
    if (Date.now() > deadline) throw new Error(`site did not start in time:\n${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    port,
    dataDir,
    databaseUrl: env.DATABASE_URL,
    process: child,
    output: () => log,
    stop: async () => {
      mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
      writeFileSync(path.join(ROOT, 'test-results', `site-${port}.log`), log);
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
