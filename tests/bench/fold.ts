/**
 * The journal fold's cost per record on SQLite and on PostgreSQL, in one run over the same batches (the machine is
 * shared: compare the ratio, not the figures across runs). A tracker of `--peers` live peers (each its member's
 * only peer on a torrent) first announces them all (new rows), then re-announces random ones in rounds of
 * `--round` records, as the fold worker sees them: nearly all rowCurrent (counters and time only), a few
 * completions, stops, new peers and flags.
 *   npx tsx --import ./scripts/server-only-shim.mjs tests/bench/fold.ts [--peers 100000] [--round 50000] [--rounds 6]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';
import { applyMigrations } from '@/lib/db/migrate';
import { migrationsDirFor } from '@/lib/db/provider';
import type { JournalBatch } from '@/lib/tracker-server/journal/reader';
import { RecordWriter, type AnnounceRecord } from '@/lib/tracker-server/journal/records';
import { openJournalStore } from '@/lib/tracker-server/journal/store';
import { createTestPostgresDatabase } from '../helpers/postgres';

const { values: flags } = parseArgs({
  options: { peers: { type: 'string', default: '100000' }, round: { type: 'string', default: '50000' }, rounds: { type: 'string', default: '6' } },
});
const PEERS = Number(flags.peers);
const ROUND = Number(flags.round);
const ROUNDS = Number(flags.rounds);
const MEMBERS = Math.max(1, Math.floor(PEERS / 5));
const TORRENTS = Math.max(1, Math.floor(PEERS / 20));
const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** mulberry32, so both databases get the same batches. */
let state = 12345;
function random(): number {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

interface Peer { userId: number; torrentId: number; peerId: Uint8Array; uploaded: bigint; left: bigint }

function peers(): Peer[] {
  const out: Peer[] = [];
  const seen = new Set<string>();
  while (out.length < PEERS) {
    const userId = 1 + Math.floor(random() * MEMBERS);
    const torrentId = 1 + Math.floor(random() * TORRENTS);
    if (seen.has(`${userId},${torrentId}`)) continue;
    seen.add(`${userId},${torrentId}`);
    const peerId = Buffer.alloc(20);
    peerId.write('-qB4520-', 0, 'latin1');
    peerId.writeUInt32BE(userId, 8);
    peerId.writeUInt32BE(torrentId, 12);
    out.push({ userId, torrentId, peerId, uploaded: 0n, left: random() < 0.5 ? 0n : 1000n });
  }
  return out;
}

function batches(live: Peer[]): JournalBatch[][] {
  let seq = 0;
  let at = Date.UTC(2026, 0, 1);
  const w = new RecordWriter();
  const frame = (records: AnnounceRecord[]) => {
    const out: JournalBatch[] = [];
    for (let i = 0; i < records.length; i += 500) {
      w.reset();
      for (const r of records.slice(i, i + 500)) w.write(r);
      out.push({ seq: ++seq, payload: w.bytes().slice() });
    }
    return out;
  };
  const record = (p: Peer, first: boolean): AnnounceRecord => {
    const up = first ? 0n : BigInt(Math.floor(random() * 1e6));
    p.uploaded += up;
    let completed = false;
    if (!first && p.left > 0n && random() < 0.02) {
      p.left = 0n;
      completed = true;
    }
    return {
      kind: 'announce', torrentId: p.torrentId, userId: p.userId, peerId: p.peerId, atMs: (at += 1), seeders: 5, leechers: 3,
      peer: { ip: '10.1.2.3', port: 6881, uploaded: p.uploaded, downloaded: 0n, left: p.left, rowCurrent: !first && !completed },
      actualUploaded: up, actualDownloaded: 0n, creditedUploaded: up, creditedDownloaded: 0n, seedSeconds: p.left === 0n ? 1800 : 0,
      completed, flags: random() < 0.01 ? [{ kind: 'upload-without-leechers', details: '{}' }] : [],
    };
  };
  const rounds: JournalBatch[][] = [frame(live.map((p) => record(p, true)))];
  for (let r = 0; r < ROUNDS; r++) {
    rounds.push(frame(Array.from({ length: ROUND }, () => record(live[Math.floor(random() * live.length)] as Peer, false))));
  }
  return rounds;
}

async function seedSqlite(url: string): Promise<void> {
  const db = new Database(url.replace(/^file:/, ''));
  db.exec(`INSERT OR IGNORE INTO "Category" ("id", "name", "slug") VALUES (1, 'c', 'c')`);
  const user = db.prepare('INSERT INTO "User" ("id", "username", "usernameKey", "passwordHash", "passkey") VALUES (?, ?, ?, \'x\', ?)');
  const torrent = db.prepare(`INSERT INTO "Torrent" ("id", "infoHashV1", "name", "title", "version", "size", "pieceLength", "fileCount",
    "categoryId", "uploaderId", "updatedAt") VALUES (?, ?, 't', 't', 'v1', 1, 1, 1, 1, 1, '2026-01-01T00:00:00.000+00:00')`);
  db.transaction(() => {
    for (let id = 1; id <= MEMBERS; id++) user.run(id, `m${id}`, `m${id}`, id.toString(16).padStart(32, '0'));
    for (let id = 1; id <= TORRENTS; id++) torrent.run(id, id.toString(16).padStart(40, '0'));
  })();
  db.close();
}

async function seedPostgres(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`INSERT INTO "Category" ("id", "name", "slug") VALUES (1, 'c', 'c') ON CONFLICT DO NOTHING`);
  await client.query(`INSERT INTO "User" ("id", "username", "usernameKey", "passwordHash", "passkey")
    SELECT i, 'm' || i, 'm' || i, 'x', lpad(to_hex(i), 32, '0') FROM generate_series(1, $1::int) i`, [MEMBERS]);
  await client.query(`INSERT INTO "Torrent" ("id", "infoHashV1", "name", "title", "version", "size", "pieceLength", "fileCount",
    "categoryId", "uploaderId", "updatedAt")
    SELECT i, lpad(to_hex(i), 40, '0'), 't', 't', 'v1', 1, 1, 1, 1, 1, '2026-01-01' FROM generate_series(1, $1::int) i`, [TORRENTS]);
  await client.query('VACUUM ANALYZE');
  await client.end();
}

