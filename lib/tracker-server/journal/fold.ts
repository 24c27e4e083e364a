import type Database from 'better-sqlite3';
import { ByteKeyTable, clientFromPeerId } from '@/lib/tracker';
import { sqlBool, sqlDate } from '../sql-values';
import type { JournalBatch } from './reader';
import { KIND_ANNOUNCE, PAIR_KEY_BYTES, PEER_KEY_BYTES, RecordCursor } from './records';
import { pacedStepBytes } from './round-size';

export interface FoldResult {
  /** Sequence number of the last batch folded (or already folded before). */
  appliedSeq: number;
  /** Records applied by this fold (those of vanished members or torrents not counted). */
  records: number;
  /** First completions per torrent, for the tracker's in-memory snatch counts. */
  snatches: [number, number][];
  /** Members whose credited bytes or seeding changed, for the ratio scheduler. */
  users: number[];
  /**
   * Members with a Peer row inserted, deleted or turned from leecher to seeder or back (or updated where the
   * fold did not know its previous state): those whose count of seeded torrents may have changed.
   */
  seeding: number[];
  /** Some records named a member or torrent that no longer exists: the tracker should drop its caches. */
  vanished: boolean;
}

/**
 * Folds journal batches into the site's tables in one IMMEDIATE transaction, together with the new applied
 * sequence number, so each batch lands exactly once however often it is offered (after a crash, batches up
 * to the journal's TrackerJournal.appliedSeq are skipped). Records are applied grouped by history row (applyOrder), each
 * (member, torrent) pair's in time order, each with its own UserTorrent statement, which also keeps the peer's
 * latest counters (UserTorrent.lastPeerId in schema.prisma), and a Peer statement only when the peer's row
 * changes otherwise (new peer, endpoint, seeder state, leaving; AnnounceRecord.peer.rowCurrent): a peer announces
 * once per interval, so a fold of a few seconds almost never holds two records of one peer, and applying them
 * in order gives what coalescing would (the last state of the peer wins, sums add up). Only what many records
 * share is coalesced: one User update per member, one Torrent update per torrent (skipped when it would change
 * nothing). Records of members or torrents the site deleted are dropped. With a `limit`, the fold may stop after
 * some of the batches, in sequence order (FoldLimit); appliedSeq says how far it got.
 * Throws on any database error; SQLite rolls it all back.
 */
export function foldBatches(db: Database.Database, journalId: string, batches: readonly JournalBatch[], limit?: FoldLimit): FoldResult {
  const sql = foldStatements(db);
  try {
    return foldOnce(db, sql, journalId, batches, limit);
  } catch (error) {
    // Existence is remembered across folds; a member or torrent deleted since then fails a foreign key. Check
    // every id afresh and try once more: this time their records are dropped. (Ids are AUTOINCREMENT, never
    // reused, so a remembered id can only have vanished, never come to name another row.)
    if (!isConstraintError(error) || sql.known.users.size + sql.known.torrents.size === 0) throw error;
    sql.known.users.clear();
    sql.known.torrents.clear();
    return foldOnce(db, sql, journalId, batches, limit);
  }
}

/**
 * Bounds how long one fold holds SQLite's write lock. Batches are applied in steps of at most about `stepBytes`
 * of payload, in sequence order; once the budget left (`budgetMs` in all) cannot afford another step, the fold
 * commits the steps done so far (their batches are applied, whole) and leaves the rest for the next fold
 * (FoldResult.appliedSeq tells where it stopped). Without a limit, every batch is applied in one step.
 *
 * Why: the fold worker runs in the idle scheduling class, and on a core the event loop keeps busy it gets almost
 * no CPU, so a fold of 16 MB held the lock for 7-8 s, past the 5 s a site write waits for it (a priority
 * inversion). Stopping between steps bounds the hold to the budget plus one step and the commit, however
 * starved (measured under full benchmark load: 4.0-4.6 s with a 2.5 s budget); steps sized to the pace of the
 * fold so far (pacedStepBytes) leave the commit, and the error of that estimate (3.3-3.7 s). Unstarved, a fold
 * still commits all its batches at once, so a page many records touch is written to the WAL once.
 */
