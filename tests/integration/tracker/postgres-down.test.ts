import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations } from '@/lib/db/migrate';
import { migrationsDirFor } from '@/lib/db/provider';
import { listenForTrackerChanges, TRACKER_CHANNEL, type TrackerChangeListener } from '@/lib/shared-state/tracker-changes/postgres';
import { createTracker, notifyTrackerChanged, trackerMessages, type Tracker } from '@/lib/tracker-server';
import { ROOT } from '@/tests/helpers/server';
import { createThrowawayCluster, type ThrowawayCluster } from '@/tests/helpers/throwaway-postgres';
import { announceQuery, failureOf, getDict, listen, peerId, TrackerRows } from '@/tests/helpers/tracker-harness';

/**
 * The tracker on a PostgreSQL cluster of the test's own, which the test kills with kill -9 (the postmaster, as an
 * OOM kill does it) and starts again with pg_ctl. While it is down, an announce whose member and torrent the
 * tracker has cached is acknowledged from the journal as usual; one that needs the database answers `tracker
 * temporarily unavailable` at once. Once it is back, the fold catches up by itself and the tables hold exactly what
 * was acknowledged, each announce counted once, also when the kill hit a fold round in its middle.
 */
const CLOCK_STEP_MS = 30_000;
/** Generous for a loaded machine, but an announce or a flush that hangs fails the test instead of stalling it. */
const ANSWER_WITHIN_MS = 20_000;
const REFUSE_WITHIN_MS = 5_000;
/** The tracker's read timeout (5 s) and a margin for a loaded machine. */
const FROZEN_REFUSE_WITHIN_MS = 12_000;
const CATCH_UP_WITHIN_MS = 90_000;

interface Member { id: number; passkey: string }
interface Credit { uploaded: bigint; downloaded: bigint }
interface Peer {
  member: Member;
  infoHash: Buffer;
  id: Buffer;
  seeder: boolean;
  uploaded: bigint;
  downloaded: bigint;
  /** The counters of this peer's last acknowledged announce: the tracker credits the next one from there. */
  acknowledged: Credit | null;
}

let cluster: ThrowawayCluster;
let databaseUrl: string;
let dataDir: string;
let rows: TrackerRows;
let listener: TrackerChangeListener;
let tracker: Tracker;
let server: Server;
let port: number;
const clock = { ms: Date.UTC(2026, 0, 1) };
const logs: string[] = [];
const members: Member[] = [];
const torrents: { id: number; v1: Buffer }[] = [];
const peers: Peer[] = [];
/** Per member id: the sum of what the acknowledged replies credited. */
const credited = new Map<number, Credit>();

