import type Database from 'better-sqlite3';
import { clientFromPeerId } from '@/lib/tracker';
import { sqlBool, sqlDate } from '../sql-values';
import type { JournalBatch } from './reader';
import { KIND_ANNOUNCE, RecordCursor } from './records';

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

/**
 * Folds journal batches into the site's tables in one IMMEDIATE transaction, together with the new applied
 * sequence number, so each batch lands exactly once however often it is offered (after a crash, batches up
 * to TrackerJournal.appliedSeq are skipped). Records are applied in order, each with its own Peer and
 * UserTorrent statement: a peer announces once per interval, so a fold of a few seconds almost never holds two
 * records of one peer, and applying them in order gives what coalescing would (the last state of the peer wins,
 * sums add up). Only what many records share is coalesced: one User update per member, one Torrent update per
 * torrent (skipped when it would change nothing). Records of members or torrents the site deleted are dropped.
 * Throws on any database error; SQLite rolls it all back.
 */
export function foldBatches(db: Database.Database, batches: readonly JournalBatch[]): FoldResult {
  const sql = foldStatements(db);
  try {
    return foldOnce(db, sql, batches);
  } catch (error) {
    // Existence is remembered across folds; a member or torrent deleted since then fails a foreign key. Check
    // every id afresh and try once more: this time their records are dropped. (Ids are AUTOINCREMENT, never
    // reused, so a remembered id can only have vanished, never come to name another row.)
    if (!isConstraintError(error) || sql.known.users.size + sql.known.torrents.size === 0) throw error;
    sql.known.users.clear();
    sql.known.torrents.clear();
    return foldOnce(db, sql, batches);
  }
}

function foldOnce(db: Database.Database, sql: FoldStatements, batches: readonly JournalBatch[]): FoldResult {
  const run = db.transaction((): FoldResult => {
    const applied = Number(sql.applied.get()?.appliedSeq ?? 0);
    let lastSeq = applied;
    let records = 0;
    let vanished = false;
    const missing = { users: new Set<number>(), torrents: new Set<number>() };
    const exists = (id: number, known: Set<number>, gone: Set<number>, query: Database.Statement<[number]>) => {
      if (known.has(id)) return true;
      if (gone.has(id)) return false;
      const found = query.get(id) !== undefined;
      (found ? known : gone).add(id);
      return found;
    };
    const credits = new Map<number, { up: bigint; down: bigint }>();
    const torrentSums = new Map<number, { seeders: number; leechers: number; balance: bigint; snatches: number }>();
    const touchedUsers = new Set<number>();
    const dates = new DateText();

    for (const batch of batches) {
      if (batch.seq <= applied) continue;
      lastSeq = Math.max(lastSeq, batch.seq);
      const r = new RecordCursor(batch.payload);
      while (r.next()) {
        if (!exists(r.userId, sql.known.users, missing.users, sql.userExists)
          || !exists(r.torrentId, sql.known.torrents, missing.torrents, sql.torrentExists)) {
          vanished = true;
          continue;
        }
        records++;
        touchedUsers.add(r.userId);
        let t = torrentSums.get(r.torrentId);
        if (t === undefined) {
          t = { seeders: 0, leechers: 0, balance: 0n, snatches: 0 };
          torrentSums.set(r.torrentId, t);
        }
        t.seeders = r.seeders;
        t.leechers = r.leechers;
        const at = dates.of(r.atMs);
        const announce = r.kind === KIND_ANNOUNCE;
        if (!announce || !r.hasPeer) {
          sql.deletePeer.run(r.torrentId, r.userId, r.peerId);
        } else {
          // Most announces come from known peers: a plain update by primary key (a row's peer_id, hence its
          // client, never changes), an insert only for new ones.
          const seeder = sqlBool(r.left === 0n);
          if (sql.updatePeer.run(r.ip, r.port, r.uploaded, r.downloaded, r.left, seeder, at, r.torrentId, r.userId, r.peerId).changes === 0) {
            sql.insertPeer.run(
              r.torrentId, r.userId, r.peerId, r.ip, r.port, r.uploaded, r.downloaded, r.left, seeder, clientFromPeerId(r.peerId).label, at, at,
            );
          }
        }
        if (!announce) continue;
        t.balance += r.actualUploaded - r.actualDownloaded;
        // An update by primary key for the usual case; an insert (which must also allocate a rowid) only for a
        // member's first announce on the torrent (no row, as the update just found, inside this transaction).
        if (sql.addHistory.run(
          r.actualUploaded, r.actualDownloaded, r.creditedUploaded, r.creditedDownloaded, r.seedSeconds, at, r.userId, r.torrentId,
        ).changes === 0) {
          sql.insertHistory.run(
            r.userId, r.torrentId, r.actualUploaded, r.actualDownloaded, r.creditedUploaded, r.creditedDownloaded,
            r.seedSeconds, at, at,
          );
        }
        if (r.completed && sql.markCompleted.run(at, r.userId, r.torrentId).changes === 1) t.snatches++;
        if (r.creditedUploaded !== 0n || r.creditedDownloaded !== 0n) {
          const c = credits.get(r.userId);
          if (c === undefined) credits.set(r.userId, { up: r.creditedUploaded, down: r.creditedDownloaded });
          else {
            c.up += r.creditedUploaded;
            c.down += r.creditedDownloaded;
          }
        }
        for (const f of r.flags) sql.insertFlag.run(r.userId, r.torrentId, f.kind, f.details, at);
      }
    }
    if (lastSeq === applied) return { appliedSeq: applied, records: 0, snatches: [], users: [], vanished: false };

    for (const [userId, c] of credits) sql.creditUser.run(c.up, c.down, userId);
    const snatches: [number, number][] = [];
    for (const [torrentId, t] of torrentSums) {
      sql.updateTorrent.run(t.seeders, t.leechers, t.snatches, t.balance, torrentId, t.seeders, t.leechers, t.snatches, t.balance);
      if (t.snatches > 0) snatches.push([torrentId, t.snatches]);
    }
    sql.setApplied.run(lastSeq);
    return { appliedSeq: lastSeq, records, snatches, users: [...touchedUsers], vanished };
  });
  return run.immediate();
}

