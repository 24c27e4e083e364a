import type Database from 'better-sqlite3';
import { clientFromPeerId } from '@/lib/tracker';
import { sqlBool, sqlDate } from '../sql-values';
import type { JournalBatch } from './reader';
import type { AnnounceRecord, JournalRecord } from './records';

export interface FoldResult {
  /** Sequence number of the last batch folded (or already folded before). */
  appliedSeq: number;
  /** Records applied by this fold (those of vanished members or torrents not counted). */
  records: number;
  /** First completions per torrent, for the tracker's in-memory snatch counts. */
  snatches: [number, number][];
  /** Members whose credited bytes or seeding changed, for the ratio scheduler. */
  users: number[];
  /** Some records named a member or torrent that no longer exists: the tracker should drop its caches. */
  vanished: boolean;
}

interface HistorySum {
  userId: number;
  torrentId: number;
  actualUploaded: bigint;
  actualDownloaded: bigint;
  creditedUploaded: bigint;
  creditedDownloaded: bigint;
  seedSeconds: number;
  firstMs: number;
  lastMs: number;
  completedMs: number | null;
}

/**
 * Folds journal batches into the site's tables in one IMMEDIATE transaction, together with the new applied
 * sequence number, so each batch lands exactly once however often it is offered (after a crash, batches up
 * to TrackerJournal.appliedSeq are skipped). Changes are coalesced first: one Peer write per peer (the last
 * record wins), one UserTorrent upsert per member and torrent, one User and one Torrent update each. Records of
 * members or torrents the site deleted are dropped. Throws on any database error; SQLite rolls it all back.
 */
export function foldBatches(db: Database.Database, batches: readonly JournalBatch[]): FoldResult {
  const sql = foldStatements(db);
  const run = db.transaction((): FoldResult => {
    const applied = Number(sql.applied.get()?.appliedSeq ?? 0);
    const fresh = batches.filter((b) => b.seq > applied);
    const lastSeq = fresh.reduce((m, b) => Math.max(m, b.seq), applied);
    if (fresh.length === 0) return { appliedSeq: applied, records: 0, snatches: [], users: [], vanished: false };

    const users = new Map<number, boolean>();
    const torrents = new Map<number, boolean>();
    const exists = (cache: Map<number, boolean>, id: number, query: Database.Statement<[number]>) => {
      let known = cache.get(id);
      if (known === undefined) {
        known = query.get(id) !== undefined;
        cache.set(id, known);
      }
      return known;
    };
    const peers = new Map<string, JournalRecord>();
    const history = new Map<string, HistorySum>();
    const credits = new Map<number, { up: bigint; down: bigint }>();
    const torrentSums = new Map<number, { seeders: number; leechers: number; balance: bigint }>();
    const flags: { record: AnnounceRecord; kind: string; details: string }[] = [];
    const touchedUsers = new Set<number>();
    let vanished = false;
    let records = 0;

    for (const batch of fresh) {
      for (const r of batch.records) {
        if (!exists(users, r.userId, sql.userExists) || !exists(torrents, r.torrentId, sql.torrentExists)) {
          vanished = true;
          continue;
        }
        records++;
        peers.set(`${r.torrentId}:${r.userId}:${Buffer.from(r.peerId).toString('latin1')}`, r);
        const t = torrentSums.get(r.torrentId) ?? { seeders: 0, leechers: 0, balance: 0n };
        t.seeders = r.seeders;
        t.leechers = r.leechers;
        torrentSums.set(r.torrentId, t);
        touchedUsers.add(r.userId);
        if (r.kind !== 'announce') continue;
        t.balance += r.actualUploaded - r.actualDownloaded;
        const hKey = `${r.userId}:${r.torrentId}`;
        let h = history.get(hKey);
        if (h === undefined) {
          h = {
            userId: r.userId, torrentId: r.torrentId, actualUploaded: 0n, actualDownloaded: 0n, creditedUploaded: 0n,
            creditedDownloaded: 0n, seedSeconds: 0, firstMs: r.atMs, lastMs: r.atMs, completedMs: null,
          };
          history.set(hKey, h);
        }
        h.actualUploaded += r.actualUploaded;
        h.actualDownloaded += r.actualDownloaded;
        h.creditedUploaded += r.creditedUploaded;
        h.creditedDownloaded += r.creditedDownloaded;
        h.seedSeconds += r.seedSeconds;
        h.lastMs = Math.max(h.lastMs, r.atMs);
        if (r.completed && h.completedMs === null) h.completedMs = r.atMs;
        if (r.creditedUploaded !== 0n || r.creditedDownloaded !== 0n) {
          const c = credits.get(r.userId) ?? { up: 0n, down: 0n };
          c.up += r.creditedUploaded;
          c.down += r.creditedDownloaded;
          credits.set(r.userId, c);
        }
        for (const f of r.flags) flags.push({ record: r, kind: f.kind, details: f.details });
      }
    }

    const dates = new DateText();
    for (const r of peers.values()) {
      const peerId = Buffer.from(r.peerId);
      if (r.kind === 'expire' || r.peer === null) {
        sql.deletePeer.run(r.torrentId, r.userId, peerId);
        continue;
      }
      const p = r.peer;
      const at = dates.of(r.atMs);
      // Most announces come from known peers: a plain update by primary key (a row's peer_id, hence its client,
      // never changes), an insert only for new ones.
      const seeder = sqlBool(p.left === 0n);
      if (sql.updatePeer.run(p.ip, p.port, p.uploaded, p.downloaded, p.left, seeder, at, r.torrentId, r.userId, peerId).changes === 0) {
        sql.insertPeer.run(r.torrentId, r.userId, peerId, p.ip, p.port, p.uploaded, p.downloaded, p.left, seeder, clientFromPeerId(r.peerId).label, at, at);
      }
    }
    const snatches = new Map<number, number>();
    for (const h of history.values()) {
      sql.upsertHistory.run(
        h.userId, h.torrentId, h.actualUploaded, h.actualDownloaded, h.creditedUploaded, h.creditedDownloaded,
        h.seedSeconds, dates.of(h.firstMs), dates.of(h.lastMs),
      );
      if (h.completedMs !== null && sql.markCompleted.run(dates.of(h.completedMs), h.userId, h.torrentId).changes === 1) {
        snatches.set(h.torrentId, (snatches.get(h.torrentId) ?? 0) + 1);
      }
    }
    for (const [userId, c] of credits) sql.creditUser.run(c.up, c.down, userId);
    for (const f of flags) sql.insertFlag.run(f.record.userId, f.record.torrentId, f.kind, f.details, dates.of(f.record.atMs));
    for (const [torrentId, t] of torrentSums) {
      sql.updateTorrent.run(t.seeders, t.leechers, snatches.get(torrentId) ?? 0, t.balance, torrentId);
    }
    sql.setApplied.run(lastSeq);
    return { appliedSeq: lastSeq, records, snatches: [...snatches], users: [...touchedUsers], vanished };
  });
  return run.immediate();
}

