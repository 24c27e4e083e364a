import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlitePath } from '@/lib/env';
import { createTracker, trackerMessages } from '@/lib/tracker-server';
import { trackerJournalDir } from '@/lib/tracker-server/create-tracker';
import { useTestDatabase } from '@/tests/helpers/db';
import { testProvider } from '@/tests/helpers/postgres';
import { ROOT } from '@/tests/helpers/server';
import { startTrackerFixture, type TrackerFixture } from '@/tests/helpers/tracker-fixture';
import { announceQuery, failureOf, getDict, listen, peerId, TrackerRows, type AnnounceParams } from '@/tests/helpers/tracker-harness';
import { waitFor } from '@/tests/helpers/wait';

/** Where the fixture's tracker keeps its journal (beside the SQLite file, or in DATA_DIR on PostgreSQL). */
const journalDirOf = (f: TrackerFixture) => trackerJournalDir(f.database.databaseUrl, f.database.dir);
/** A second tracker on the fixture's database and journal, as a restart makes it. */
const restart = (f: TrackerFixture, extra: { log?: (line: string) => void; settings?: { cacheTtlSeconds: number } } = {}) =>
  createTracker({ databaseUrl: f.database.databaseUrl, dataDir: f.database.dir, now: () => f.clock.ms, random: () => 0.5, log: () => {}, ...extra });

// SQLite's own write lock: PostgreSQL has row locks instead, and its fold is tested by the fold's own tests.
describe.runIf(testProvider() === 'sqlite')('a database locked by the site', () => {
  let f: TrackerFixture;
  beforeAll(async () => {
    f = await startTrackerFixture({ foldIntervalMs: 20, foldBusyTimeoutMs: 20 });
  });
  afterAll(async () => f.close());

  it('still answers from the journal, writes nothing while locked, then folds each announce exactly once', async () => {
    const t = await f.rows.torrent();
    const infoHash = t.v1 as Buffer;
    const users = [await f.rows.user(), await f.rows.user(), await f.rows.user()];
    await Promise.all(users.map((u, i) => f.announce(u.passkey, { infoHash, peerId: peerId(i), port: 1000 + i, left: 10 })));
    const locker = new Database(sqlitePath(f.database.databaseUrl));
    locker.prepare('BEGIN IMMEDIATE').run();
    f.clock.ms += 600_000;
    const replies = await Promise.all(
      users.map((u, i) => f.get(`/tracker/${u.passkey}/announce?${announceQuery({ infoHash, peerId: peerId(i), port: 1000 + i, left: 10, downloaded: 777 })}`)),
    );
    expect(replies.map(failureOf)).toEqual([undefined, undefined, undefined]);
    await waitFor(() => f.logs.some((l) => l.includes('fold failed, will retry: SQLITE_BUSY')), 'a fold refused by the lock');
    for (const u of users) expect((await f.rows.userTotals(u.id)).downloaded).toBe(0n);
    locker.prepare('ROLLBACK').run();
    locker.close();
    await f.tracker.flush();
    for (const u of users) expect((await f.rows.userTotals(u.id)).downloaded).toBe(777n);
    await f.tracker.flush();
    for (const u of users) expect((await f.rows.userTotals(u.id)).downloaded).toBe(777n);
    expect(await f.rows.torrentRow(t.id)).toMatchObject({ leechers: 3n, balance: -3n * 777n });
  });
});