export interface FoldLimit {
  budgetMs: number;
  stepBytes: number;
  /** Milliseconds, monotonic; default performance.now. */
  now?: () => number;
}

function foldOnce(
  db: Database.Database, sql: FoldStatements, journalId: string, batches: readonly JournalBatch[], limit: FoldLimit | undefined,
): FoldResult {
  // Torrent id, seeders, leechers of each Torrent row this fold wrote (or found already so), remembered only
  // once the transaction committed.
  const written: number[] = [];
  const run = db.transaction((): FoldResult => {
    const applied = Number(sql.applied.get(journalId)?.appliedSeq ?? 0);
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
    const torrentSums = new Map<number, { seeders: number; leechers: number; balance: bigint; snatches: number; latest: number }>();
    const touchedUsers = new Set<number>();
    const seedingUsers = new Set<number>();
    const dates = new DateText();
    const rows = sql.rows;

    /** Records of the steps before this one: a record's time-order index in the whole fold is base + its index. */
    let base = 0;
    /** Applies the records of `step` (batches in sequence order), grouped by history row (applyOrder). */
    const applyStep = (step: readonly JournalBatch[]) => {
      const order = applyOrder(step, applied, rows);
      const cursors = step.map((b) => new RecordCursor(b.payload));
      for (let k = 0; k < order.count; k++) {
        const index = order.recordAt(k);
        const r = cursors[order.batch[index] as number] as RecordCursor;
        r.seek(order.offset[index] as number);
        r.next();
        if (!exists(r.userId, sql.known.users, missing.users, sql.userExists)
          || !exists(r.torrentId, sql.known.torrents, missing.torrents, sql.torrentExists)) {
          vanished = true;
          continue;
        }
        records++;
        touchedUsers.add(r.userId);
        let t = torrentSums.get(r.torrentId);
        if (t === undefined) {
          t = { seeders: 0, leechers: 0, balance: 0n, snatches: 0, latest: -1 };
          torrentSums.set(r.torrentId, t);
        }
        // Counts as of the torrent's latest record: records are applied grouped by row, not in time order.
        if (base + index >= t.latest) {
          t.latest = base + index;
          t.seeders = r.seeders;
          t.leechers = r.leechers;
        }
        const at = dates.of(r.atMs);
        const announce = r.kind === KIND_ANNOUNCE;
        if (!announce || !r.hasPeer) {
          if (sql.deletePeer.run(r.torrentId, r.userId, r.peerId).changes > 0) seedingUsers.add(r.userId);
          rows.peers.delete(r.payload, r.keyOffset);
        } else if (!r.rowCurrent) {
          // A new peer, or one with another endpoint or seeder state (or a record from before rowCurrent existed).
          // A peer whose row already says all that (rowCurrent, the usual re-announce) has no statement here: its
          // counters, `left` and time go to the history row below. An update of the remembered row (a row's peer_id, hence
          // its client, never changes), which leaves `seeder` out when it stays as remembered, so the index that
          // holds it is not rewritten; by primary key when none is remembered, it is not this peer's any more, or
          // its seeder state is not the remembered one; an insert only for new peers.
          const seeder = sqlBool(r.left === 0n);
          const remembered = rows.peers.get(r.payload, r.keyOffset);
          const rowid = remembered === undefined ? 0 : Math.floor(remembered / 2);
          const same = remembered !== undefined && remembered % 2 === seeder;
          if (remembered === undefined || (same
            ? sql.updatePeerAt.run(r.ip, r.port, r.uploaded, r.downloaded, r.left, at, rowid, r.torrentId, r.userId, r.peerId, seeder)
            : sql.updatePeerSeederAt.run(r.ip, r.port, r.uploaded, r.downloaded, r.left, seeder, at, rowid, r.torrentId, r.userId, r.peerId)
          ).changes === 0) {
            const found = sql.updatePeer.get(r.ip, r.port, r.uploaded, r.downloaded, r.left, seeder, at, r.torrentId, r.userId, r.peerId);
            const id = found !== undefined ? found.rowid : sql.insertPeer.run(
              r.torrentId, r.userId, r.peerId, r.ip, r.port, r.uploaded, r.downloaded, r.left, seeder, clientFromPeerId(r.peerId).label, at, at,
            ).lastInsertRowid;
            rows.remember(rows.peers, r.payload, r.keyOffset, Number(id) * 2 + seeder);
            seedingUsers.add(r.userId);
          } else if (!same) {
            rows.remember(rows.peers, r.payload, r.keyOffset, rowid * 2 + seeder);
            seedingUsers.add(r.userId);
          }
        }
        if (!announce) continue;
        t.balance += r.actualUploaded - r.actualDownloaded;
        // The history row keeps the latest state of a peer whose Peer row was left as it was (rowCurrent); after
        // any other record no peer's Peer row is behind, and it names none (UserTorrent.lastPeerId in schema.prisma).
        const kept = r.hasPeer && r.rowCurrent;
        const peerId = kept ? r.peerId : null;
        const up = kept ? r.uploaded : null;
        const down = kept ? r.downloaded : null;
        const left = kept ? r.left : null;
        // The usual case is one statement: an update of the remembered row, which names no peer or this one. If it
        // names another, that peer first gets its latest state back in its own Peer row, so none is lost; then an
        // update of the remembered row, else by primary key; an insert only for a member's first announce on the
        // torrent (no row, as the update just found, inside this transaction).
        const historyId = order.historyRow(index) ?? rows.history.get(r.payload, r.keyOffset);
        if (historyId === undefined || sql.addHistoryKeepingAt.run(
          r.actualUploaded, r.actualDownloaded, r.creditedUploaded, r.creditedDownloaded, r.seedSeconds, at, peerId, up, down, left,
          r.actualUploaded, r.actualDownloaded, historyId, r.userId, r.torrentId, r.peerId,
        ).changes === 0) {
          sql.handOverLastPeer.run(r.userId, r.torrentId, r.torrentId, r.userId, r.userId, r.torrentId);
          if (historyId === undefined || sql.addHistoryAt.run(
            r.actualUploaded, r.actualDownloaded, r.creditedUploaded, r.creditedDownloaded, r.seedSeconds, at, peerId, up, down, left,
            r.actualUploaded, r.actualDownloaded, historyId, r.userId, r.torrentId,
          ).changes === 0) {
            const found = sql.addHistory.get(
              r.actualUploaded, r.actualDownloaded, r.creditedUploaded, r.creditedDownloaded, r.seedSeconds, at, peerId, up, down, left,
              r.actualUploaded, r.actualDownloaded, r.userId, r.torrentId,
            );
            const id = found !== undefined ? found.rowid : sql.insertHistory.run(
              r.userId, r.torrentId, r.actualUploaded, r.actualDownloaded, r.creditedUploaded, r.creditedDownloaded,
              r.seedSeconds, at, at, peerId, up, down, left, r.actualUploaded, r.actualDownloaded,
            ).lastInsertRowid;
            rows.remember(rows.history, r.payload, r.keyOffset, Number(id));
          }
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
        for (const f of r.flags) sql.addFlag.run(r.userId, r.torrentId, f.kind, f.details, at, at);
      }
      base += order.count;
    };

    const now = limit?.now ?? (() => performance.now());
    const began = now();
    const fresh = batches.filter((b) => b.seq > applied).sort((x, y) => x.seq - y.seq);
    let appliedBytes = 0;
    for (let from = 0; from < fresh.length;) {
      let to = from + 1;
      let bytes = (fresh[from] as JournalBatch).payload.length;
      if (limit === undefined) to = fresh.length;
      else {
        // The first step always runs (a fold makes progress however slow); a later one only if the budget left
        // affords at least its first batch at the pace so far, and no more than that pace affords.
        const paced = from === 0 ? Number.POSITIVE_INFINITY
          : pacedStepBytes({ budgetMs: limit.budgetMs, elapsedMs: now() - began, appliedBytes });
        if (bytes > paced) break;
        const allowed = Math.min(limit.stepBytes, paced);
        while (to < fresh.length && bytes + (fresh[to] as JournalBatch).payload.length <= allowed) {
          bytes += (fresh[to] as JournalBatch).payload.length;
          to++;
        }
      }
      const step = fresh.slice(from, to);
      applyStep(step);
      appliedBytes += bytes;
      lastSeq = (step[step.length - 1] as JournalBatch).seq;
      from = to;
    }
    if (lastSeq === applied) return { appliedSeq: applied, records: 0, snatches: [], users: [], seeding: [], vanished: false };

    for (const [userId, c] of credits) sql.creditUser.run(c.up, c.down, userId);
    const snatches: [number, number][] = [];
    for (const [torrentId, t] of torrentSums) {
      if (t.snatches > 0) snatches.push([torrentId, t.snatches]);
      // Most folds leave most torrents as they were: skip those without a statement when the counts this
      // connection last wrote (or found) are the same and nothing is added.
      const stored = sql.storedCounts.get(torrentId);
      if (stored !== undefined && stored[0] === t.seeders && stored[1] === t.leechers && t.snatches === 0) {
        // Counts as stored: only the balance moves, a statement that leaves the indexes on the counts alone
        // (setting a count, even to its value, rewrites its index entry).
        if (t.balance !== 0n) sql.addTorrentBalance.run(t.balance, torrentId);
        continue;
      }
      sql.updateTorrent.run(t.seeders, t.leechers, t.snatches, t.balance, torrentId, t.seeders, t.leechers, t.snatches, t.balance);
      written.push(torrentId, t.seeders, t.leechers);
    }
    sql.setApplied.run(journalId, lastSeq);
    return { appliedSeq: lastSeq, records, snatches, users: [...touchedUsers], seeding: [...seedingUsers], vanished };
  });
  const result = run.immediate();
  if (sql.storedCounts.size > MAX_REMEMBERED_ROWS) sql.storedCounts.clear();
  for (let i = 0; i < written.length; i += 3) {
    sql.storedCounts.set(written[i] as number, [written[i + 1] as number, written[i + 2] as number]);
  }
  return result;
}

/** Record index bits of an order key (below 2^22 records per fold; the row id takes the bits above). */
const INDEX_SPAN = 2 ** 22;
const UNKNOWN_ROW = 2 ** 31 - 1;

/** The records of a fold (batches not yet applied) and the order to apply them in. */
interface ApplyOrder {
  count: number;
  /** Batch and payload offset of record i (i in time order). */
  batch: number[];
  offset: number[];
  /** Index (time order) of the record to apply k-th. */
  recordAt(k: number): number;
  /** The UserTorrent row id remembered for record i's pair when the order was made, if any. */
  historyRow(i: number): number | undefined;
}

/**
 * Applies records grouped by their member's UserTorrent row id, in row id order, instead of in time order: a
 * fold's Peer and UserTorrent updates then walk the tables' pages in order rather than at random. Measured with
 * 180k announces of random live peers (a fold microbenchmark, not committed): 10.1-11.0 -> 8.0-8.3 µs per record.
 * Announces that already come in row order pay about 0.4 µs for the extra pass over the records
 * (5.2-5.9 -> 5.8-6.4). Every record of one (member, torrent) pair, so every
 * record of one peer, keeps its place relative to the others (the key ends with the time-order index): what
 * depends on order (a peer's baseline, its row's insert or delete, completion, last announce) is unchanged.
 * Torrent counts take the latest record's (see foldOnce); sums do not care. Records whose row id is not
 * remembered come last, in time order. Past 2^22 records, or row ids past 2^31, a fold keeps time order.
 */
function applyOrder(batches: readonly JournalBatch[], applied: number, rows: RememberedRows): ApplyOrder {
  const batch: number[] = [];
  const offset: number[] = [];
  let sortable = true;
  batches.forEach((b, i) => {
    if (b.seq <= applied) return;
    const r = new RecordCursor(b.payload);
    while (r.skip()) {
      batch.push(i);
      offset.push(r.recordAt);
    }
  });
  const count = batch.length;
  if (count >= INDEX_SPAN) sortable = false;
  let keys: Float64Array | null = null;
  const known = new Float64Array(sortable ? count : 0);
  if (sortable) {
    keys = new Float64Array(count);
    for (let i = 0; i < count; i++) {
      const payload = (batches[batch[i] as number] as JournalBatch).payload;
      // The pair key: the first 8 bytes after the record's kind and bits (RecordCursor.keyOffset).
      const row = rows.history.get(payload, (offset[i] as number) + 2) ?? UNKNOWN_ROW;
      if (row > UNKNOWN_ROW) {
        sortable = false;
        break;
      }
      known[i] = row;
      keys[i] = row * INDEX_SPAN + i;
    }
    if (sortable) keys.sort();
  }
  const sorted = sortable ? keys : null;
  return {
    count, batch, offset,
    recordAt: sorted === null ? (k) => k : (k) => (sorted[k] as number) % INDEX_SPAN,
    // Without an order nothing was looked up; a pair first seen in this fold is looked up when applied.
    historyRow: (i) => (sorted === null || known[i] === UNKNOWN_ROW ? undefined : known[i]),
  };
}

function isConstraintError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT');
}

