/**
 * Announce throughput, latency and memory of our tracker against raw node:http (the ceiling) and npm
 * bittorrent-tracker 11.2.3, in one run over one corpus. Servers run on core 0, the load generator on core 1.
 * npm run bench:announce -- [--seconds 10] [--warmup 3] [--connections 32] [--members 10000] [--torrents 50000]
 *   [--peers 200000] [--zipf 1] [--targets ceiling,bittorrent-tracker,ours-full,ours-normal] [--passes 3]
 *   [--db sqlite|postgres|sqlite,postgres]
 * With postgres, each ours-* target also runs on a PostgreSQL database (`ours-normal-pg`, seeded with the same corpus
 * into a database of its own on the local server, copied from a template for each run) and the report puts the
 * two side by side.
 * Needs Debian's `wrk` and `taskset`. The machine is shared: compare ratios within one run, not across runs.
 *
 * Each pass measures every target once, in turn, each on a freshly started server; the report takes each target's
 * median pass (and the median half-load p99), and prints every pass, so a burst of other work on the machine (seen
 * here: another service's periodic check starting an Erlang VM on both cores for ~0.2 s) moves one pass, not the
 * result. Passes interleave the targets, so a slow stretch of the machine falls on all of them alike.
 *
 * This process stays out of the measurement: it moves itself to core 1 (the load generators' core), so core 0 is
 * the server's alone, and it drops the corpus and collects its garbage before the first target starts. Left as it
 * was, its heap (the corpus) got a full collection some seconds into a run, on helper threads on both cores,
 * which stalled the server or the load generator for 40-100 ms (seen with `perf sched`).
 */
import { execFileSync } from 'node:child_process';
import { closeSync, copyFileSync, fsyncSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { applyMigrations } from '@/lib/db/migrate';
import { databaseUrlWithName } from '@/lib/db/migrations-engine/scratch-postgres';
import { createTestPostgresDatabase, testPostgresServerUrl, type TestPostgresDatabase } from '@/tests/helpers/postgres';
import { buildCorpus, seedDatabase, seedPostgres } from './corpus';
import { writePaths, writePreload } from './paths';
import { processCpuMs, runPinnedJson, startPinned, stop, wrk, type WrkResult } from './processes';
import { printDatabaseRatios, printReport, type LatencyResult, type TargetResult } from './report';

const { values: flags } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' }, warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '32' }, members: { type: 'string', default: '10000' },
    torrents: { type: 'string', default: '50000' }, peers: { type: 'string', default: '200000' },
    zipf: { type: 'string', default: '1' }, passes: { type: 'string', default: '3' }, targets: { type: 'string', default: 'ceiling,bittorrent-tracker,ours-full,ours-normal' },
    db: { type: 'string', default: 'sqlite' }, 'pg-backends-core': { type: 'string' },
  },
});
const seconds = Number(flags.seconds);
const warmup = Number(flags.warmup);
const connections = Number(flags.connections);
const size = { members: Number(flags.members), torrents: Number(flags.torrents), peers: Number(flags.peers), zipf: Number(flags.zipf) };
const databases = flags.db.split(',');
if (databases.some((d) => d !== 'sqlite' && d !== 'postgres')) throw new Error('--db takes sqlite, postgres or both, comma-separated');
// Each of ours on every database asked for, side by side in each pass.
const targets = flags.targets.split(',').flatMap((t) => (!t.startsWith('ours-') ? [t]
  : [...(databases.includes('sqlite') ? [t] : []), ...(databases.includes('postgres') ? [`${t}-pg`] : [])]));
const passes = Number(flags.passes);
const serverFlags = (process.env.BENCH_SERVER_FLAGS ?? '').split(' ').filter((f) => f !== '');
const pinBackends = flags['pg-backends-core'] === undefined ? null : Number(flags['pg-backends-core']);
if (!Number.isInteger(passes) || passes < 1) throw new Error('--passes must be a whole number of at least 1');

// Every thread of this process (-a) to core 1; threads started later inherit it.
execFileSync('taskset', ['-a', '-p', '-c', '1', String(process.pid)], { stdio: 'ignore' });