describe('a journal that cannot be written', () => {
  let f: TrackerFixture;
  beforeAll(async () => {
    // One frame per segment, so every batch opens a new journal file.
    f = await startTrackerFixture({ journalSegmentBytes: 1 });
  });
  afterAll(async () => f.close());

  it('answers `tracker temporarily unavailable`, undoes the announce in memory, and recovers by itself', async () => {
    const t = await f.rows.torrent();
    const u = await f.rows.user();
    const p = { infoHash: t.v1 as Buffer, peerId: peerId(1), port: 1001, left: 10 };
    await f.announce(u.passkey, { ...p, downloaded: 100 });
    const dir = journalDirOf(f);
    renameSync(dir, `${dir}.away`);
    writeFileSync(dir, 'not a directory');
    f.clock.ms += 600_000;
    const refused = await f.get(`/tracker/${u.passkey}/announce?${announceQuery({ ...p, downloaded: 5_000 })}`);
    expect(failureOf(refused)).toBe(trackerMessages.unavailable);
    expect(f.logs.some((l) => l.includes('batch of 1 not stored: ENOTDIR'))).toBe(true);
    rmSync(dir);
    renameSync(`${dir}.away`, dir);
    // The refused announce did not move the baseline: this one is credited from the first.
    f.clock.ms += 600_000;
    expect(failureOf(await f.announce(u.passkey, { ...p, downloaded: 7_000 }))).toBeUndefined();
    expect((await f.rows.userTotals(u.id)).downloaded).toBe(6_900n);
  });
});

describe('journaled announces for a row the site deleted', () => {
  let f: TrackerFixture;
  beforeAll(async () => {
    f = await startTrackerFixture();
  });
  afterAll(async () => f.close());

  it('drops them at the fold, then refuses the vanished torrent and serves the others', async () => {
    const gone = await f.rows.torrent();
    const kept = await f.rows.torrent();
    const u = await f.rows.user();
    await f.announce(u.passkey, { infoHash: gone.v1 as Buffer, peerId: peerId(1), left: 10 });
    // Hard delete behind the tracker's back (no notifyTrackerChanged): its cache still has the torrent.
    await f.rows.run('DELETE FROM "Torrent" WHERE "id" = ?', gone.id);
    f.clock.ms += 1_000;
    expect(failureOf(await f.announce(u.passkey, { infoHash: gone.v1 as Buffer, peerId: peerId(1), left: 10, downloaded: 50 }))).toBeUndefined();
    expect(f.logs.some((l) => l.includes('no longer exists'))).toBe(true);
    expect(failureOf(await f.announce(u.passkey, { infoHash: gone.v1 as Buffer, peerId: peerId(1), left: 10 }))).toBe(trackerMessages.unregistered);
    expect(failureOf(await f.announce(u.passkey, { infoHash: kept.v1 as Buffer, peerId: peerId(1), left: 10 }))).toBeUndefined();
    expect(await f.rows.count('Peer', '"torrentId" = ?', kept.id)).toBe(1);
    expect((await f.rows.userTotals(u.id)).downloaded).toBe(0n);
  });
});

describe('group commit', () => {
  let f: TrackerFixture;
  beforeAll(async () => {
    f = await startTrackerFixture({ batchWindowMs: 200 });
  });
  afterAll(async () => f.close());

  it('stores concurrent announces in shared transactions and answers each after its commit', async () => {
    const t = await f.rows.torrent();
    const users = await Promise.all(Array.from({ length: 40 }, () => f.rows.user()));
    const before = f.tracker.stats().batches;
    const replies = await Promise.all(
      users.map((u, i) => f.announce(u.passkey, { infoHash: t.v1 as Buffer, peerId: peerId(i), port: 2000 + i, left: 1 })),
    );
    expect(replies.map(failureOf).filter((x) => x !== undefined)).toEqual([]);
    expect(await f.rows.count('Peer', '"torrentId" = ?', t.id)).toBe(40);
    expect(f.tracker.stats().batches - before).toBeLessThan(40);
  });
});

/** `n` new members each announce one leecher on `t`, without waiting for the fold; every reply a success. */
async function announceNewLeechers(f: TrackerFixture, t: { v1: Buffer | null }, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const u = await f.rows.user();
    const d = await f.get(`/tracker/${u.passkey}/announce?${announceQuery({ infoHash: t.v1 as Buffer, peerId: peerId(i), port: 3000 + i, left: 1 })}`);
    expect(failureOf(d)).toBeUndefined();
  }
}