function isConstraintError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT');
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

type FoldStatements = ReturnType<typeof prepare>;

const cache = new WeakMap<Database.Database, FoldStatements>();

function foldStatements(db: Database.Database): FoldStatements {
  let s = cache.get(db);
  if (s === undefined) {
    s = prepare(db);
    cache.set(db, s);
  }
  return s;
}

function prepare(db: Database.Database) {
  return {
    /** Members and torrents seen to exist by an earlier fold on this connection (see foldBatches). */
    known: { users: new Set<number>(), torrents: new Set<number>() },
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
    addHistory: db.prepare(
      `UPDATE "UserTorrent" SET "actualUploaded" = "actualUploaded" + ?, "actualDownloaded" = "actualDownloaded" + ?,
         "creditedUploaded" = "creditedUploaded" + ?, "creditedDownloaded" = "creditedDownloaded" + ?,
         "seedTimeSeconds" = "seedTimeSeconds" + ?, "lastAnnounceAt" = ?
       WHERE "userId" = ? AND "torrentId" = ?`,
    ),
    insertHistory: db.prepare(
      `INSERT INTO "UserTorrent" ("userId", "torrentId", "actualUploaded", "actualDownloaded", "creditedUploaded",
         "creditedDownloaded", "seedTimeSeconds", "firstAnnounceAt", "lastAnnounceAt")
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    markCompleted: db.prepare(
      'UPDATE "UserTorrent" SET "completedAt" = ? WHERE "userId" = ? AND "torrentId" = ? AND "completedAt" IS NULL',
    ),
    creditUser: db.prepare('UPDATE "User" SET "uploaded" = "uploaded" + ?, "downloaded" = "downloaded" + ? WHERE "id" = ?'),
    insertFlag: db.prepare('INSERT INTO "CheatFlag" ("userId", "torrentId", "kind", "details", "createdAt") VALUES (?, ?, ?, ?, ?)'),
    updateTorrent: db.prepare(
      `UPDATE "Torrent" SET "seeders" = ?, "leechers" = ?, "snatches" = "snatches" + ?, "balance" = "balance" + ?
       WHERE "id" = ? AND ("seeders" <> ? OR "leechers" <> ? OR ? <> 0 OR ? <> 0)`,
    ),
  };
}