const dir = mkdtempSync(path.join(os.tmpdir(), 'giveback-bench-announce-'));
// Also when a run fails half-way (its servers are killed on exit too, see processes.ts).
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const seeded = path.join(dir, 'seeded.db');
let t0 = Date.now();
const files = { ours: path.join(dir, 'ours.paths'), plain: path.join(dir, 'plain.paths'), preload: path.join(dir, 'preload.tsv') };
let template = null as TestPostgresDatabase | null;
const peerCount = await writeCorpus();
// The corpus is on disk now; what is left of it in this heap is collected here, not in the middle of a target.
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with node --expose-gc (npm run bench:announce does)');
gc();
console.log(`corpus: ${size.members} members, ${size.torrents} torrents, ${peerCount} peers (Zipf s=${size.zipf}) in ${Date.now() - t0} ms`);
console.log(`each target: ${warmup} s warm-up, then ${seconds} s of wrk -t1 -c${connections}; server on core 0, wrk on core 1`);

/** Counter round of the next wrk run; it only grows, so every re-announce reports more than the last. */
let round = 1;
async function measure(port: number, pathsFile: string, settle?: () => Promise<unknown>): Promise<WrkResult> {
  const run = async (s: number) => {
    const r = await wrk(port, { seconds: s, connections, pathsFile, round0: round });
    round += Math.ceil(r.requests / peerCount) + 1;
    return r;
  };
  await run(warmup);
  // Ours: the warm-up's announces are folded before the measured run, so its drain is its own work only.
  await settle?.();
  return run(seconds);
}

const passResults: TargetResult[][] = [];
const latencies: LatencyResult[] = [];
for (let pass = 1; pass <= passes; pass++) {
  const results: TargetResult[] = [];
  for (const target of targets) {
    t0 = Date.now();
    const { result, latency } = await measureTarget(target);
    results.push(result);
    if (latency !== null) latencies.push({ ...latency, pass });
    console.log(`  pass ${pass}: ${target} done in ${Math.round((Date.now() - t0) / 1000)} s`);
  }
  passResults.push(results);
}
printReport(passResults, latencies, { seconds, connections });
printDatabaseRatios(passResults, latencies);
await template?.drop();

/** One target, once, on a server started for it and stopped after. */
async function measureTarget(target: string): Promise<{ result: TargetResult; latency: Omit<LatencyResult, 'pass'> | null }> {
  if (target === 'ceiling') {
    const s = await startPinned<{ port: number }>(0, 'ceiling-server.ts', []);
    const result = { target, wrk: await measure(s.ready.port, files.ours), bytesPerPeer: null, peers: null };
    await stop(s.child);
    return { result, latency: null };
  }
  if (target === 'bittorrent-tracker') {
    const s = await startPinned<{ port: number; peers: number; bytesPerPeer: number | null }>(0, 'bt-server.ts', [files.preload], ['--expose-gc']);
    const result = { target, wrk: await measure(s.ready.port, files.plain), bytesPerPeer: s.ready.bytesPerPeer, peers: s.ready.peers };
    await stop(s.child);
    return { result, latency: null };
  }
  const postgres = target.endsWith('-pg');
  const kind = postgres ? target.slice(0, -'-pg'.length) : target;
  if (kind !== 'ours-full' && kind !== 'ours-normal') throw new Error(`unknown target ${target}`);
  const mode = kind === 'ours-full' ? 'full' : 'normal';
  const database = postgres ? await freshPostgres() : freshSqlite(target);
  // The journal: beside the SQLite file, or in a DATA_DIR of the target's own on PostgreSQL (as server.ts puts it).
  process.env.DATA_DIR = path.join(dir, `${target}-data`);
  rmSync(process.env.DATA_DIR, { recursive: true, force: true });
  try {
    // With the node flag `npm start` uses (package.json), and any of BENCH_SERVER_FLAGS (e.g. `--cpu-prof`).
    const s = await startPinned<{ port: number; pid: number; peers: number; bytesPerPeer: number | null }>(
      0, 'ours-server.ts', [database.arg, mode], ['--expose-gc', '--single-threaded-gc', ...serverFlags],
    );
    // CPU of the server (core 0) and of PostgreSQL's backends serving this database (any core, see README) over
    // the measured run and its drain.
    let cpu0 = { server: 0, backends: new Map<number, number>() };
    const measured = await measure(s.ready.port, files.ours, async () => {
      await drainTime(s.ready.port);
      if (database.name !== null && pinBackends !== null) await pinBackendsTo(database.name, pinBackends);
      cpu0 = { server: processCpuMs(s.ready.pid), backends: await backendsCpuMs(database.name) };
    });
    // Replies went out once journaled; the fold into the database may still be behind. Its catch-up time counts.
    const drain = await drainTime(s.ready.port);
    const backendsAfter = await backendsCpuMs(database.name);
    const result: TargetResult = {
      target, wrk: measured, bytesPerPeer: s.ready.bytesPerPeer, peers: s.ready.peers, drainMs: drain.drainMs,
      serverCpuMs: processCpuMs(s.ready.pid) - cpu0.server,
      ...(database.name === null ? {} : { databaseCpuMs: [...backendsAfter].reduce((sum, [pid, ms]) => sum + ms - (cpu0.backends.get(pid) ?? 0), 0) }),
    };
    let latency: Omit<LatencyResult, 'pass'> | null = null;
    if (mode === 'normal') {
      const max = result.wrk.requests / (result.wrk.durationUs / 1e6 + (result.drainMs ?? 0) / 1000);
      const rate = Math.round(max / 2);
      // The generator's own collections must not stall it: one thread (no helpers competing with it for core 1),
      // and a young generation large enough that it rarely collects.
      const measuredLatency = await runPinnedJson<Omit<LatencyResult, 'target' | 'pass'>>(1, process.execPath, [
        '--single-threaded-gc', '--max-semi-space-size=64', '--import', 'tsx', path.resolve('tests/bench/announce/open-loop.ts'),
        String(s.ready.port), String(rate), String(seconds), files.ours, String(round), String(connections * 2), String(s.ready.pid),
      ]);
      latency = { ...measuredLatency, target };
      round += Math.ceil((rate * seconds) / peerCount) + 1;
    }
    await stop(s.child);
    return { result, latency };
  } finally {
    await database.drop();
  }
}

