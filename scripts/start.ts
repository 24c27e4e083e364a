/**
 * `npm start`: validates the configuration, builds the site if the build is missing or older than the sources
 * (not for GIVEBACK_ROLE=tracker, which serves no pages), applies pending migrations (one process at a time on
 * PostgreSQL), then serves in the process's role. `--dev` runs the Next.js dev server instead of building.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { applyMigrations } from '@/lib/db/migrate';
import { migrationsDirFor } from '@/lib/db/provider';
import { EnvError, env as loadEnv } from '@/lib/env';
import { LOCK_KEYS } from '@/lib/shared-state/leader';
import { runExclusively } from '@/lib/shared-state/leader/exclusive';

const root = path.resolve(import.meta.dirname, '..');
const dev = process.argv.includes('--dev');
if (!dev) (process.env as Record<string, string>).NODE_ENV = 'production';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

let env;
try {
  env = loadEnv();
} catch (error) {
  fail(error instanceof EnvError ? error.message : String(error));
}
process.env.NEXTAUTH_URL ??= env.publicUrl;

const SOURCES = ['app', 'lib', 'public', 'proxy.ts', 'instrumentation.ts', 'next.config.ts', 'postcss.config.mjs', 'tsconfig.json', 'package-lock.json'];

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const stat = statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(p).reduce((max, name) => Math.max(max, newestMtime(path.join(p, name))), stat.mtimeMs);
}

function buildIfNeeded() {
  const buildId = path.join(root, '.next', 'BUILD_ID');
  const built = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  const newest = Math.max(...SOURCES.map((s) => newestMtime(path.join(root, s))));
  if (built > newest) return;
  console.log(built ? 'Sources changed since the last build: building…' : 'No build yet: building the site (takes a minute or two)…');
  const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next');
  const result = spawnSync(process.execPath, [nextBin, 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) fail('The build failed; see the output above.');
}

if (!dev && env.role !== 'tracker') buildIfNeeded();
try {
  const { databaseUrl } = env;
  const { applied } = await runExclusively({ databaseUrl, lockKey: LOCK_KEYS.migrations }, () =>
    applyMigrations({ databaseUrl, migrationsDir: migrationsDirFor(databaseUrl, root) }));
  if (applied.length) console.log(`Applied migrations: ${applied.join(', ')}`);
} catch (error) {
  fail(`Database migration failed: ${error instanceof Error ? error.message : String(error)}`);
}

const { startServer } = await import('../server');
try {
  await startServer({ env, dev, dir: root });
} catch (error) {
  // A second tracker on one journal, a port in use, a database that refuses: one line, not a stack.
  fail(`Cannot start: ${error instanceof Error ? error.message : String(error)}`);
}
const serves = { all: '', web: ', the site only', tracker: ', the tracker only' }[env.role];
console.log(`${env.siteName} is running at ${env.publicUrl} (listening on ${env.host}:${env.port}${serves})`);