function at<T>(list: readonly T[], index: number): T {
  const item = list[index];
  if (item === undefined) throw new Error(`no item ${index}`);
  return item;
}

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function pollUntil(condition: () => Promise<boolean>, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function startTracker(): Promise<void> {
  tracker = await createTracker({
    databaseUrl, dataDir, now: () => clock.ms, random: () => 0.5, log: (line) => logs.push(line),
    // Timed fold rounds often; a fold waits for a locked row as long as the test needs (the second test holds one);
    // the fold keeps its share of the CPU on a loaded machine.
    settings: { foldIntervalMs: 200, foldBusyTimeoutMs: 120_000, foldIdle: false, minIntervalSeconds: 10, cacheTtlSeconds: 60 },
  });
  ({ server, port } = await listen(tracker));
}

async function stopTracker(): Promise<void> {
  await new Promise((resolve) => server.close(resolve));
  await within(tracker.close(), CATCH_UP_WITHIN_MS, 'closing the tracker');
}

function announce(passkey: string, params: Parameters<typeof announceQuery>[0]) {
  return within(getDict(port, `/tracker/${passkey}/announce?${announceQuery(params)}`), ANSWER_WITHIN_MS, 'an announce');
}

/** Every peer announces once more, all at once, having moved some bytes; returns each failure (undefined: acknowledged). */
async function round(): Promise<(string | undefined)[]> {
  clock.ms += CLOCK_STEP_MS;
  return Promise.all(peers.map(async (p) => {
    p.uploaded += p.seeder ? 50_000n : 5_000n;
    if (!p.seeder) p.downloaded += 40_000n;
    const reply = await announce(p.member.passkey, { infoHash: p.infoHash, peerId: p.id, left: p.seeder ? 0 : 1_000_000, uploaded: p.uploaded, downloaded: p.downloaded });
    const failure = failureOf(reply);
    if (failure !== undefined) return failure;
    // Acknowledged: journaled before the reply, so the tables must show it once folded.
    if (p.acknowledged !== null) {
      const sum = credited.get(p.member.id) ?? { uploaded: 0n, downloaded: 0n };
      sum.uploaded += p.uploaded - p.acknowledged.uploaded;
      sum.downloaded += p.downloaded - p.acknowledged.downloaded;
      credited.set(p.member.id, sum);
    }
    p.acknowledged = { uploaded: p.uploaded, downloaded: p.downloaded };
    return undefined;
  }));
}

const allAcknowledged = () => peers.map(() => undefined);

/** Each member's credited totals, and the sums of their history rows, are exactly what the replies acknowledged. */
async function expectTablesHoldWhatWasAcknowledged(): Promise<void> {
  const expected: unknown[] = [];
  const stored: unknown[] = [];
  for (const m of members) {
    const credit = credited.get(m.id) ?? { uploaded: 0n, downloaded: 0n };
    expected.push({ member: m.id, user: credit, history: credit });
    const user = await rows.userTotals(m.id);
    const history = await rows.get<Credit>(
      'SELECT COALESCE(SUM("creditedUploaded"), 0)::bigint AS "uploaded", COALESCE(SUM("creditedDownloaded"), 0)::bigint AS "downloaded" FROM "UserTorrent" WHERE "userId" = ?',
      m.id,
    );
    stored.push({ member: m.id, user: { uploaded: user.uploaded, downloaded: user.downloaded }, history });
  }
  expect(stored).toEqual(expected);
  // Something was credited at all: the comparison above is not between two sets of zeros.
  expect([...credited.values()].some((c) => c.uploaded > 0n && c.downloaded === 0n)).toBe(true);
  expect([...credited.values()].some((c) => c.downloaded > 0n)).toBe(true);
}

beforeAll(async () => {
  cluster = await createThrowawayCluster();
  cluster.start();
  await cluster.createDatabase('giveback');
  databaseUrl = cluster.urlFor('giveback');
  await applyMigrations({ databaseUrl, migrationsDir: migrationsDirFor(databaseUrl, ROOT) });
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'giveback-pgdown-tracker-'));
  rows = new TrackerRows(databaseUrl);
  for (let i = 0; i < 2; i++) torrents.push((await rows.torrent()) as { id: number; v1: Buffer });
  for (let i = 0; i < 4; i++) members.push(await rows.user());
  // Two seeders and two leechers, each on both torrents.
  members.forEach((member, i) => torrents.forEach((t, j) => peers.push({
    member, infoHash: t.v1, id: peerId(10 * i + j), seeder: i < 2, uploaded: 0n, downloaded: 0n, acknowledged: null,
  })));
  // The tracker process's listener, as server.ts starts it: it must find the cluster again after the restart.
  // (Its heartbeat more often than in production, so the test sees it notice a server that stopped answering.)
  listener = listenForTrackerChanges({
    databaseUrl, onChange: notifyTrackerChanged, log: (line) => logs.push(line), retryMs: 100, maxRetryMs: 1000, heartbeatMs: 300, timeoutMs: 2000,
  });
  await listener.ready;
  await startTracker();
});

// What the tracker logged (lost connections, failed folds, refused reads) says where a failure came from.
afterEach((context) => {
  if (context.task.result?.state === 'fail') console.log(logs.join('\n'));
});

afterAll(async () => {
  try {
    await listener?.close();
    if (tracker !== undefined) await stopTracker();
    await rows?.close();
  } finally {
    cluster?.remove();
    if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
  }
});

