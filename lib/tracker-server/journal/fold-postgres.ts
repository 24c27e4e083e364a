import type pg from 'pg';
import { clientFromPeerId } from '@/lib/tracker';
import { coalesceRound, type CoalescedRound, type HistorySums } from './coalesce';
import type { FoldResult } from './fold';
import { bigintArray, boolArray, byteaArray, intArray, textArray, timestampArray } from './pg-arrays';
import type { JournalBatch } from './reader';
import { PAIR_KEY_BYTES, RecordCursor } from './records';

/**
 * Folds journal batches into PostgreSQL in one transaction per round, with the journal's new applied sequence
 * number in the same transaction, so each batch lands exactly once however often it is offered (after a crash,
 * batches up to the journal's TrackerJournal.appliedSeq are skipped). The same rows as the SQLite fold (fold.ts)
 * for the same batches, written another way: the round's records are coalesced in memory (coalesce.ts), then
 * written with a handful of bulk statements over `unnest` arrays (sent in binary, pg-arrays.ts), each row once.
 *
 * As on SQLite, the usual re-announce of a member's only peer on a torrent writes its history row alone, which
 * keeps the peer's latest state and names it (UserTorrent.lastPeerId in schema.prisma; measured: the Peer update
 * it saves was a third of a round's statement time); a peer that such a row named and that the round leaves
 * behind first gets that state back in its own row (handOverLastPeers).
 *
 * No deadlock between folds (two trackers' journals): every fold locks the journal's row, then the round's members
 * and torrents in id order (SELECT … ORDER BY "id" FOR NO KEY UPDATE, which also keeps them from being deleted
 * until the round commits), and only then the Peer, UserTorrent and CheatFlag rows of those members, so two folds
 * that share a member or torrent wait at that first lock, in id order, and never hold rows the other one needs.
 * Each statement's arrays are still sorted by its table's key (the inserts take their rows in that order; a join
 * may not). Site transactions can still deadlock with a round (PostgreSQL then aborts one of them): the round is
 * rolled back like any failed round. Throws on any database error after rolling the round back; the caller offers
 * the batches again next round.
 */