describe('flush after a backlog larger than one fold round', () => {
  let f: TrackerFixture;
  beforeAll(async () => {
    // One frame per journal file and one file per round; no timed fold within the test.
    f = await startTrackerFixture({ journalSegmentBytes: 1, foldRoundBytes: 1, foldIntervalMs: 600_000 });
  });
  afterAll(async () => f.close());

  it('folds round after round until everything acknowledged is in the tables', async () => {
    const t = await f.rows.torrent();
    await announceNewLeechers(f, t, 5);
    const { journalSeq, appliedSeq } = f.tracker.stats();
    expect(journalSeq - appliedSeq).toBe(5);
    await f.tracker.flush();
    expect(await f.rows.count('Peer', '"torrentId" = ?', t.id)).toBe(5);
    expect(f.tracker.stats().appliedSeq).toBe(journalSeq);
  });
});

describe('folds stopped by their lock budget', () => {
  let f: TrackerFixture;
  beforeAll(async () => {
    // One frame per journal file; every fold stops after its first frame (a budget of 0 is always used up), so
    // each round leaves the rest of what it read for the next.
    f = await startTrackerFixture({ journalSegmentBytes: 1, foldLockBudgetMs: 0, foldStepBytes: 1, foldIntervalMs: 600_000 });
  });
  afterAll(async () => f.close());

  it('keep what they did not fold and fold it in the next rounds, then delete the journal files folded', async () => {
    const t = await f.rows.torrent();
    await announceNewLeechers(f, t, 5);
    const { journalSeq } = f.tracker.stats();
    await f.tracker.flush();
    expect(f.tracker.stats().appliedSeq).toBe(journalSeq);
    expect(await f.rows.count('Peer', '"torrentId" = ?', t.id)).toBe(5);
    expect(f.logs.filter((l) => l.includes('fold failed'))).toEqual([]);
    // Only the newest file stays: it may still grow while the tracker runs.
    expect(readdirSync(journalDirOf(f)).filter((n) => n.endsWith('.journal'))).toHaveLength(1);
  });
});

describe('a fold behind its backlog', () => {
  let f: TrackerFixture;
  beforeAll(async () => {
    // One frame per journal file and one file per round; a timed round every 1.5 s. This checks when rounds are
    // scheduled, so the worker keeps a share of the CPU (foldIdle off) while other test files keep the cores busy.
    f = await startTrackerFixture({ journalSegmentBytes: 1, foldRoundBytes: 1, foldIntervalMs: 1500, foldIdle: false });
  });
  afterAll(async () => f.close());

  it('goes on folding round after round without waiting for the next interval', async () => {
    const t = await f.rows.torrent();
    await announceNewLeechers(f, t, 6);
    const { journalSeq } = f.tracker.stats();
    // No flush: the timed round finds a backlog of six rounds. Waiting for an interval between them would take
    // 9 s; catching up takes one interval and a few short pauses.
    await waitFor(() => f.tracker.stats().appliedSeq >= journalSeq, 'the fold to catch up', 6000);
    expect(await f.rows.count('Peer', '"torrentId" = ?', t.id)).toBe(6);
  });
});