/**
 * sqlDate with the text up to the second made once per second of a fold: a fold formats tens of thousands of
 * nearby instants, and applies them in row order (applyOrder), not time order, so a cache of the last second
 * alone missed almost every record.
 */
class DateText {
  private readonly prefixes = new Map<number, string>();

  of(ms: number): string {
    const second = Math.floor(ms / 1000);
    let prefix = this.prefixes.get(second);
    if (prefix === undefined) {
      prefix = sqlDate(second * 1000).slice(0, 20);
      this.prefixes.set(second, prefix);
    }
    const milli = ms - second * 1000;
    return `${prefix}${milli < 10 ? '00' : milli < 100 ? '0' : ''}${milli}+00:00`;
  }
}

/** The applied sequence number of journal `journalId` as stored (0 before its first fold). */
export function appliedSeq(db: Database.Database, journalId: string): number {
  return Number(foldStatements(db).applied.get(journalId)?.appliedSeq ?? 0);
}

type FoldStatements = ReturnType<typeof prepare>;

/**
 * Every update of a history row by a record. `previousAnnounceAt` takes the row's `lastAnnounceAt` from before the
 * update (an UPDATE's expressions read the row as it was), so after each record the row holds the pair's last two
 * announce times, and what the last one moved: the site's peer speeds (lib/services/live-peers.ts, peerSpeed).
 */
