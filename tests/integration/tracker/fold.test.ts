import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { sqlitePath } from '@/lib/env';
import { foldBatches, forgetFoldState, rememberLivePeerRows } from '@/lib/tracker-server/journal/fold';
import type { AccountingFlag } from '@/lib/tracker';
import { RecordWriter, type AnnounceRecord } from '@/lib/tracker-server/journal/records';
import { useTestDatabase } from '../../helpers/db';
import { TestRows } from '../../helpers/tracker-harness';

/**
 * The SQLite fold on a real migrated SQLite file, record by record (SQLite's own: it runs on SQLite whatever the
 * suite runs on; fold-differential.test.ts holds the PostgreSQL fold to the same rows): in particular the row ids
 * it remembers between folds, which must stay hints. A row deleted behind its back, or a row id reused for another peer, must never
 * send an update to the wrong row.
 */
let database: Awaited<ReturnType<typeof useTestDatabase>>;
let rows: TestRows;
let db: Database.Database;
let seq: number;
/** The journal these folds stand for (the key of its TrackerJournal row). */
const JOURNAL = 'fold-test';

beforeEach(async () => {
  database = await useTestDatabase({ provider: 'sqlite' });
  const file = sqlitePath(database.databaseUrl);
  rows = new TestRows(file);
  db = new Database(file);
  db.pragma('foreign_keys = ON');
  seq = 0;
});

afterEach(async () => {
  forgetFoldState(db);
  db.close();
  rows.close();
  await database.cleanup();
});

const peerId = (byte: number) => new Uint8Array(20).fill(byte);

function announce(
  userId: number, torrentId: number, id: number, uploaded: bigint, actualUploaded: bigint, seeders = 1, rowCurrent = false,
): AnnounceRecord {
  return {
    kind: 'announce', torrentId, userId, peerId: peerId(id), atMs: Date.UTC(2026, 0, 1) + Number(uploaded), seeders, leechers: 0,
    peer: { ip: '10.0.0.1', port: 6881, uploaded, downloaded: 0n, left: 0n, rowCurrent },
    actualUploaded, actualDownloaded: 0n, creditedUploaded: actualUploaded, creditedDownloaded: 0n,
    seedSeconds: 0, completed: false, flags: [],
  };
}

function fold(...records: AnnounceRecord[]) {
  const w = new RecordWriter();
  for (const r of records) w.write(r);
  return foldBatches(db, JOURNAL, [{ seq: ++seq, payload: w.bytes().slice() }]);
}

function batchOf(...records: AnnounceRecord[]) {
  const w = new RecordWriter();
  for (const r of records) w.write(r);
  return { seq: ++seq, payload: w.bytes().slice() };
}

function peerRow(userId: number, torrentId: number, id: number) {
  return rows.db.prepare('SELECT rowid AS rowid, "uploaded" FROM "Peer" WHERE "userId" = ? AND "torrentId" = ? AND "peerId" = ?')
    .get(userId, torrentId, Buffer.from(peerId(id))) as { rowid: bigint; uploaded: bigint } | undefined;
}