async function measure(databaseUrl: string, rounds: JournalBatch[][]): Promise<{ insertUs: number; roundUs: number[] }> {
  const store = openJournalStore({ databaseUrl, journalId: 'bench', busyTimeoutMs: 5000, fsync: false, longLived: true, log: console.error });
  const perRecord: number[] = [];
  try {
    for (const round of rounds) {
      const t0 = performance.now();
      const result = await store.fold(round);
      perRecord.push(((performance.now() - t0) * 1000) / result.records);
    }
  } finally {
    await store.close();
  }
  return { insertUs: perRecord[0] ?? 0, roundUs: perRecord.slice(1) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function main(): Promise<void> {
  const live = peers();
  const rounds = batches(live);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'giveback-fold-bench-'));
  const sqliteUrl = `file:${path.join(dir, 'bench.db')}`;
  const postgres = await createTestPostgresDatabase();
  try {
    for (const url of [sqliteUrl, postgres.url]) await applyMigrations({ databaseUrl: url, migrationsDir: migrationsDirFor(url, ROOT) });
    await seedSqlite(sqliteUrl);
    await seedPostgres(postgres.url);
    console.log(`${PEERS} live peers, ${MEMBERS} members, ${TORRENTS} torrents; rounds of ${ROUND} re-announces`);
    const sqlite = await measure(sqliteUrl, rounds);
    const pgResult = await measure(postgres.url, rounds);
    const row = (name: string, r: typeof sqlite) =>
      console.log(`${name.padEnd(10)} insert ${r.insertUs.toFixed(1)} µs/record; re-announce rounds ${r.roundUs.map((x) => x.toFixed(1)).join(' ')} µs/record (median ${median(r.roundUs).toFixed(1)})`);
    row('SQLite', sqlite);
    row('PostgreSQL', pgResult);
    console.log(`PostgreSQL / SQLite: insert ${(pgResult.insertUs / sqlite.insertUs).toFixed(2)}x, re-announce ${(median(pgResult.roundUs) / median(sqlite.roundUs)).toFixed(2)}x`);
  } finally {
    await postgres.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