const HISTORY_SUMS = `"actualUploaded" = "actualUploaded" + ?, "actualDownloaded" = "actualDownloaded" + ?,
  "creditedUploaded" = "creditedUploaded" + ?, "creditedDownloaded" = "creditedDownloaded" + ?,
  "seedTimeSeconds" = "seedTimeSeconds" + ?, "lastAnnounceAt" = ?,
  "lastPeerId" = ?, "lastPeerUploaded" = ?, "lastPeerDownloaded" = ?, "lastPeerLeft" = ?,
  "previousAnnounceAt" = "lastAnnounceAt", "lastAnnounceUploaded" = ?, "lastAnnounceDownloaded" = ?`;

/**
 * Past this many remembered rows per table the memory is cleared and refills from what the next folds touch (a
 * tracker with more live peers updates part of them by key). At most about 28 + 8 bytes of key and value per
 * row, times up to 4 for the table's free slots.
 */
const MAX_REMEMBERED_ROWS = 1 << 21;

/**
 * Row ids of the Peer rows (by torrent, member and peer_id) and UserTorrent rows (by torrent and member) that
 * folds on one connection wrote, keyed by the record's own bytes: an update by row id skips the descent of the
 * primary key index (in the fold benchmark, 8.4-8.8 µs per record by key, 6.9-7.4 by row id). A remembered id is only a hint: every update by row
 * id also matches the key, so an id whose row was deleted, rolled back or reused for another key changes
 * nothing, and the fold falls back to the key (and remembers what it finds).
 */
