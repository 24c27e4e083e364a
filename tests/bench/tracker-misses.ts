/**
 * Cache misses against the event loop: a tracker in this process, its caches cold, takes a steady stream of
 * announces from members and torrents it has never seen (each one a member read and a torrent read) while a probe
 * announces a cached member every millisecond. Printed per database, side by side: how fast the misses were
 * answered, how long the cached probe waited meanwhile, and the event loop's delay (monitorEventLoopDelay).
 * On SQLite a miss is a synchronous read on the event loop; on PostgreSQL it is a query on a pool that the event
 * loop does not wait for.
 *   npx tsx --import ./scripts/server-only-shim.mjs tests/bench/tracker-misses.ts [--members 20000] [--rate 20]
 * (--rate: misses started per millisecond). Needs the local PostgreSQL (tests/helpers/postgres.ts).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { applyMigrations } from '@/lib/db/migrate';
import { migrationsDirFor } from '@/lib/db/provider';
import { createTracker, type Tracker } from '@/lib/tracker-server';
import type { TrackerRequest } from '@/lib/tracker-server/request';
import { createTestPostgresDatabase } from '@/tests/helpers/postgres';
import { announceQuery, peerId, TrackerRows } from '@/tests/helpers/tracker-harness';

const { values: flags } = parseArgs({ options: { members: { type: 'string', default: '20000' }, rate: { type: 'string', default: '20' } } });
const MEMBERS = Number(flags.members);
const RATE = Number(flags.rate);
const TORRENTS = Math.max(1, Math.floor(MEMBERS / 4));
const ROOT = process.cwd();

interface Figures {
  database: string;
  missesPerSecond: number;
  /** Mean time one miss held the event loop in tracker.serve() itself (its synchronous part), in µs. */
  heldUs: number;
  /** Process CPU time (all threads) per miss, in µs. */
  cpuUs: number;
  probe: { p50: number; p99: number; max: number };
  loop: { p50: number; p99: number; max: number };
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'giveback-bench-misses-'));
const results: Figures[] = [];
// The tracker's own timers do not keep a process alive (a server's socket does); this stands in for it.
const alive = setInterval(() => {}, 1000);
try {
  results.push(await run('sqlite', `file:${path.join(dir, 'bench.db')}`));
  const pg = await createTestPostgresDatabase();
  try {
    results.push(await run('postgres', pg.url));
  } finally {
    await pg.drop();
  }
} finally {
  clearInterval(alive);
  rmSync(dir, { recursive: true, force: true });
}
console.log(`\n${MEMBERS} members and ${TORRENTS} torrents never cached, ${RATE} misses started per ms, a cached probe every ms (times in ms):`);
console.table(results.map((r) => ({
  database: r.database, 'misses/s': Math.round(r.missesPerSecond), 'serve() held µs/miss': r.heldUs, 'CPU µs/miss': r.cpuUs,
  'probe p50': r.probe.p50, 'probe p99': r.probe.p99, 'probe max': r.probe.max,
  'loop delay p50': r.loop.p50, 'loop delay p99': r.loop.p99, 'loop delay max': r.loop.max,
})));