export async function foldBatchesPostgres(client: pg.Client, journalId: string, batches: readonly JournalBatch[]): Promise<FoldResult> {
  await client.query('BEGIN');
  try {
    const result = await foldRound(client, journalId, batches);
    // A synchronous commit, on purpose (not `SET LOCAL synchronous_commit = off`): once this returns, the fold
    // worker deletes the journal segments it has folded (worker.ts, reader.prune), so a commit PostgreSQL had
    // not flushed when it crashed would lose acknowledged announces. A round's one flush costs little.
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** The applied sequence number of journal `journalId` as stored (0 before its first fold). */
export async function appliedSeqPostgres(client: pg.ClientBase, journalId: string): Promise<number> {
  const { rows } = await client.query<{ appliedSeq: string }>('SELECT "appliedSeq" FROM "TrackerJournal" WHERE "id" = $1', [journalId]);
  return Number(rows[0]?.appliedSeq ?? 0);
}

async function foldRound(client: pg.Client, journalId: string, batches: readonly JournalBatch[]): Promise<FoldResult> {
  const applied = await lockPosition(client, journalId);
  const fresh = batches.filter((b) => b.seq > applied).sort((x, y) => x.seq - y.seq);
  const last = fresh[fresh.length - 1];
  if (last === undefined) return { appliedSeq: applied, records: 0, snatches: [], users: [], seeding: [], vanished: false };

  const named = namedIds(fresh);
  const exists = {
    users: await lockExisting(client, 'User', named.users),
    torrents: await lockExisting(client, 'Torrent', named.torrents),
  };
  const round = coalesceRound(fresh, exists);
  const seeding = new Set<number>();
  // History first: the peers its rows stop naming get their state back (handOverLastPeers) before any Peer write.
  await addHistory(client, round);
  for (const userId of await deletePeers(client, round)) seeding.add(userId);
  await upsertPeers(client, round);
  for (const p of round.peerUpserts) seeding.add(p.userId);
  await updatePeers(client, round);
  const snatched = await markCompleted(client, round);
  await creditUsers(client, round);
  await updateTorrents(client, round, snatched);
  await addFlags(client, round);
  await client.query('UPDATE "TrackerJournal" SET "appliedSeq" = $2 WHERE "id" = $1', [journalId, String(last.seq)]);
  return {
    appliedSeq: last.seq, records: round.records, snatches: [...snatched], users: round.users, seeding: [...seeding], vanished: round.vanished,
  };
}

/** Reads and locks the journal's position (made at 0 on its first fold), so two folds of one journal take turns. */
async function lockPosition(client: pg.Client, journalId: string): Promise<number> {
  const select = 'SELECT "appliedSeq" FROM "TrackerJournal" WHERE "id" = $1 FOR UPDATE';
  let { rows } = await client.query<{ appliedSeq: string }>(select, [journalId]);
  if (rows.length === 0) {
    await client.query('INSERT INTO "TrackerJournal" ("id", "appliedSeq") VALUES ($1, 0) ON CONFLICT ("id") DO NOTHING', [journalId]);
    ({ rows } = await client.query<{ appliedSeq: string }>(select, [journalId]));
  }
  return Number(rows[0]?.appliedSeq ?? 0);
}

/** The members and torrents the records name, read from each record's key without decoding the rest. */
function namedIds(batches: readonly JournalBatch[]): { users: number[]; torrents: number[] } {
  const users = new Set<number>();
  const torrents = new Set<number>();
  for (const b of batches) {
    const r = new RecordCursor(b.payload);
    const view = new DataView(b.payload.buffer, b.payload.byteOffset, b.payload.byteLength);
    while (r.skip()) {
      torrents.add(view.getUint32(r.keyOffset, true));
      users.add(view.getUint32(r.keyOffset + PAIR_KEY_BYTES / 2, true));
    }
  }
  return { users: [...users].sort((a, b) => a - b), torrents: [...torrents].sort((a, b) => a - b) };
}

/**
 * Which of `ids` still exist, locked (FOR NO KEY UPDATE, in id order) until the round commits: the round updates
 * most of them, a site transaction deleting one waits instead of failing the round's inserts on a foreign key,
 * and two folds lock shared members and torrents in the same order.
 */
async function lockExisting(client: pg.Client, table: 'User' | 'Torrent', ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const { rows } = await client.query<{ id: number }>(
    `SELECT "id" FROM "${table}" WHERE "id" = ANY($1::int[]) ORDER BY "id" FOR NO KEY UPDATE`, [intArray(ids)],
  );
  return new Set(rows.map((r) => r.id));
}

/**
 * The round's history rows. The usual row names no peer, or the very peer whose latest state the round keeps on it
 * (HistorySums.lastPeer): one UPDATE, conditioned on that, writes all of them and returns the others (few: rows not
 * there yet, and rows naming a peer the round leaves behind), which then take handOverLastPeers and an upsert.
 * Before this statement, every row went through the hand-over's lookup first: a third of a round's statement time
 * (bench:announce drain, where no row named another peer), and its INSERT … ON CONFLICT locked each row before
 * updating it.
 */
async function addHistory(client: pg.Client, round: CoalescedRound): Promise<void> {
  const rows = round.history;
  if (rows.length === 0) return;
  const { rows: others } = await client.query<{ i: number }>(
    `WITH v AS (SELECT * FROM ${HISTORY_VALUES} WITH ORDINALITY AS v(${HISTORY_COLUMNS}, "i")),
     kept AS (
       UPDATE "UserTorrent" h SET ${historySums('h', 'v')}
       FROM v WHERE h."userId" = v."userId" AND h."torrentId" = v."torrentId"
         AND (h."lastPeerId" IS NULL OR h."lastPeerId" = v."lastPeerId")
       RETURNING v."i")
     SELECT v."i"::int AS "i" FROM v WHERE NOT EXISTS (SELECT 1 FROM kept WHERE kept."i" = v."i") ORDER BY v."i"`,
    historyParameters(rows),
  );
  if (others.length === 0) return;
  const rest = others.map(({ i }) => rows[i - 1] as HistorySums);
  await handOverLastPeers(client, rest);
  await client.query(
    `INSERT INTO "UserTorrent" (${HISTORY_COLUMNS})
     SELECT * FROM ${HISTORY_VALUES}
     ON CONFLICT ("userId", "torrentId") DO UPDATE SET ${historySums('"UserTorrent"', 'excluded')}`,
    historyParameters(rest),
  );
}

/** A history row's columns, as the statements above list them (their values: historyParameters, in this order). */
const HISTORY_COLUMNS = `"userId", "torrentId", "actualUploaded", "actualDownloaded", "creditedUploaded",
  "creditedDownloaded", "seedTimeSeconds", "firstAnnounceAt", "lastAnnounceAt",
  "lastPeerId", "lastPeerUploaded", "lastPeerDownloaded", "lastPeerLeft", "previousAnnounceAt",
  "lastAnnounceUploaded", "lastAnnounceDownloaded"`;
const HISTORY_VALUES = `unnest($1::int[], $2::int[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[], $7::bigint[],
  $8::timestamp(3)[], $9::timestamp(3)[], $10::bytea[], $11::bigint[], $12::bigint[], $13::bigint[],
  $14::timestamp(3)[], $15::bigint[], $16::bigint[])`;
/** What a round adds to an existing history row (`row`, e.g. h) from its values (`values`, e.g. v or excluded). */
function historySums(row: string, values: string): string {
  return `"actualUploaded" = ${row}."actualUploaded" + ${values}."actualUploaded",
  "actualDownloaded" = ${row}."actualDownloaded" + ${values}."actualDownloaded",
  "creditedUploaded" = ${row}."creditedUploaded" + ${values}."creditedUploaded",
  "creditedDownloaded" = ${row}."creditedDownloaded" + ${values}."creditedDownloaded",
  "seedTimeSeconds" = ${row}."seedTimeSeconds" + ${values}."seedTimeSeconds",
  "lastAnnounceAt" = ${values}."lastAnnounceAt",
  "previousAnnounceAt" = COALESCE(${values}."previousAnnounceAt", ${row}."lastAnnounceAt"),
  "lastAnnounceUploaded" = ${values}."lastAnnounceUploaded", "lastAnnounceDownloaded" = ${values}."lastAnnounceDownloaded",
  "lastPeerId" = ${values}."lastPeerId", "lastPeerUploaded" = ${values}."lastPeerUploaded",
  "lastPeerDownloaded" = ${values}."lastPeerDownloaded", "lastPeerLeft" = ${values}."lastPeerLeft"`;
}

function historyParameters(rows: readonly HistorySums[]): Buffer[] {
  return [
    intArray(rows.map((h) => h.userId)), intArray(rows.map((h) => h.torrentId)),
    bigintArray(rows.map((h) => h.actualUploaded)), bigintArray(rows.map((h) => h.actualDownloaded)),
    bigintArray(rows.map((h) => h.creditedUploaded)), bigintArray(rows.map((h) => h.creditedDownloaded)),
    bigintArray(rows.map((h) => h.seedSeconds)), timestampArray(rows.map((h) => h.firstAtMs)), timestampArray(rows.map((h) => h.lastAtMs)),
    byteaArray(rows.map((h) => h.lastPeer?.peerId ?? null)), bigintArray(rows.map((h) => h.lastPeer?.uploaded ?? null)),
    bigintArray(rows.map((h) => h.lastPeer?.downloaded ?? null)), bigintArray(rows.map((h) => h.lastPeer?.left ?? null)),
    timestampArray(rows.map((h) => h.previousAtMs)),
    bigintArray(rows.map((h) => h.lastActualUploaded)), bigintArray(rows.map((h) => h.lastActualDownloaded)),
  ];
}

/**
 * A peer that a history row of the round names, and that the row will not name after it, gets the latest state
 * that row keeps back in its own Peer row: before the round's Peer writes (which then supersede it for the peers
 * they write) and before the history rows change.
 * The history rows are found one primary-key lookup per round row (LATERAL with LIMIT 1, which the planner cannot
 * turn back into a plain join): as a plain join, statistics taken while few rows named a last peer (a fresh copy
 * of a site, or before autovacuum catches up) made the planner expect one such row, scan them all in an outer loop
 * and the round's array in the inner one; 3,000 round rows took 12 s of PostgreSQL's CPU, and bench:announce's
 * drain on 200k peers took 30-45 s. Lookups cost 80 ms for 3,000 rows whatever the statistics say.
 */
async function handOverLastPeers(client: pg.Client, rows: readonly HistorySums[]): Promise<void> {
  await client.query(
    `UPDATE "Peer" p SET "uploaded" = h."lastPeerUploaded", "downloaded" = h."lastPeerDownloaded", "left" = h."lastPeerLeft",
       "lastAnnounceAt" = h."lastAnnounceAt"
     FROM unnest($1::int[], $2::int[], $3::bytea[]) AS v("userId", "torrentId", "lastPeerId")
     CROSS JOIN LATERAL (SELECT * FROM "UserTorrent" u WHERE u."userId" = v."userId" AND u."torrentId" = v."torrentId" LIMIT 1) h
     WHERE h."lastPeerId" IS NOT NULL AND h."lastPeerId" IS DISTINCT FROM v."lastPeerId"
       AND p."torrentId" = h."torrentId" AND p."userId" = h."userId" AND p."peerId" = h."lastPeerId"`,
    [intArray(rows.map((h) => h.userId)), intArray(rows.map((h) => h.torrentId)), byteaArray(rows.map((h) => h.lastPeer?.peerId ?? null))],
  );
}

/** Deletes the rows of peers that left (or left and came back, reinserted next); returns their members. */
async function deletePeers(client: pg.Client, round: CoalescedRound): Promise<number[]> {
  const peers = round.peerDeletes;
  if (peers.length === 0) return [];
  const { rows } = await client.query<{ userId: number }>(
    `DELETE FROM "Peer" p USING unnest($1::int[], $2::int[], $3::bytea[]) AS v("torrentId", "userId", "peerId")
     WHERE p."torrentId" = v."torrentId" AND p."userId" = v."userId" AND p."peerId" = v."peerId"
     RETURNING p."userId"`,
    [intArray(peers.map((p) => p.torrentId)), intArray(peers.map((p) => p.userId)), byteaArray(peers.map((p) => p.peerId))],
  );
  return rows.map((r) => r.userId);
}

async function upsertPeers(client: pg.Client, round: CoalescedRound): Promise<void> {
  const peers = round.peerUpserts;
  if (peers.length === 0) return;
  await client.query(
    `INSERT INTO "Peer" ("torrentId", "userId", "peerId", "ip", "port", "uploaded", "downloaded", "left", "seeder", "client",
       "startedAt", "lastAnnounceAt")
     SELECT * FROM unnest($1::int[], $2::int[], $3::bytea[], $4::text[], $5::int[], $6::bigint[], $7::bigint[], $8::bigint[],
       $9::bool[], $10::text[], $11::timestamp(3)[], $12::timestamp(3)[])
     ON CONFLICT ("torrentId", "userId", "peerId") DO UPDATE SET "ip" = excluded."ip", "port" = excluded."port",
       "uploaded" = excluded."uploaded", "downloaded" = excluded."downloaded", "left" = excluded."left",
       "seeder" = excluded."seeder", "lastAnnounceAt" = excluded."lastAnnounceAt"`,
    [
      intArray(peers.map((p) => p.torrentId)), intArray(peers.map((p) => p.userId)), byteaArray(peers.map((p) => p.peerId)),
      textArray(peers.map((p) => p.ip)), intArray(peers.map((p) => p.port)),
      bigintArray(peers.map((p) => p.uploaded)), bigintArray(peers.map((p) => p.downloaded)), bigintArray(peers.map((p) => p.left)),
      boolArray(peers.map((p) => p.seeder)), textArray(peers.map((p) => clientFromPeerId(p.peerId).label)),
      timestampArray(peers.map((p) => p.startedAtMs)), timestampArray(peers.map((p) => p.atMs)),
    ],
  );
}

/** The usual re-announce: counters, `left` and time of a row that is otherwise as it was. */
async function updatePeers(client: pg.Client, round: CoalescedRound): Promise<void> {
  const peers = round.peerUpdates;
  if (peers.length === 0) return;
  await client.query(
    `UPDATE "Peer" p SET "uploaded" = v."uploaded", "downloaded" = v."downloaded", "left" = v."left", "lastAnnounceAt" = v."at"
     FROM unnest($1::int[], $2::int[], $3::bytea[], $4::bigint[], $5::bigint[], $6::bigint[], $7::timestamp(3)[])
       AS v("torrentId", "userId", "peerId", "uploaded", "downloaded", "left", "at")
     WHERE p."torrentId" = v."torrentId" AND p."userId" = v."userId" AND p."peerId" = v."peerId"`,
    [
      intArray(peers.map((p) => p.torrentId)), intArray(peers.map((p) => p.userId)), byteaArray(peers.map((p) => p.peerId)),
      bigintArray(peers.map((p) => p.uploaded)), bigintArray(peers.map((p) => p.downloaded)), bigintArray(peers.map((p) => p.left)),
      timestampArray(peers.map((p) => p.atMs)),
    ],
  );
}

/** Sets the completion of pairs that had none; returns the first completions (snatches) per torrent. */
async function markCompleted(client: pg.Client, round: CoalescedRound): Promise<Map<number, number>> {
  const snatched = new Map<number, number>();
  const done = round.completions;
  if (done.length === 0) return snatched;
  const { rows } = await client.query<{ torrentId: number }>(
    `UPDATE "UserTorrent" h SET "completedAt" = v."at"
     FROM unnest($1::int[], $2::int[], $3::timestamp(3)[]) AS v("userId", "torrentId", "at")
     WHERE h."userId" = v."userId" AND h."torrentId" = v."torrentId" AND h."completedAt" IS NULL
     RETURNING h."torrentId"`,
    [intArray(done.map((c) => c.userId)), intArray(done.map((c) => c.torrentId)), timestampArray(done.map((c) => c.atMs))],
  );
  for (const { torrentId } of rows) snatched.set(torrentId, (snatched.get(torrentId) ?? 0) + 1);
  return snatched;
}

async function creditUsers(client: pg.Client, round: CoalescedRound): Promise<void> {
  const credits = round.credits;
  if (credits.length === 0) return;
  await client.query(
    `UPDATE "User" u SET "uploaded" = u."uploaded" + v."uploaded", "downloaded" = u."downloaded" + v."downloaded"
     FROM unnest($1::int[], $2::bigint[], $3::bigint[]) AS v("id", "uploaded", "downloaded") WHERE u."id" = v."id"`,
    [intArray(credits.map((c) => c.userId)), bigintArray(credits.map((c) => c.uploaded)), bigintArray(credits.map((c) => c.downloaded))],
  );
}

/** Counts as of each torrent's latest record, snatches and balance added; rows that would not change are left alone. */
async function updateTorrents(client: pg.Client, round: CoalescedRound, snatched: ReadonlyMap<number, number>): Promise<void> {
  const torrents = round.torrents;
  if (torrents.length === 0) return;
  await client.query(
    `UPDATE "Torrent" t SET "seeders" = v."seeders", "leechers" = v."leechers", "snatches" = t."snatches" + v."snatches",
       "balance" = t."balance" + v."balance"
     FROM unnest($1::int[], $2::int[], $3::int[], $4::int[], $5::bigint[]) AS v("id", "seeders", "leechers", "snatches", "balance")
     WHERE t."id" = v."id" AND (t."seeders" <> v."seeders" OR t."leechers" <> v."leechers" OR v."snatches" <> 0 OR v."balance" <> 0)`,
    [
      intArray(torrents.map((t) => t.torrentId)), intArray(torrents.map((t) => t.seeders)), intArray(torrents.map((t) => t.leechers)),
      intArray(torrents.map((t) => snatched.get(t.torrentId) ?? 0)), bigintArray(torrents.map((t) => t.balance)),
    ],
  );
}

/** One row per member, torrent and kind: the round's flagged announces added to it, first and latest kept. */
async function addFlags(client: pg.Client, round: CoalescedRound): Promise<void> {
  const flags = round.flags;
  if (flags.length === 0) return;
  await client.query(
    `INSERT INTO "CheatFlag" ("userId", "torrentId", "kind", "details", "count", "createdAt", "lastAt")
     SELECT * FROM unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::int[], $6::timestamp(3)[], $7::timestamp(3)[])
     ON CONFLICT ("userId", "torrentId", "kind") DO UPDATE SET "count" = "CheatFlag"."count" + excluded."count",
       "details" = CASE WHEN excluded."lastAt" >= "CheatFlag"."lastAt" THEN excluded."details" ELSE "CheatFlag"."details" END,
       "lastAt" = GREATEST("CheatFlag"."lastAt", excluded."lastAt"), "createdAt" = LEAST("CheatFlag"."createdAt", excluded."createdAt")`,
    [
      intArray(flags.map((f) => f.userId)), intArray(flags.map((f) => f.torrentId)), textArray(flags.map((f) => f.kind)),
      textArray(flags.map((f) => f.details)), intArray(flags.map((f) => f.count)),
      timestampArray(flags.map((f) => f.firstAtMs)), timestampArray(flags.map((f) => f.lastAtMs)),
    ],
  );
}