class RememberedRows {
  /** Row id * 2 + the row's `seeder` (0 or 1) as last written or read. */
  readonly peers = new ByteKeyTable<number>(PEER_KEY_BYTES, 1 << 16);
  readonly history = new ByteKeyTable<number>(PAIR_KEY_BYTES, 1 << 16);

  remember(table: ByteKeyTable<number>, payload: Uint8Array, offset: number, rowid: number): void {
    if (table.size >= MAX_REMEMBERED_ROWS) table.clear();
    table.set(payload, rowid, offset);
  }
}

/**
 * Loads the row ids of every live peer's Peer and UserTorrent rows, so the first folds after a start update by
 * row id too. For the fold worker's connection; optional (folds learn the ids as they go).
 */
export function rememberLivePeerRows(db: Database.Database): number {
  const { rows } = foldStatements(db);
  const key = new Uint8Array(PEER_KEY_BYTES);
  const view = new DataView(key.buffer);
  let count = 0;
  const setKey = (torrentId: number, userId: number) => {
    view.setUint32(0, torrentId, true);
    view.setUint32(4, userId, true);
  };
  for (const p of db.prepare<[], { rowid: number; torrentId: number; userId: number; peerId: Buffer; seeder: number }>(
    'SELECT rowid, "torrentId", "userId", "peerId", "seeder" FROM "Peer"',
  ).safeIntegers(false).iterate()) {
    if (p.peerId.length !== 20) continue;
    setKey(p.torrentId, p.userId);
    key.set(p.peerId, 8);
    rows.remember(rows.peers, key, 0, p.rowid * 2 + (p.seeder === 1 ? 1 : 0));
    count++;
  }
  for (const h of db.prepare<[], { rowid: number; torrentId: number; userId: number }>(
    `SELECT h.rowid AS rowid, h."torrentId" AS torrentId, h."userId" AS userId
     FROM "Peer" p JOIN "UserTorrent" h ON h."userId" = p."userId" AND h."torrentId" = p."torrentId"`,
  ).safeIntegers(false).iterate()) {
    setKey(h.torrentId, h.userId);
    rows.remember(rows.history, key, 0, h.rowid);
  }
  return count;
}