describe('restart', () => {
  let f: TrackerFixture;
  beforeAll(async () => {
    f = await startTrackerFixture({ intervalSeconds: 1800 });
  });
  afterAll(async () => f.close());

  it('continues a live peer\'s deltas after a restart, from the stored baselines', async () => {
    const t = await f.rows.torrent();
    const u = await f.rows.user();
    const p = { infoHash: t.v1 as Buffer, peerId: peerId(1), left: 10 };
    await f.announce(u.passkey, { ...p, downloaded: 1_000 });
    f.clock.ms += 600_000;
    await f.announce(u.passkey, { ...p, downloaded: 3_000 });
    // One tracker per journal: a second one is refused while the first runs.
    await expect(restart(f)).rejects.toThrow(/already open in this process/);
    await f.tracker.close();
    const second = await restart(f);
    const { server, port } = await listen(second);
    try {
      expect(second.stats().peers).toBeGreaterThanOrEqual(1);
      f.clock.ms += 600_000;
      const d = await getDict(port, `/tracker/${u.passkey}/announce?${announceQuery({ ...p, downloaded: 3_500 })}`);
      expect(failureOf(d)).toBeUndefined();
      await second.flush();
      expect((await f.rows.userTotals(u.id)).downloaded).toBe(2_500n);
    } finally {
      await new Promise((r) => server.close(r));
      await second.close();
    }
  });
});

describe('restart: what the tracker caches at start', () => {
  let f: TrackerFixture;
  beforeAll(async () => {
    f = await startTrackerFixture({ intervalSeconds: 1800, cacheTtlSeconds: 3600 });
  });
  afterAll(async () => f.close());

  it('caches the members and torrents of live peers, under both hashes of a hybrid, and looks the others up when announced', async () => {
    const live = await f.rows.torrent({ v1: randomBytes(20), v2: randomBytes(32) });
    const idle = await f.rows.torrent();
    const u = await f.rows.user();
    const other = await f.rows.user();
    await f.announce(u.passkey, { infoHash: live.v1 as Buffer, peerId: peerId(1), left: 10 });
    await f.tracker.close();
    const logs: string[] = [];
    const second = await restart(f, { log: (l) => logs.push(l), settings: { cacheTtlSeconds: 3600 } });
    const { server, port } = await listen(second);
    try {
      expect(logs).toContain('tracker: cached 1 members and 1 torrents with live peers');
      // Changed behind the tracker's back (no notifyTrackerChanged): what it cached at start stays as it read
      // it; what it looks up now is read as it is now.
      await f.rows.run('UPDATE "Torrent" SET "freeleech" = ?', true);
      const announce = async (passkey: string, p: AnnounceParams) => {
        const d = await getDict(port, `/tracker/${passkey}/announce?${announceQuery(p)}`);
        await second.flush();
        return d;
      };
      f.clock.ms += 600_000;
      // The live torrent by its truncated v2 hash: the same cached torrent, so the same swarm, not freeleech.
      expect(failureOf(await announce(u.passkey, { infoHash: live.v2Short as Buffer, peerId: peerId(2), left: 10 }))).toBeUndefined();
      expect(failureOf(await announce(u.passkey, { infoHash: live.v1 as Buffer, peerId: peerId(1), left: 10, downloaded: 4_000 }))).toBeUndefined();
      expect((await f.rows.userTotals(u.id)).downloaded).toBe(4_000n);
      // A torrent and a member without live peers are read when first announced: freeleech now.
      await announce(other.passkey, { infoHash: idle.v1 as Buffer, peerId: peerId(3), left: 10 });
      f.clock.ms += 600_000;
      expect(failureOf(await announce(other.passkey, { infoHash: idle.v1 as Buffer, peerId: peerId(3), left: 10, downloaded: 7_000 }))).toBeUndefined();
      expect((await f.rows.userTotals(other.id)).downloaded).toBe(0n);
    } finally {
      await new Promise((r) => server.close(r));
      await second.close();
    }
  });
});