describe('fold', () => {
  it('updates each peer and history row in place across folds, and sums the history', () => {
    const a = rows.user();
    const t = rows.torrent();
    fold(announce(a.id, t.id, 1, 100n, 0n));
    const first = peerRow(a.id, t.id, 1);
    fold(announce(a.id, t.id, 1, 250n, 150n));
    fold(announce(a.id, t.id, 1, 400n, 150n));
    expect(peerRow(a.id, t.id, 1)).toEqual({ rowid: first?.rowid, uploaded: 400n });
    expect(rows.history(a.id, t.id)).toMatchObject({ actualUploaded: 300n, creditedUploaded: 300n });
    expect(rows.userTotals(a.id).uploaded).toBe(300n);
    expect(rows.count('Peer')).toBe(1);
  });

  it('applies a fold\'s records grouped by history row, yet as if in time order', () => {
    const a = rows.user();
    const b = rows.user();
    const t = rows.torrent();
    // b's history row is created first, so it has the lower row id and its records are applied first.
    fold(announce(b.id, t.id, 2, 10n, 0n, 1));
    fold(announce(a.id, t.id, 1, 10n, 0n, 1));
    const historyRowid = (userId: number) => (rows.db.prepare('SELECT rowid AS r FROM "UserTorrent" WHERE "userId" = ?').get(userId) as { r: bigint }).r;
    expect(historyRowid(a.id)).toBeGreaterThan(historyRowid(b.id));
    // In time order: a, b, then a again, with the counts each reply carried; b's record is the torrent's latest.
    fold(
      announce(a.id, t.id, 1, 110n, 100n, 7),
      announce(a.id, t.id, 1, 160n, 50n, 6),
      announce(b.id, t.id, 2, 40n, 30n, 5),
    );
    // a's two records in their order: the baseline of the later one, both deltas summed.
    expect(peerRow(a.id, t.id, 1)?.uploaded).toBe(160n);
    expect(rows.history(a.id, t.id)).toMatchObject({ actualUploaded: 150n });
    expect(rows.history(b.id, t.id)).toMatchObject({ actualUploaded: 30n });
    // The counts of the latest record in time (b's), not of the last one applied (a's).
    expect(rows.torrentRow(t.id).seeders).toBe(5n);
    expect(rows.torrentRow(t.id).balance).toBe(180n);
  });

  it('never updates another peer whose row took the id of a row deleted behind its back', () => {
    const a = rows.user();
    const b = rows.user();
    const t = rows.torrent();
    fold(announce(a.id, t.id, 1, 100n, 0n));
    const remembered = peerRow(a.id, t.id, 1)?.rowid;
    // The site deletes the row (as a cascade would); SQLite hands the freed highest row id to the next insert.
    rows.db.prepare('DELETE FROM "Peer"').run();
    fold(announce(b.id, t.id, 2, 7n, 0n));
    expect(peerRow(b.id, t.id, 2)?.rowid).toBe(remembered);
    // Member a's peer comes back: its remembered row id now names b's row, which must stay as it is.
    fold(announce(a.id, t.id, 1, 500n, 400n));
    expect(peerRow(b.id, t.id, 2)?.uploaded).toBe(7n);
    expect(peerRow(a.id, t.id, 1)?.uploaded).toBe(500n);
    expect(rows.count('Peer')).toBe(2);
  });

  it('finds history rows again after they were deleted and recreated with new ids', () => {
    const a = rows.user();
    const t = rows.torrent();
    fold(announce(a.id, t.id, 1, 100n, 10n));
    rows.db.prepare('DELETE FROM "UserTorrent"').run();
    // Another member's history takes the freed id first.
    const b = rows.user();
    fold(announce(b.id, t.id, 2, 100n, 5n));
    fold(announce(a.id, t.id, 1, 200n, 20n));
    expect(rows.history(b.id, t.id)).toMatchObject({ actualUploaded: 5n });
    expect(rows.history(a.id, t.id)).toMatchObject({ actualUploaded: 20n });
  });

  it('stores a peer\'s seeder state as it changes, even when the row\'s state is not the one it remembers', () => {
    const a = rows.user();
    const t = rows.torrent();
    const seeder = () => (rows.db.prepare('SELECT "seeder", "uploaded" FROM "Peer"').get() as { seeder: bigint; uploaded: bigint });
    const leeching = (uploaded: bigint) => {
      const r = announce(a.id, t.id, 1, uploaded, 0n);
      return { ...r, peer: { ...(r.peer as NonNullable<AnnounceRecord['peer']>), left: 500n } };
    };
    // Each fold also names the members whose seeding may have changed: a new row, a changed state.
    expect(fold(leeching(100n)).seeding).toEqual([a.id]);
    expect(seeder()).toEqual({ seeder: 0n, uploaded: 100n });
    expect(fold(leeching(200n)).seeding).toEqual([]);
    expect(fold(announce(a.id, t.id, 1, 300n, 0n)).seeding).toEqual([a.id]);
    expect(seeder()).toEqual({ seeder: 1n, uploaded: 300n });
    expect(fold(announce(a.id, t.id, 1, 400n, 0n)).seeding).toEqual([]);
    expect(seeder()).toEqual({ seeder: 1n, uploaded: 400n });
    // The row's state moves behind the fold's back (as after a rolled-back fold): the next fold still stores its own.
    rows.db.prepare('UPDATE "Peer" SET "seeder" = 0').run();
    fold(announce(a.id, t.id, 1, 500n, 0n));
    expect(seeder()).toEqual({ seeder: 1n, uploaded: 500n });
    forgetFoldState(db);
    rememberLivePeerRows(db);
    fold(leeching(600n));
    expect(seeder()).toEqual({ seeder: 0n, uploaded: 600n });
    // The peer leaves: its row goes, once.
    expect(fold({ ...leeching(700n), peer: null }).seeding).toEqual([a.id]);
    expect(fold({ ...leeching(800n), peer: null }).seeding).toEqual([]);
    expect(rows.count('Peer')).toBe(0);
  });

  it('keeps a member\'s only peer\'s latest state on the history row alone, and hands it back to the peer\'s row before any other write', () => {
    const a = rows.user();
    const t = rows.torrent();
    const state = (id: number) => rows.db.prepare(
      'SELECT "uploaded", "lastAnnounceAt" FROM "Peer" WHERE "userId" = ? AND "torrentId" = ? AND "peerId" = ?',
    ).get(a.id, t.id, Buffer.from(peerId(id))) as { uploaded: bigint; lastAnnounceAt: string } | undefined;
    const last = () => rows.history(a.id, t.id) as { lastPeerId: Buffer | null; lastPeerUploaded: bigint | null; lastAnnounceAt: string };
    const at = (r: AnnounceRecord) => new Date(r.atMs).toISOString().slice(0, 19);
    // A new peer: its row is written, and the history row names none.
    const first = announce(a.id, t.id, 1, 100n, 0n);
    fold(first);
    expect(state(1)?.uploaded).toBe(100n);
    expect(last()).toMatchObject({ lastPeerId: null, lastPeerUploaded: null });
    // It announces again, nothing about it changed but its counters: only the history row moves.
    const again = announce(a.id, t.id, 1, 250n, 150n, 1, true);
    fold(again);
    expect(state(1)).toEqual({ uploaded: 100n, lastAnnounceAt: expect.stringContaining(at(first)) });
    expect(last()).toMatchObject({ lastPeerId: Buffer.from(peerId(1)), lastPeerUploaded: 250n, lastAnnounceAt: expect.stringContaining(at(again)) });
    // A second peer of the member: the first one's latest state goes to its own row first.
    fold(announce(a.id, t.id, 2, 1_000n, 0n, 2));
    expect(state(1)).toEqual({ uploaded: 250n, lastAnnounceAt: expect.stringContaining(at(again)) });
    expect(state(2)?.uploaded).toBe(1_000n);
    expect(last()).toMatchObject({ lastPeerId: null, lastPeerUploaded: null });
    // With two peers, each announce writes the peer's own row.
    fold(announce(a.id, t.id, 1, 300n, 50n, 2));
    expect(state(1)?.uploaded).toBe(300n);
    // The second one leaves; the first one is alone again, and its counters go to the history row.
    fold({ ...announce(a.id, t.id, 2, 1_000n, 0n, 1), peer: null });
    expect(state(2)).toBeUndefined();
    fold(announce(a.id, t.id, 1, 400n, 100n, 1, true));
    expect(state(1)?.uploaded).toBe(300n);
    expect(last()).toMatchObject({ lastPeerId: Buffer.from(peerId(1)), lastPeerUploaded: 400n });
    // It leaves: its row goes, and the history row names no one.
    fold({ ...announce(a.id, t.id, 1, 400n, 0n, 0), peer: null });
    expect(rows.count('Peer')).toBe(0);
    expect(last()).toMatchObject({ lastPeerId: null, actualUploaded: 300n });
  });

  it('remembers live peers loaded at start, and an update through them lands on the right rows', () => {
    const a = rows.user();
    const t = rows.torrent();
    fold(announce(a.id, t.id, 1, 100n, 0n), announce(a.id, t.id, 2, 100n, 0n));
    forgetFoldState(db);
    expect(rememberLivePeerRows(db)).toBe(2);
    fold(announce(a.id, t.id, 2, 300n, 200n));
    expect(peerRow(a.id, t.id, 1)?.uploaded).toBe(100n);
    expect(peerRow(a.id, t.id, 2)?.uploaded).toBe(300n);
    expect(rows.history(a.id, t.id)).toMatchObject({ actualUploaded: 200n });
  });

  it('stops after the step that used up its lock budget, with whole batches applied, and goes on from there when offered them again', () => {
    const a = rows.user();
    const b = rows.user();
    const t = rows.torrent();
    const batches = [
      batchOf(announce(a.id, t.id, 1, 100n, 0n, 1)),
      batchOf(announce(b.id, t.id, 2, 100n, 0n, 2), announce(a.id, t.id, 1, 200n, 100n, 2)),
      batchOf(announce(a.id, t.id, 1, 300n, 100n, 3)),
    ];
    // One batch per step, and a clock that moves 10 ms per reading against a budget of 5 ms: one step per fold.
    let clock = 0;
    const limit = { budgetMs: 5, stepBytes: 1, now: () => (clock += 10) };
    expect(foldBatches(db, JOURNAL, batches, limit)).toMatchObject({ appliedSeq: batches[0]?.seq, records: 1 });
    expect(rows.count('Peer')).toBe(1);
    expect(rows.torrentRow(t.id).seeders).toBe(1n);
    expect(foldBatches(db, JOURNAL, batches, limit)).toMatchObject({ appliedSeq: batches[1]?.seq, records: 2 });
    expect(rows.history(a.id, t.id)).toMatchObject({ actualUploaded: 100n });
    expect(foldBatches(db, JOURNAL, batches, limit)).toMatchObject({ appliedSeq: batches[2]?.seq, records: 1 });
    expect(foldBatches(db, JOURNAL, batches, limit)).toMatchObject({ appliedSeq: batches[2]?.seq, records: 0 });
    expect(peerRow(a.id, t.id, 1)?.uploaded).toBe(300n);
    expect(rows.history(a.id, t.id)).toMatchObject({ actualUploaded: 200n });
    expect(rows.userTotals(a.id).uploaded).toBe(200n);
    expect(rows.torrentRow(t.id)).toMatchObject({ seeders: 3n, balance: 200n });
  });

  it('stops before a step it cannot finish within the budget at the pace of the steps before it', () => {
    const a = rows.user();
    const t = rows.torrent();
    const batches = [batchOf(announce(a.id, t.id, 1, 100n, 100n, 1)), batchOf(announce(a.id, t.id, 1, 200n, 100n, 2))];
    // The first step (one batch) takes 60 ms of a 100 ms budget: another like it would end past the budget, so
    // the fold commits the first alone, though budget is left.
    const readings = [0, 60];
    const limit = { budgetMs: 100, stepBytes: 1, now: () => readings.shift() ?? 1000 };
    expect(foldBatches(db, JOURNAL, batches, limit)).toMatchObject({ appliedSeq: batches[0]?.seq, records: 1 });
    expect(rows.history(a.id, t.id)).toMatchObject({ actualUploaded: 100n });
    // The next fold goes on with the second.
    expect(foldBatches(db, JOURNAL, batches, { budgetMs: 100, stepBytes: 1, now: () => 0 })).toMatchObject({ appliedSeq: batches[1]?.seq, records: 1 });
    expect(rows.history(a.id, t.id)).toMatchObject({ actualUploaded: 200n });
  });

  it('within its budget applies every step in one fold, the torrent\'s counts taken from its latest record in time', () => {
    const a = rows.user();
    const b = rows.user();
    const t = rows.torrent();
    fold(announce(a.id, t.id, 1, 10n, 0n, 1));
    fold(announce(b.id, t.id, 2, 10n, 0n, 1));
    // The second step's one record is the torrent's latest, though it comes first in its own step.
    const batches = [
      batchOf(announce(a.id, t.id, 1, 20n, 10n, 4), announce(b.id, t.id, 2, 20n, 10n, 5)),
      batchOf(announce(a.id, t.id, 1, 30n, 10n, 6)),
    ];
    const result = foldBatches(db, JOURNAL, batches, { budgetMs: 60_000, stepBytes: 1 });
    expect(result).toMatchObject({ appliedSeq: batches[1]?.seq, records: 3 });
    expect(rows.torrentRow(t.id)).toMatchObject({ seeders: 6n, balance: 30n });
    expect(rows.history(a.id, t.id)).toMatchObject({ actualUploaded: 20n });
  });

  it('adds each flagged announce to one flag per member, torrent and kind, keeping its first and latest', () => {
    const a = rows.user();
    const t = rows.torrent();
    const u = rows.torrent();
    const flagged = (torrentId: number, uploaded: bigint, kind: AccountingFlag): AnnounceRecord => ({
      ...announce(a.id, torrentId, 1, uploaded, 0n), flags: [{ kind, details: `at ${uploaded}` }],
    });
    const when = (uploaded: bigint) => new Date(Date.UTC(2026, 0, 1) + Number(uploaded)).toISOString().replace('Z', '+00:00');
    fold(flagged(t.id, 500n, 'upload-without-leechers'));
    // One fold, applied in row order, with the latest in time first and an earlier one after it.
    fold(flagged(t.id, 900n, 'upload-without-leechers'), flagged(u.id, 100n, 'upload-without-leechers'), flagged(t.id, 300n, 'upload-without-leechers'));
    fold(flagged(t.id, 700n, 'rate-capped-upload'));
    const flags = rows.db.prepare(`SELECT "torrentId", "kind", "details", "count", "createdAt", "lastAt" FROM "CheatFlag"
      WHERE "userId" = ? ORDER BY "torrentId", "kind"`).all(a.id);
    expect(flags).toEqual([
      { torrentId: BigInt(t.id), kind: 'rate-capped-upload', details: 'at 700', count: 1n, createdAt: when(700n), lastAt: when(700n) },
      { torrentId: BigInt(t.id), kind: 'upload-without-leechers', details: 'at 900', count: 3n, createdAt: when(300n), lastAt: when(900n) },
      { torrentId: BigInt(u.id), kind: 'upload-without-leechers', details: 'at 100', count: 1n, createdAt: when(100n), lastAt: when(100n) },
    ]);
  });

  it('writes a torrent\'s counts whenever they differ from what it last committed, not from what a failed fold tried', () => {
    const a = rows.user();
    const t = rows.torrent();
    const seeders = () => rows.torrentRow(t.id).seeders;
    fold(announce(a.id, t.id, 1, 100n, 0n, 1));
    expect(seeders()).toBe(1n);
    fold(announce(a.id, t.id, 1, 200n, 100n, 1));
    expect(seeders()).toBe(1n);
    // A fold that fails at its very end (after the Torrent updates) rolls back; its counts must not count as stored.
    rows.db.exec(`CREATE TRIGGER "fold_fails" BEFORE UPDATE ON "TrackerJournal" BEGIN SELECT RAISE(ABORT, 'disk on fire'); END`);
    // (No bytes move from here on: an update that adds to the balance would be written anyway.)
    expect(() => fold(announce(a.id, t.id, 1, 300n, 0n, 2))).toThrow(/disk on fire/);
    expect(seeders()).toBe(1n);
    rows.db.exec('DROP TRIGGER "fold_fails"');
    fold(announce(a.id, t.id, 1, 300n, 0n, 2));
    expect(seeders()).toBe(2n);
    fold(announce(a.id, t.id, 1, 300n, 0n, 1));
    expect(seeders()).toBe(1n);
  });
});