/** A copy of the seeded SQLite file for one run, flushed to disk. */
function freshSqlite(target: string): { arg: string; name: null; drop: () => Promise<void> } {
  const db = path.join(dir, `${target}.db`);
  for (const f of [db, `${db}-wal`, `${db}-shm`, `${db}-tracker-journal`]) rmSync(f, { recursive: true, force: true });
  copyFileSync(seeded, db);
  // Flush the copy now, or the tracker's first checkpoint pays for writing all of it to disk mid-measurement.
  const fd = openSync(db, 'r+');
  fsyncSync(fd);
  closeSync(fd);
  return { arg: db, name: null, drop: async () => {} };
}

/** A copy of the seeded PostgreSQL template for one run (CREATE DATABASE … TEMPLATE), dropped after it. */
async function freshPostgres(): Promise<{ arg: string; name: string; drop: () => Promise<void> }> {
  if (template === null) throw new Error('no PostgreSQL template');
  const name = `${template.name}_run`;
  await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${template.name}`);
  return { arg: databaseUrlWithName(testPostgresServerUrl(), name), name, drop: async () => {
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } };
}

/** The process ids of PostgreSQL's backends connected to `name` (the tracker's pool and its fold's). */
async function backendPids(name: string): Promise<number[]> {
  const rows = await adminQuery<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [name]);
  return rows.map((r) => r.pid);
}

/** CPU ms so far of each backend of `name` (none for SQLite); a backend that ends before it is read is not counted. */
async function backendsCpuMs(name: string | null): Promise<Map<number, number>> {
  if (name === null) return new Map();
  const cpu = new Map<number, number>();
  for (const pid of await backendPids(name)) {
    try {
      cpu.set(pid, processCpuMs(pid));
    } catch {
      // Ended between the query and the read.
    }
  }
  return cpu;
}

/** --pg-backends-core: the backends of this run's database on one core (they are otherwise free to use both). */
async function pinBackendsTo(name: string, core: number): Promise<void> {
  for (const pid of await backendPids(name)) execFileSync('taskset', ['-p', '-c', String(core), String(pid)], { stdio: 'ignore' });
}

async function adminQuery<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: testPostgresServerUrl() });
  await client.connect();
  try {
    return (await client.query<R>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

/** Builds the corpus, seeds the database(s) and writes the load files; returns the number of peers. */
async function writeCorpus(): Promise<number> {
  const peers = buildCorpus(size);
  await applyMigrations({ databaseUrl: `file:${seeded}`, migrationsDir: path.resolve('prisma/migrations') });
  seedDatabase(seeded, size, peers);
  if (databases.includes('postgres')) {
    template = await createTestPostgresDatabase();
    await applyMigrations({ databaseUrl: template.url, migrationsDir: path.resolve('prisma/postgres/migrations') });
    await seedPostgres(template.url, size, peers);
  }
  writePaths(files.ours, peers, 'ours');
  writePaths(files.plain, peers, 'plain');
  writePreload(files.preload, peers);
  return peers.length;
}

async function drainTime(port: number): Promise<{ drainMs: number; behindBatches: number }> {
  const res = await fetch(`http://127.0.0.1:${port}/bench/drain`);
  return (await res.json()) as { drainMs: number; behindBatches: number };
}
