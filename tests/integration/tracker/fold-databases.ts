import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { applyMigrations } from '@/lib/db/migrate';
import { migrationsDirFor } from '@/lib/db/provider';
import { sqlitePath } from '@/lib/env';
import type { FoldResult } from '@/lib/tracker-server/journal/fold';
import type { JournalBatch } from '@/lib/tracker-server/journal/reader';
import { RecordWriter, type JournalRecord } from '@/lib/tracker-server/journal/records';
import { openJournalStore, type JournalStore } from '@/lib/tracker-server/journal/store';
import { createTestPostgresDatabase } from '../../helpers/postgres';
import { ROOT } from '../../helpers/server';

/**
 * One migrated test database of either kind, with what the fold tests need on both: plain SQL (`?` placeholders,
 * rewritten to `$n` on PostgreSQL), a fold through the journal store (the seam the tracker uses), and the rows a
 * fold writes, read back as the site's readers see them and normalized so that SQLite's and PostgreSQL's can be
 * compared: integers and booleans as decimal text, bytes as hex, times as epoch milliseconds.
 */
export interface FoldDatabase {
  provider: 'sqlite' | 'postgres';
  databaseUrl: string;
  /** A fresh temporary folder of this database's own (journals go there). */
  dir: string;
  exec(sql: string, params?: readonly unknown[]): Promise<void>;
  rows(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Folds through a journal store of journal `journalId` (one store, so one connection, per journal id). */
  fold(journalId: string, batches: readonly JournalBatch[]): Promise<FoldResult>;
  store(journalId: string): JournalStore;
  snapshot(): Promise<FoldSnapshot>;
  close(): Promise<void>;
}

export type Row = Record<string, string | null>;

export interface FoldSnapshot {
  peers: Row[];
  history: Row[];
  users: Row[];
  torrents: Row[];
  flags: Row[];
}

const TIME_COLUMNS = new Set(['startedAt', 'lastAnnounceAt', 'firstAnnounceAt', 'completedAt', 'createdAt', 'lastAt', 'previousAnnounceAt']);

export interface OpenFoldDatabaseOptions {
  /**
   * Migrates only up to (not including) this migration, runs `before` on the database as it was then, and only
   * then applies the rest: for tests of an upgrade.
   */
  upgrade?: { migration: string; before: (exec: Runner['exec']) => Promise<void> };
}

/** A new database of the test's own with every migration applied (a SQLite file, or a PostgreSQL database). */
export async function openFoldDatabase(provider: 'sqlite' | 'postgres', options: OpenFoldDatabaseOptions = {}): Promise<FoldDatabase> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'giveback-fold-'));
  const postgresDatabase = provider === 'postgres' ? await createTestPostgresDatabase() : null;
  const database = { dir, databaseUrl: postgresDatabase?.url ?? `file:${path.join(dir, 'test.db')}` };
  const migrations = migrationsDirFor(database.databaseUrl, ROOT);
  if (options.upgrade !== undefined) {
    const before = path.join(dir, 'migrations-before');
    await cp(migrations, before, { recursive: true });
    const folders = (await readdir(before, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
    if (!folders.includes(options.upgrade.migration)) throw new Error(`no migration ${options.upgrade.migration}`);
    for (const name of folders) if (name >= options.upgrade.migration) await rm(path.join(before, name), { recursive: true });
    await applyMigrations({ databaseUrl: database.databaseUrl, migrationsDir: before });
    const early = provider === 'sqlite' ? sqliteRunner(database) : await postgresRunner(database);
    await options.upgrade.before(early.exec);
    await early.close();
  }
  await applyMigrations({ databaseUrl: database.databaseUrl, migrationsDir: migrations });
  const run = provider === 'sqlite' ? sqliteRunner(database) : await postgresRunner(database);
  const stores = new Map<string, JournalStore>();
  const store = (journalId: string) => {
    let s = stores.get(journalId);
    if (s === undefined) {
      s = openJournalStore({ databaseUrl: database.databaseUrl, journalId, busyTimeoutMs: 5000, fsync: false, longLived: true, log: () => undefined });
      stores.set(journalId, s);
    }
    return s;
  };
  const rows = async (sql: string, params: readonly unknown[] = []) => (await run.rows(sql, params)).map(normalize);
  return {
    provider,
    databaseUrl: database.databaseUrl,
    dir,
    exec: run.exec,
    rows,
    store,
    fold: (journalId, batches) => store(journalId).fold(batches),
    snapshot: async () => ({
      // As the readers see a peer: its latest state is on the history row while that row names it.
      peers: await rows(`SELECT p."torrentId", p."userId", p."peerId", p."ip", p."port", p."seeder", p."client", p."startedAt",
          CASE WHEN h."lastPeerId" = p."peerId" THEN h."lastPeerUploaded" ELSE p."uploaded" END AS "uploaded",
          CASE WHEN h."lastPeerId" = p."peerId" THEN h."lastPeerDownloaded" ELSE p."downloaded" END AS "downloaded",
          CASE WHEN h."lastPeerId" = p."peerId" THEN h."lastPeerLeft" ELSE p."left" END AS "left",
          CASE WHEN h."lastPeerId" = p."peerId" THEN h."lastAnnounceAt" ELSE p."lastAnnounceAt" END AS "lastAnnounceAt"
        FROM "Peer" p LEFT JOIN "UserTorrent" h ON h."userId" = p."userId" AND h."torrentId" = p."torrentId"
        ORDER BY p."torrentId", p."userId", p."peerId"`),
      history: await rows(`SELECT "userId", "torrentId", "actualUploaded", "actualDownloaded", "creditedUploaded", "creditedDownloaded",
          "seedTimeSeconds", "firstAnnounceAt", "lastAnnounceAt", "completedAt", "previousAnnounceAt", "lastAnnounceUploaded",
          "lastAnnounceDownloaded" FROM "UserTorrent" ORDER BY "userId", "torrentId"`),
      users: await rows('SELECT "id", "uploaded", "downloaded" FROM "User" ORDER BY "id"'),
      torrents: await rows('SELECT "id", "seeders", "leechers", "snatches", "balance" FROM "Torrent" ORDER BY "id"'),
      flags: (await rows(`SELECT "userId", "torrentId", "kind", "details", "count", "createdAt", "lastAt" FROM "CheatFlag"`))
        .sort((a, b) => `${a.userId?.padStart(9)}${a.torrentId?.padStart(9)}${a.kind}`.localeCompare(`${b.userId?.padStart(9)}${b.torrentId?.padStart(9)}${b.kind}`)),
    }),
    close: async () => {
      for (const s of stores.values()) await s.close();
      await run.close();
      await postgresDatabase?.drop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface Runner {
  exec(sql: string, params?: readonly unknown[]): Promise<void>;
  rows(sql: string, params: readonly unknown[]): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

function sqliteRunner(database: { databaseUrl: string }): Runner {
  const db = new Database(sqlitePath(database.databaseUrl));
  db.defaultSafeIntegers(true);
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  const bind = (params: readonly unknown[]) => params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p));
  return {
    exec: async (sql, params = []) => {
      if (params.length === 0) db.exec(sql);
      else db.prepare(sql).run(...bind(params));
    },
    rows: async (sql, params) => db.prepare(sql).all(...bind(params)) as Record<string, unknown>[],
    close: async () => {
      db.close();
    },
  };
}

async function postgresRunner(database: { databaseUrl: string }): Promise<Runner> {
  // Times as the server's text (TIMESTAMP(3) holds UTC), not as Dates in the process's time zone.
  const client = new pg.Client({
    connectionString: database.databaseUrl,
    types: { getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === 1114 ? (v: string) => v : pg.types.getTypeParser(oid, format ?? 'text'))) as typeof pg.types.getTypeParser },
  });
  await client.connect();
  const numbered = (sql: string) => {
    let n = 0;
    return sql.replace(/\?/g, () => `$${++n}`);
  };
  return {
    exec: async (sql, params = []) => {
      await client.query(numbered(sql), [...params]);
    },
    rows: async (sql, params) => (await client.query(numbered(sql), [...params])).rows as Record<string, unknown>[],
    close: () => client.end(),
  };
}

function normalize(row: Record<string, unknown>): Row {
  const out: Row = {};
  for (const [key, value] of Object.entries(row)) {
    if (value === null || value === undefined) out[key] = null;
    else if (TIME_COLUMNS.has(key)) out[key] = String(epochMs(value));
    else if (typeof value === 'boolean') out[key] = value ? '1' : '0';
    else if (value instanceof Uint8Array) out[key] = Buffer.from(value).toString('hex');
    else out[key] = String(value);
  }
  return out;
}

/** SQLite's text ('…T…+00:00', as Prisma and the fold write it) or PostgreSQL's ('… …', UTC), as epoch ms. */
function epochMs(value: unknown): number {
  const text = String(value);
  const ms = Date.parse(/[zZ]|[+-]\d\d:\d\d$/.test(text) ? text : `${text.replace(' ', 'T')}Z`);
  if (Number.isNaN(ms)) throw new Error(`not a time: ${text}`);
  return ms;
}

/**
 * Members 2…members+1 and torrents 1…torrents (member 1 uploads them all), with the same ids on either database.
 */
export async function seedMembersAndTorrents(db: FoldDatabase, members: number, torrents: number): Promise<void> {
  await db.exec(`INSERT INTO "Category" ("id", "name", "slug") VALUES (1, 'c', 'c') ON CONFLICT DO NOTHING`);
  for (let id = 1; id <= members + 1; id++) {
    await db.exec('INSERT INTO "User" ("id", "username", "usernameKey", "passwordHash", "passkey") VALUES (?, ?, ?, ?, ?)', [
      id, `m${id}`, `m${id}`, 'x', id.toString(16).padStart(32, '0'),
    ]);
  }
  for (let id = 1; id <= torrents; id++) {
    await db.exec(`INSERT INTO "Torrent" ("id", "infoHashV1", "name", "title", "version", "size", "pieceLength", "fileCount",
      "categoryId", "uploaderId", "updatedAt") VALUES (?, ?, 't', 't', 'v1', 1000, 16384, 1, 1, 1, '2026-01-01T00:00:00.000+00:00')`, [
      id, id.toString(16).padStart(40, '0'),
    ]);
  }
}

/** One journal frame's payload. */
export function encodeBatch(seq: number, records: readonly JournalRecord[]): JournalBatch {
  const w = new RecordWriter();
  for (const r of records) w.write(r);
  return { seq, payload: w.bytes().slice() };
}