/** Drops what folds on this connection prepared and remembered (after recovery, on a connection that folds no more). */
export function forgetFoldState(db: Database.Database): void {
  cache.delete(db);
}

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
    /** By journal id (identity.ts): each journal numbers its own batches. */
    applied: db.prepare<[string], { appliedSeq: bigint | number }>('SELECT "appliedSeq" FROM "TrackerJournal" WHERE "id" = ?'),
    setApplied: db.prepare<[string, number]>(
      `INSERT INTO "TrackerJournal" ("id", "appliedSeq") VALUES (?, ?)
       ON CONFLICT ("id") DO UPDATE SET "appliedSeq" = excluded."appliedSeq"`,
    ),
    userExists: db.prepare<[number]>('SELECT 1 FROM "User" WHERE "id" = ?'),
    torrentExists: db.prepare<[number]>('SELECT 1 FROM "Torrent" WHERE "id" = ?'),
    /** Row ids of Peer and UserTorrent rows this connection wrote or loaded (see RememberedRows). */
    rows: new RememberedRows(),
    /**
     * Seeders and leechers of each Torrent row as this connection's last committed fold left them. Only folds
     * write those columns; a row deleted since makes a skipped update a no-op anyway.
     */
    storedCounts: new Map<number, readonly [number, number]>(),
    /** By remembered row id, `seeder` as remembered (checked, since a remembered value is only a hint). */
    updatePeerAt: db.prepare(
      `UPDATE "Peer" SET "ip" = ?, "port" = ?, "uploaded" = ?, "downloaded" = ?, "left" = ?, "lastAnnounceAt" = ?
       WHERE rowid = ? AND "torrentId" = ? AND "userId" = ? AND "peerId" = ? AND "seeder" = ?`,
    ),
    updatePeerSeederAt: db.prepare(
      `UPDATE "Peer" SET "ip" = ?, "port" = ?, "uploaded" = ?, "downloaded" = ?, "left" = ?, "seeder" = ?, "lastAnnounceAt" = ?
       WHERE rowid = ? AND "torrentId" = ? AND "userId" = ? AND "peerId" = ?`,
    ),
    updatePeer: db.prepare<unknown[], { rowid: number | bigint }>(
      `UPDATE "Peer" SET "ip" = ?, "port" = ?, "uploaded" = ?, "downloaded" = ?, "left" = ?, "seeder" = ?, "lastAnnounceAt" = ?
       WHERE "torrentId" = ? AND "userId" = ? AND "peerId" = ? RETURNING rowid`,
    ),
    insertPeer: db.prepare(
      `INSERT INTO "Peer" ("torrentId", "userId", "peerId", "ip", "port", "uploaded", "downloaded", "left", "seeder",
         "client", "startedAt", "lastAnnounceAt")
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    deletePeer: db.prepare('DELETE FROM "Peer" WHERE "torrentId" = ? AND "userId" = ? AND "peerId" = ?'),
    addHistoryAt: db.prepare(
      `UPDATE "UserTorrent" SET ${HISTORY_SUMS}
       WHERE rowid = ? AND "userId" = ? AND "torrentId" = ?`,
    ),
    /** By remembered row id, when the row names no peer or this record's (whose state this supersedes). */
    addHistoryKeepingAt: db.prepare(
      `UPDATE "UserTorrent" SET ${HISTORY_SUMS}
       WHERE rowid = ? AND "userId" = ? AND "torrentId" = ? AND ("lastPeerId" IS NULL OR "lastPeerId" = ?)`,
    ),
    /**
     * The peer a history row names (UserTorrent.lastPeerId in schema.prisma) gets its latest state, kept on that
     * row, back in its Peer row: before the row names another peer or none.
     */
    handOverLastPeer: db.prepare<[number, number, number, number, number, number]>(
      // By key, the values from subqueries (UPDATE ... FROM took twice as long, even when it changed nothing).
      `UPDATE "Peer" SET ("uploaded", "downloaded", "left", "lastAnnounceAt") = (
         SELECT h."lastPeerUploaded", h."lastPeerDownloaded", h."lastPeerLeft", h."lastAnnounceAt"
         FROM "UserTorrent" h WHERE h."userId" = ? AND h."torrentId" = ?)
       WHERE "torrentId" = ? AND "userId" = ?
         AND "peerId" = (SELECT h."lastPeerId" FROM "UserTorrent" h WHERE h."userId" = ? AND h."torrentId" = ?)`,
    ),
    addHistory: db.prepare<unknown[], { rowid: number | bigint }>(
      `UPDATE "UserTorrent" SET ${HISTORY_SUMS}
       WHERE "userId" = ? AND "torrentId" = ? RETURNING rowid`,
    ),
    insertHistory: db.prepare(
      `INSERT INTO "UserTorrent" ("userId", "torrentId", "actualUploaded", "actualDownloaded", "creditedUploaded",
         "creditedDownloaded", "seedTimeSeconds", "firstAnnounceAt", "lastAnnounceAt",
         "lastPeerId", "lastPeerUploaded", "lastPeerDownloaded", "lastPeerLeft", "lastAnnounceUploaded", "lastAnnounceDownloaded")
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    markCompleted: db.prepare(
      'UPDATE "UserTorrent" SET "completedAt" = ? WHERE "userId" = ? AND "torrentId" = ? AND "completedAt" IS NULL',
    ),
    creditUser: db.prepare('UPDATE "User" SET "uploaded" = "uploaded" + ?, "downloaded" = "downloaded" + ? WHERE "id" = ?'),
    /**
     * One row per member, torrent and kind: a flagged announce adds to it. A fold applies records in row order,
     * not time order, so the first and latest times and the latest details are kept by comparing times.
     */
    addFlag: db.prepare(
      `INSERT INTO "CheatFlag" ("userId", "torrentId", "kind", "details", "createdAt", "lastAt") VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT ("userId", "torrentId", "kind") DO UPDATE SET "count" = "count" + 1,
         "details" = CASE WHEN excluded."lastAt" >= "lastAt" THEN excluded."details" ELSE "details" END,
         "lastAt" = MAX("lastAt", excluded."lastAt"), "createdAt" = MIN("createdAt", excluded."createdAt")`,
    ),
    addTorrentBalance: db.prepare('UPDATE "Torrent" SET "balance" = "balance" + ? WHERE "id" = ?'),
    updateTorrent: db.prepare(
      `UPDATE "Torrent" SET "seeders" = ?, "leechers" = ?, "snatches" = "snatches" + ?, "balance" = "balance" + ?
       WHERE "id" = ? AND ("seeders" <> ? OR "leechers" <> ? OR ? <> 0 OR ? <> 0)`,
    ),
  };
}