describe('restart with two peers of one member', () => {
  let f: TrackerFixture;
  beforeAll(async () => {
    f = await startTrackerFixture();
  });
  afterAll(async () => f.close());

  it('continues both peers\' deltas, the first one\'s counters handed from the history row to its own row when the second came', async () => {
    const t = await f.rows.torrent();
    const u = await f.rows.user();
    const p1 = { infoHash: t.v1 as Buffer, peerId: peerId(1), left: 10 };
    const p2 = { infoHash: t.v1 as Buffer, peerId: peerId(2), left: 10 };
    const step = async (p: typeof p1, downloaded: number) => {
      f.clock.ms += 600_000;
      expect(failureOf(await f.announce(u.passkey, { ...p, downloaded }))).toBeUndefined();
    };
    await step(p1, 1_000);
    await step(p1, 3_000); // +2000, kept on the history row: peer 1 is the member's only peer
    await step(p2, 2_000); // peer 1's 3,000 goes to its own row
    await step(p2, 2_500); // +500
    await f.tracker.close();
    const second = await restart(f);
    const { server, port } = await listen(second);
    try {
      for (const [p, downloaded] of [[p1, 3_500], [p2, 3_000]] as const) {
        f.clock.ms += 600_000;
        const d = await getDict(port, `/tracker/${u.passkey}/announce?${announceQuery({ ...p, downloaded })}`);
        expect(failureOf(d)).toBeUndefined();
      }
      await second.flush();
      expect((await f.rows.userTotals(u.id)).downloaded).toBe(3_500n);
    } finally {
      await new Promise((r) => server.close(r));
      await second.close();
    }
  });
});

describe('expiry', () => {
  let f: TrackerFixture;
  beforeAll(async () => {
    f = await startTrackerFixture({ intervalSeconds: 1800 });
  });
  afterAll(async () => f.close());

  it('expires peers silent for two intervals: rows deleted, counts updated, next announce starts afresh', async () => {
    const t = await f.rows.torrent();
    const [a, b] = [await f.rows.user(), await f.rows.user()];
    await f.announce(a.passkey, { infoHash: t.v1 as Buffer, peerId: peerId(1), port: 3001, left: 0 });
    f.clock.ms += 3_000_000;
    await f.announce(b.passkey, { infoHash: t.v1 as Buffer, peerId: peerId(2), port: 3002, left: 10 });
    f.clock.ms += 1_000_000;
    expect(f.tracker.expireStalePeers()).toBeGreaterThanOrEqual(1);
    await f.tracker.flush();
    expect(await f.rows.count('Peer', '"torrentId" = ?', t.id)).toBe(1);
    expect(await f.rows.torrentRow(t.id)).toMatchObject({ seeders: 0n, leechers: 1n });
    await f.announce(a.passkey, { infoHash: t.v1 as Buffer, peerId: peerId(1), port: 3001, left: 0, uploaded: 10_000 });
    expect((await f.rows.userTotals(a.id)).uploaded).toBe(0n);
  });
});

describe('cache invalidation', () => {
  let f: TrackerFixture;
  beforeAll(async () => {
    f = await startTrackerFixture({ cacheTtlSeconds: 3600 });
  });
  afterAll(async () => f.close());

  it('sees bans, deletions and mode changes once the site calls notifyTrackerChanged', async () => {
    const { notifyTrackerChanged } = await import('@/lib/tracker-server');
    const t = await f.rows.torrent();
    const u = await f.rows.user();
    const p = { infoHash: t.v1 as Buffer, peerId: peerId(1), left: 10 };
    await f.announce(u.passkey, p);
    await f.rows.run('UPDATE "Torrent" SET "freeleech" = ? WHERE "id" = ?', true, t.id);
    notifyTrackerChanged();
    f.clock.ms += 600_000;
    await f.announce(u.passkey, { ...p, downloaded: 5_000 });
    expect((await f.rows.userTotals(u.id)).downloaded).toBe(0n);

    await f.rows.run(`UPDATE "Torrent" SET "deletedAt" = '2026-01-02T00:00:00.000+00:00', "deleteReason" = 'dupe' WHERE "id" = ?`, t.id);
    notifyTrackerChanged();
    expect(failureOf(await f.announce(u.passkey, p))).toBe(trackerMessages.deleted('dupe'));

    const other = await f.rows.torrent();
    await f.rows.run(`UPDATE "User" SET "bannedAt" = '2026-01-02T00:00:00.000+00:00' WHERE "id" = ?`, u.id);
    notifyTrackerChanged();
    expect(failureOf(await f.announce(u.passkey, { ...p, infoHash: other.v1 as Buffer }))).toBe(trackerMessages.banned);
  });
});