/** sqlDate with the text up to the second reused: a fold formats tens of thousands of nearby instants. */
class DateText {
  private second = Number.NaN;
  private prefix = '';

  of(ms: number): string {
    const second = Math.floor(ms / 1000);
    if (second !== this.second) {
      this.second = second;
      this.prefix = sqlDate(second * 1000).slice(0, 20);
    }
    return `${this.prefix}${String(ms - second * 1000).padStart(3, '0')}+00:00`;
  }
}

/** The applied sequence number as stored (0 before the first fold). */
export function appliedSeq(db: Database.Database): number {
  return Number(foldStatements(db).applied.get()?.appliedSeq ?? 0);
}

const cache = new WeakMap<Database.Database, ReturnType<typeof prepare>>();

function foldStatements(db: Database.Database) {
  let s = cache.get(db);
  if (s === undefined) {
    s = prepare(db);
    cache.set(db, s);
  }
  return s;
}

function prepare(db: Database.Database) {
  return {
    applied: db.prepare<[], { appliedSeq: bigint | number }>('SELECT "appliedSeq" FROM "TrackerJournal" WHERE "id" = 1'),
    setApplied: db.prepare<[number]>(
      `INSERT INTO "TrackerJournal" ("id", "appliedSeq") VALUES (1, ?)
       ON CONFLICT ("id") DO UPDATE SET "appliedSeq" = excluded."appliedSeq"`,
    ),
    userExists: db.prepare<[number]>('SELECT 1 FROM "User" WHERE "id" = ?'),
    torrentExists: db.prepare<[number]>('SELECT 1 FROM "Torrent" WHERE "id" = ?'),
    updatePeer: db.prepare(
      `UPDATE "Peer" SET "ip" = ?, "port" = ?, "uploaded" = ?, "downloaded" = ?, "left" = ?, "seeder" = ?, "lastAnnounceAt" = ?
       WHERE "torrentId" = ? AND "userId" = ? AND "peerId" = ?`,
    ),
    insertPeer: db.prepare(
      `INSERT INTO "Peer" ("torrentId", "userId", "peerId", "ip", "port", "uploaded", "downloaded", "left", "seeder",
         "client", "startedAt", "lastAnnounceAt")
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    deletePeer: db.prepare('DELETE FROM "Peer" WHERE "torrentId" = ? AND "userId" = ? AND "peerId" = ?'),
    upsertHistory: db.prepare(
      `INSERT INTO "UserTorrent" ("userId", "torrentId", "actualUploaded", "actualDownloaded", "creditedUploaded",
         "creditedDownloaded", "seedTimeSeconds", "firstAnnounceAt", "lastAnnounceAt")
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT ("userId", "torrentId") DO UPDATE SET
         "actualUploaded" = "actualUploaded" + excluded."actualUploaded",
         "actualDownloaded" = "actualDownloaded" + excluded."actualDownloaded",
         "creditedUploaded" = "creditedUploaded" + excluded."creditedUploaded",
         "creditedDownloaded" = "creditedDownloaded" + excluded."creditedDownloaded",
         "seedTimeSeconds" = "seedTimeSeconds" + excluded."seedTimeSeconds",
         "lastAnnounceAt" = excluded."lastAnnounceAt"`,
    ),
    markCompleted: db.prepare(
      'UPDATE "UserTorrent" SET "completedAt" = ? WHERE "userId" = ? AND "torrentId" = ? AND "completedAt" IS NULL',
    ),
    creditUser: db.prepare('UPDATE "User" SET "uploaded" = "uploaded" + ?, "downloaded" = "downloaded" + ? WHERE "id" = ?'),
    insertFlag: db.prepare('INSERT INTO "CheatFlag" ("userId", "torrentId", "kind", "details", "createdAt") VALUES (?, ?, ?, ?, ?)'),
    updateTorrent: db.prepare(
      `UPDATE "Torrent" SET "seeders" = ?, "leechers" = ?, "snatches" = "snatches" + ?, "balance" = "balance" + ?
       WHERE "id" = ?`,
    ),
  };
}