describe('the tracker while its PostgreSQL is killed with kill -9 and restarted', () => {
  it('acknowledges cached announces from the journal, refuses the rest at once, and loses nothing acknowledged', async () => {
    expect(await round()).toEqual(allAcknowledged()); // first announces: the baselines
    // Folded before the cache TTL first passes (at the next round): the renewal rereads the members and torrents
    // with live peers in the tables, and a member whose first announce is not folded yet is left to be read again
    // when next announced.
    await within(tracker.flush(), CATCH_UP_WITHIN_MS, 'the fold');
    expect(await round()).toEqual(allAcknowledged());
    await within(tracker.flush(), CATCH_UP_WITHIN_MS, 'the fold');
    await expectTablesHoldWhatWasAcknowledged();

    // kill -9 while a round of announces is on its way, then go on announcing past the cache TTL (60 s of the
    // tracker's clock): every member and torrent is cached, so every announce is acknowledged.
    const during = round();
    cluster.killHard();
    expect(await during).toEqual(allAcknowledged());
    for (let i = 0; i < 4; i++) expect(await round()).toEqual(allAcknowledged());
    // The fold runs on its own timer: it has tried, and failed, within seconds.
    await expect.poll(() => logs.some((l) => l.includes('fold failed, will retry')), { timeout: 10_000 }).toBe(true);
    const { journalSeq, appliedSeq } = tracker.stats();
    expect(appliedSeq).toBeLessThan(journalSeq);

    // What needs the database is refused at once, with the tracker's own message, and the process stays up.
    const stranger = await rows.user().catch(() => null);
    expect(stranger).toBeNull(); // (the cluster is really down)
    const unknownMember = { passkey: 'ab'.repeat(16) };
    const unknownTorrent = Buffer.alloc(20, 7);
    for (const [passkey, infoHash] of [[unknownMember.passkey, at(torrents, 0).v1], [at(members, 0).passkey, unknownTorrent]] as const) {
      const started = performance.now();
      const reply = await announce(passkey, { infoHash, peerId: peerId(99), left: 10 });
      expect(failureOf(reply)).toBe(trackerMessages.unavailable);
      expect(performance.now() - started).toBeLessThan(REFUSE_WITHIN_MS);
    }
    expect(await round()).toEqual(allAcknowledged());

    // Back: the fold connects again by itself and folds everything acknowledged, each announce once.
    cluster.start();
    await within(tracker.flush(), CATCH_UP_WITHIN_MS, 'the fold after the restart');
    await expectTablesHoldWhatWasAcknowledged();
    await within(tracker.flush(), CATCH_UP_WITHIN_MS, 'a second flush');
    await expectTablesHoldWhatWasAcknowledged();
    // What was refused works now: a new member and a torrent read from the database.
    const newcomer = await rows.user();
    expect(failureOf(await announce(newcomer.passkey, { infoHash: at(torrents, 0).v1, peerId: peerId(98), left: 10 }))).toBeUndefined();
    expect(failureOf(await announce(at(members, 0).passkey, { infoHash: unknownTorrent, peerId: peerId(99), left: 10 }))).toBe(trackerMessages.unregistered);
    expect(await round()).toEqual(allAcknowledged());
    await within(tracker.flush(), CATCH_UP_WITHIN_MS, 'the fold');
    await expectTablesHoldWhatWasAcknowledged();
  });

  it('applies a fold round killed in its middle exactly once once PostgreSQL is back', async () => {
    // The site holds a history row that the next round updates: the round does its first writes, then waits.
    const site = new pg.Client({ connectionString: databaseUrl });
    site.on('error', () => undefined);
    await site.connect();
    await site.query('BEGIN');
    await site.query('SELECT 1 FROM "UserTorrent" WHERE "userId" = $1 AND "torrentId" = $2 FOR UPDATE', [at(members, 0).id, at(torrents, 0).id]);
    // A backlog of acknowledged announces for that round.
    for (let i = 0; i < 10; i++) expect(await round()).toEqual(allAcknowledged());
    const flushed = tracker.flush();
    await pollUntil(async () => {
      const fold = await rows.get<{ waiting: string | null; wrote: boolean }>(
        `SELECT "wait_event_type" AS "waiting", "backend_xid" IS NOT NULL AS "wrote" FROM pg_stat_activity WHERE "application_name" = 'giveback tracker fold'`,
      );
      return fold?.waiting === 'Lock' && fold.wrote;
    }, 'a fold round stopped in its middle', 30_000);
    cluster.killHard();
    await site.end().catch(() => undefined);
    expect(await round()).toEqual(allAcknowledged());

    cluster.start();
    await within(flushed, CATCH_UP_WITHIN_MS, 'the interrupted round');
    await within(tracker.flush(), CATCH_UP_WITHIN_MS, 'the fold after the restart');
    await expectTablesHoldWhatWasAcknowledged();
    // A restart of the tracker replays its journal from the stored position: nothing is folded a second time,
    // and the peers continue from their stored counters.
    await stopTracker();
    await startTracker();
    await expectTablesHoldWhatWasAcknowledged();
    expect(await round()).toEqual(allAcknowledged());
    await within(tracker.flush(), CATCH_UP_WITHIN_MS, 'the fold');
    await expectTablesHoldWhatWasAcknowledged();
  });

  it('refuses what needs a PostgreSQL that stopped answering within seconds, and acknowledges cached announces meanwhile', async () => {
    const newcomer = await rows.user();
    // Reads of torrents it does not know open the tracker's pool connections, which then wait idle.
    const unknown = await Promise.all([1, 2, 3, 4].map((n) => announce(at(members, 1).passkey, { infoHash: Buffer.alloc(20, n), peerId: peerId(90 + n), left: 10 })));
    expect(unknown.map(failureOf)).toEqual(Array(4).fill(trackerMessages.unregistered));
    // SIGSTOP of the whole cluster: connections are accepted by the kernel and nothing answers, as when the
    // server's machine freezes. A miss is sent on an idle connection and never answered, or waits for a new one.
    cluster.freeze();
    try {
      const started = performance.now();
      const replies = await Promise.all([
        announce(newcomer.passkey, { infoHash: at(torrents, 0).v1, peerId: peerId(97), left: 10 }),
        announce('cd'.repeat(16), { infoHash: at(torrents, 0).v1, peerId: peerId(96), left: 10 }),
        announce(at(members, 1).passkey, { infoHash: Buffer.alloc(20, 9), peerId: peerId(95), left: 10 }),
      ]);
      expect(replies.map(failureOf)).toEqual([trackerMessages.unavailable, trackerMessages.unavailable, trackerMessages.unavailable]);
      expect(performance.now() - started).toBeLessThan(FROZEN_REFUSE_WITHIN_MS);
      expect(logs.filter((l) => l.includes('Query read timeout')).length).toBeGreaterThan(0);
      // The TTL passes while it is frozen: the renewal waits (on connections the misses above now wait for in
      // turn, up to the same timeout), the caches keep answering.
      for (let i = 0; i < 3; i++) expect(await round()).toEqual(allAcknowledged());
      const late = await announce(newcomer.passkey, { infoHash: at(torrents, 0).v1, peerId: peerId(97), left: 10 });
      expect(failureOf(late)).toBe(trackerMessages.unavailable);
      // The change listener's heartbeat got no answer either: it connects again, and drops the tracker's caches
      // once listening (a notification may have been lost with the connection).
      expect(logs.some((l) => /tracker changes: connection lost \((Query read timeout|.*timeout)/.test(l))).toBe(true);
    } finally {
      cluster.thaw();
    }
    const listening = logs.filter((l) => l.includes('tracker changes: listening again')).length;
    await pollUntil(async () => logs.filter((l) => l.includes('tracker changes: listening again')).length > listening, 'the change listener to listen again', 30_000);
    await within(tracker.flush(), CATCH_UP_WITHIN_MS, 'the fold after the thaw');
    await expectTablesHoldWhatWasAcknowledged();
    await pollUntil(async () => {
      const reply = await announce(newcomer.passkey, { infoHash: at(torrents, 0).v1, peerId: peerId(97), left: 10 });
      return failureOf(reply) === undefined;
    }, 'the newcomer to be served', 30_000);
  });

  it('hears the site again after the restart: a ban reaches the tracker within seconds', async () => {
    await pollUntil(async () => logs.some((l) => l.includes('tracker changes: listening again')), 'the change listener to reconnect', 30_000);
    const banned = at(peers, 0);
    await rows.run(`UPDATE "User" SET "bannedAt" = '2026-01-02T00:00:00.000+00:00' WHERE "id" = ?`, banned.member.id);
    await rows.run(`SELECT pg_notify('${TRACKER_CHANNEL}', '')`);
    await pollUntil(async () => {
      const reply = await announce(banned.member.passkey, { infoHash: banned.infoHash, peerId: banned.id, left: 0, uploaded: banned.uploaded });
      return failureOf(reply) === trackerMessages.banned;
    }, 'the ban to reach the tracker', 5_000);
  });
});