describe('kill -9', () => {
  let database: Awaited<ReturnType<typeof useTestDatabase>>;
  let rows: TrackerRows;
  let child: ChildProcess | null = null;
  beforeAll(async () => {
    database = await useTestDatabase();
    rows = new TrackerRows(database.databaseUrl);
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await rows.close();
    await database.cleanup();
  });

  function start(): Promise<{ proc: ChildProcess; port: number }> {
    const proc = spawn(
      process.execPath,
      ['--import', 'tsx', '--import', './scripts/server-only-shim.mjs', path.join('tests', 'helpers', 'tracker-child.ts'), database.databaseUrl, database.dir],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child = proc;
    return new Promise((resolve, reject) => {
      let out = '';
      let err = '';
      proc.stderr?.on('data', (c: Buffer) => (err += c.toString()));
      proc.stdout?.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /listening (\d+)/.exec(out);
        if (m) resolve({ proc, port: Number(m[1]) });
      });
      proc.on('exit', (code) => reject(new Error(`tracker child exited (${code}): ${err}`)));
    });
  }

  async function totalsDownloaded(members: { id: number }[]): Promise<bigint[]> {
    return Promise.all(members.map(async (u) => (await rows.userTotals(u.id)).downloaded));
  }

  function kill(proc: ChildProcess): Promise<void> {
    return new Promise((resolve) => {
      proc.once('exit', () => resolve());
      proc.kill('SIGKILL');
    });
  }

  it('loses nothing acknowledged, counts nothing twice, and continues live peers\' deltas after a restart', async () => {
    const t = await rows.torrent();
    const seeder = await rows.user();
    const leechers = await Promise.all(Array.from({ length: 8 }, () => rows.user()));
    const q = (i: number, downloaded: number) =>
      announceQuery({ infoHash: t.v1 as Buffer, peerId: peerId(i), port: 4000 + i, left: 1_000_000, downloaded });
    const round = (port: number, downloaded: (i: number) => number) =>
      Promise.all(leechers.map((u, i) => getDict(port, `/tracker/${u.passkey}/announce?${q(i, downloaded(i))}`)));

    const first = await start();
    await getDict(first.port, `/tracker/${seeder.passkey}/announce?${announceQuery({ infoHash: t.v1 as Buffer, peerId: peerId(99), port: 4999, left: 0 })}`);
    expect((await round(first.port, () => 0)).map(failureOf).every((x) => x === undefined)).toBe(true);
    const acked = await round(first.port, (i) => 1_000 * (i + 1));
    await kill(first.proc);
    expect(acked.map(failureOf).every((x) => x === undefined)).toBe(true);
    // The child folds only once a minute: the acknowledged announces are in the journal, not yet in the tables.
    expect(await totalsDownloaded(leechers)).toEqual(leechers.map(() => 0n));

    // The restart folds the journal before it serves, exactly once.
    const second = await start();
    expect(await totalsDownloaded(leechers)).toEqual(leechers.map((_, i) => BigInt(1_000 * (i + 1))));
    const continued = await round(second.port, (i) => 1_000 * (i + 1) + 10 * (i + 1));
    await kill(second.proc);
    expect(continued.map(failureOf).every((x) => x === undefined)).toBe(true);
    const third = await start();
    await kill(third.proc);
    expect(await totalsDownloaded(leechers)).toEqual(leechers.map((_, i) => BigInt(1_010 * (i + 1))));
    expect(await rows.torrentRow(t.id)).toMatchObject({ seeders: 1n, leechers: 8n, balance: BigInt(-1_010 * 36) });
    expect(await rows.count('Peer', '"torrentId" = ?', t.id)).toBe(9);
  });
});