async function run(database: string, databaseUrl: string): Promise<Figures> {
  await applyMigrations({ databaseUrl, migrationsDir: migrationsDirFor(databaseUrl, ROOT) });
  const rows = new TrackerRows(databaseUrl);
  const { passkeys, hashes } = await seed(rows);
  await rows.close();
  const tracker = await createTracker({
    databaseUrl, journalDir: path.join(dir, `${database}-journal`), log: () => {},
    settings: { minIntervalSeconds: 0, cacheTtlSeconds: 3600, unknownPasskeyLimit: 1_000_000, foldIntervalMs: 3_600_000 },
  });
  try {
    // The probe's member and torrent are cached before the measurement.
    const probe = { passkey: passkeys[0] as string, hash: hashes[0] as Buffer };
    await serve(tracker, probe.passkey, probe.hash, 1);
    const histogram = monitorEventLoopDelay({ resolution: 1 });
    histogram.enable();
    const probeTimes: number[] = [];
    let probing = true;
    const probeLoop = (async () => {
      while (probing) {
        const t0 = performance.now();
        await serve(tracker, probe.passkey, probe.hash, 1);
        probeTimes.push(performance.now() - t0);
        await new Promise((r) => setTimeout(r, 1));
      }
    })();
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    let held = 0;
    const pending: Promise<unknown>[] = [];
    for (let next = 1; next < MEMBERS;) {
      for (let k = 0; k < RATE && next < MEMBERS; k++, next++) {
        const s0 = performance.now();
        pending.push(serve(tracker, passkeys[next] as string, hashes[next % TORRENTS] as Buffer, 1000 + next));
        held += performance.now() - s0;
      }
      await new Promise((r) => setTimeout(r, 1));
    }
    await Promise.all(pending);
    const elapsed = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    probing = false;
    await probeLoop;
    histogram.disable();
    const ms = (ns: number) => Math.round(ns / 1e4) / 100;
    probeTimes.sort((a, b) => a - b);
    const at = (q: number) => Math.round((probeTimes[Math.min(probeTimes.length - 1, Math.floor(q * probeTimes.length))] ?? 0) * 100) / 100;
    return {
      database, missesPerSecond: (MEMBERS - 1) / (elapsed / 1000),
      heldUs: Math.round((held * 1000) / (MEMBERS - 1)), cpuUs: Math.round((cpu.user + cpu.system) / (MEMBERS - 1)),
      probe: { p50: at(0.5), p99: at(0.99), max: at(1) },
      loop: { p50: ms(histogram.percentile(50)), p99: ms(histogram.percentile(99)), max: ms(histogram.max) },
    };
  } finally {
    await tracker.close();
  }
}

/** One announce straight into tracker.serve (no HTTP in the way); resolves with the reply when it is sent. */
function serve(tracker: Tracker, passkey: string, infoHash: Buffer, seed: number): Promise<Uint8Array> {
  const request: TrackerRequest = {
    method: 'GET', url: `/tracker/${passkey}/announce?${announceQuery({ infoHash, peerId: peerId(seed), port: 6881, left: 10 })}`,
    remoteAddress: `127.0.${seed >> 8 & 255}.${seed & 255}`, userAgent: 'bench', acceptLanguage: undefined, referer: undefined, forwardedFor: undefined,
  };
  return new Promise((resolve) => tracker.serve(request, { send: resolve }));
}

async function seed(rows: TrackerRows): Promise<{ passkeys: string[]; hashes: Buffer[] }> {
  const passkeys = Array.from({ length: MEMBERS }, () => randomBytes(16).toString('hex'));
  const hashes = Array.from({ length: TORRENTS }, () => randomBytes(20));
  for (let i = 0; i < MEMBERS; i += 500) {
    const chunk = passkeys.slice(i, i + 500);
    await rows.run(
      `INSERT INTO "User" ("username", "usernameKey", "passwordHash", "passkey") VALUES ${chunk.map(() => '(?, ?, ?, ?)').join(', ')}`,
      ...chunk.flatMap((p) => [`b${p}`, `b${p}`, 'x', p]),
    );
  }
  await rows.run(`INSERT INTO "Category" ("id", "name", "slug") VALUES (1, 'c', 'c') ON CONFLICT DO NOTHING`);
  const uploader = await rows.get<{ id: bigint }>('SELECT "id" FROM "User" ORDER BY "id" LIMIT 1');
  for (let i = 0; i < TORRENTS; i += 500) {
    const chunk = hashes.slice(i, i + 500);
    await rows.run(
      `INSERT INTO "Torrent" ("infoHashV1", "name", "title", "version", "size", "pieceLength", "fileCount", "categoryId", "uploaderId", "updatedAt")
       VALUES ${chunk.map(() => `(?, 'n', 't', 'v1', 1000, 16384, 1, 1, ?, '2026-01-01T00:00:00.000+00:00')`).join(', ')}`,
      ...chunk.flatMap((h) => [h.toString('hex'), uploader?.id]),
    );
  }
  return { passkeys, hashes };
}
