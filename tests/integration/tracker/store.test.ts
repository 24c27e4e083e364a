import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import { Directory } from '@/lib/tracker-server/directory';
import { openTrackerStore, type TrackerStore } from '@/lib/tracker-server/store';
import { useTestDatabase, type TestDatabase } from '@/tests/helpers/db';
import { peerId, TrackerRows } from '@/tests/helpers/tracker-harness';

/**
 * The tracker's reads, written once and run on the suite's database (SQLite in `integration`, PostgreSQL in
 * `integration-postgres`): the same rows must read back as the same plain values, whatever the dialect stores
 * (0/1 or true/false, INTEGER or BIGINT, ISO text or TIMESTAMP without time zone).
 */
let database: TestDatabase;
let rows: TrackerRows;
let store: TrackerStore;

beforeAll(async () => {
  database = await useTestDatabase();
  rows = new TrackerRows(database.databaseUrl);
  store = openTrackerStore(database.databaseUrl, { busyTimeoutMs: 100, log: () => {} });
});
afterAll(async () => {
  await store.close();
  await rows.close();
  await database.cleanup();
});

const hex = (bytes: Buffer | null) => (bytes as Buffer).toString('hex');
const GIB = 1n << 30n;

describe(`the tracker's reads on ${process.env.GIVEBACK_TEST_DATABASE === 'postgres' ? 'PostgreSQL' : 'SQLite'}`, () => {
  it('finds a member by passkey with their ban and watch state, times read as UTC', async () => {
    const watched = await rows.user();
    await rows.run(
      `UPDATE "User" SET "leechingDisabled" = ?, "leechingDisabledReason" = ?, "requiredRatio" = ?, "watchStartedAt" = ?,
        "watchEndsAt" = ?, "watchDownloadedAtStart" = ?, "watchRequiredAtStart" = ? WHERE "id" = ?`,
      true, 'ratio', 0.6, '2026-01-01T00:00:00.000+00:00', '2026-01-15T12:30:00.250+00:00', 5n * GIB, 0.3, watched.id,
    );
    const banned = await rows.user({ banned: true });
    expect(await store.member(watched.passkey)).toEqual({
      id: watched.id, banned: false,
      ratio: {
        leechingDisabled: true, leechingDisabledReason: 'ratio', requiredRatio: 0.6,
        watch: { startedAt: new Date('2026-01-01T00:00:00.000Z'), endsAt: new Date('2026-01-15T12:30:00.250Z'), downloadedAtStart: 5n * GIB, requiredAtStart: 0.3 },
      },
    });
    expect(await store.member(banned.passkey)).toEqual({
      id: banned.id, banned: true, ratio: { leechingDisabled: false, leechingDisabledReason: null, requiredRatio: 0, watch: null },
    });
    expect(await store.member('f'.repeat(32))).toBeNull();
  });

  it('finds a torrent by its v1 hash or its truncated v2 hash, with freeleech, neutral and double upload as booleans', async () => {
    const free = await rows.torrent({ freeleech: true });
    const v2 = await rows.torrent({ v1: null, v2: randomBytes(32), neutral: true, doubleUpload: true });
    const gone = await rows.torrent({ deleteReason: 'duplicate' });
    expect(await store.torrent(hex(free.v1))).toEqual({
      id: free.id, snatches: 0, mode: { freeleech: true, neutral: false, doubleUpload: false }, deleted: false, deleteReason: '',
      infoHashV2Short: null,
    });
    expect(await store.torrent(hex(v2.v2Short))).toEqual({
      id: v2.id, snatches: 0, mode: { freeleech: false, neutral: true, doubleUpload: true }, deleted: false, deleteReason: '',
      infoHashV2Short: hex(v2.v2Short),
    });
    expect(await store.torrent(hex(gone.v1))).toMatchObject({ id: gone.id, deleted: true, deleteReason: 'duplicate' });
    expect(await store.torrent('00'.repeat(20))).toBeNull();
  });

  it('reads credited totals as exact bigints past 2^53, and zero for a member that does not exist', async () => {
    const u = await rows.user();
    await rows.run('UPDATE "User" SET "uploaded" = ?, "downloaded" = ? WHERE "id" = ?', (1n << 60n) + 1n, 7n, u.id);
    expect(await store.totals(u.id)).toEqual({ uploaded: (1n << 60n) + 1n, downloaded: 7n });
    expect(await store.totals(999_999)).toEqual({ uploaded: 0n, downloaded: 0n });
  });

  it('tells a recorded completion from a history without one, and reads the blacklist and the settings', async () => {
    const [u, t, other] = [await rows.user(), await rows.torrent(), await rows.torrent()];
    const at = new Date('2026-01-02T00:00:00Z');
    await db().userTorrent.create({ data: { userId: u.id, torrentId: t.id, firstAnnounceAt: at, lastAnnounceAt: at, completedAt: at } });
    await db().userTorrent.create({ data: { userId: u.id, torrentId: other.id, firstAnnounceAt: at, lastAnnounceAt: at } });
    expect(await store.hasCompleted(u.id, t.id)).toBe(true);
    expect(await store.hasCompleted(u.id, other.id)).toBe(false);
    expect(await store.hasCompleted(u.id, 999_999)).toBe(false);
    await db().clientBlacklist.create({ data: { prefix: '-XL0012-', note: 'Xunlei' } });
    await db().setting.create({ data: { key: 'announceIntervalSeconds', value: '900' } });
    expect(await store.blacklist()).toEqual(['-XL0012-']);
    expect((await store.settings()).get('announceIntervalSeconds')).toBe('900');
  });

  it('reads live peers with their latest counters (from the history row that names them), id bytes and time', async () => {
    const [u, t] = [await rows.user(), await rows.torrent({ v2: randomBytes(32) })];
    const [lone, named] = [new Uint8Array(peerId(1)), new Uint8Array(peerId(2))];
    const at = new Date('2026-01-03T04:05:06.789Z');
    const peer = { torrentId: t.id, userId: u.id, ip: '10.0.0.1', seeder: false, client: 'qB', startedAt: at, lastAnnounceAt: at };
    await db().peer.create({ data: { ...peer, peerId: lone, port: 6881, uploaded: 1n, downloaded: 2n, left: 3n } });
    await db().peer.create({ data: { ...peer, peerId: named, port: 6882, uploaded: 0n, downloaded: 0n, left: 9n } });
    const later = new Date(at.getTime() + 60_000);
    await db().userTorrent.create({
      data: {
        userId: u.id, torrentId: t.id, firstAnnounceAt: at, lastAnnounceAt: later,
        lastPeerId: named, lastPeerUploaded: 1n << 40n, lastPeerDownloaded: 5n, lastPeerLeft: 4n,
      },
    });
    const peers = [...(await store.peers())].filter((p) => p.torrentId === t.id).sort((a, b) => a.port - b.port);
    expect(peers.map((p) => ({ ...p, peerId: Buffer.from(p.peerId) }))).toEqual([
      { torrentId: t.id, userId: u.id, peerId: Buffer.from(lone), ip: '10.0.0.1', port: 6881, uploaded: 1n, downloaded: 2n, left: 3n, lastAnnounceAtMs: at.getTime() },
      { torrentId: t.id, userId: u.id, peerId: Buffer.from(named), ip: '10.0.0.1', port: 6882, uploaded: 1n << 40n, downloaded: 5n, left: 4n, lastAnnounceAtMs: later.getTime() },
    ]);
    expect((await store.activeMembers()).filter((m) => m.id === u.id)).toEqual([{ ...(await store.member(u.passkey)), passkey: u.passkey }]);
    expect((await store.activeTorrents()).filter((x) => x.id === t.id)).toEqual([
      { ...(await store.torrent(hex(t.v1))), infoHashV1: hex(t.v1), infoHashV2Short: hex(t.v2Short) },
    ]);
  });
});

describe('the directory over the store', () => {
  /** The real store, counting the reads that reach it. */
  function counted(): { store: TrackerStore; reads: Map<string, number> } {
    const reads = new Map<string, number>();
    const count = (name: string) => reads.set(name, (reads.get(name) ?? 0) + 1);
    const wrapped: TrackerStore = Object.create(store);
    wrapped.member = (passkey) => (count('member'), store.member(passkey));
    wrapped.torrent = (hash) => (count('torrent'), store.torrent(hash));
    wrapped.totals = (userId) => (count('totals'), store.totals(userId));
    return { store: wrapped, reads };
  }

  it('reads a member once however many announces miss it at the same time, and a torrent once by either hash', async () => {
    const { store: s, reads } = counted();
    const directory = new Directory(s, Date.now, 60_000);
    const u = await rows.user();
    const t = await rows.torrent({ v2: randomBytes(32) });
    const members = await Promise.all(Array.from({ length: 50 }, () => directory.member(u.passkey)));
    expect(new Set(members).size).toBe(1);
    expect(members[0]).toMatchObject({ id: u.id, banned: false });
    expect(reads.get('member')).toBe(1);
    const [byV1, byV2] = [await directory.torrent(t.v1 as Buffer), await directory.torrent(t.v2Short as Buffer)];
    expect(byV1).toBe(byV2);
    expect(reads.get('torrent')).toBe(2);
    await directory.torrent(t.v1 as Buffer);
    expect(reads.get('torrent')).toBe(2);
  });

  it('does not cache what a read returned after the caches were dropped, and rereads totals a fold credited', async () => {
    const { store: s, reads } = counted();
    const directory = new Directory(s, Date.now, 60_000);
    const u = await rows.user();
    const first = directory.member(u.passkey);
    directory.clear();
    expect(await first).toMatchObject({ id: u.id });
    await directory.member(u.passkey);
    // SQLite's read answered before clear() dropped it; PostgreSQL's after, so it was never kept: read again either way.
    expect(reads.get('member')).toBe(2);
    expect(await directory.totals(u.id)).toEqual({ uploaded: 0n, downloaded: 0n });
    await rows.run('UPDATE "User" SET "downloaded" = ? WHERE "id" = ?', 500n, u.id);
    expect(await directory.totals(u.id)).toEqual({ uploaded: 0n, downloaded: 0n });
    directory.forgetTotals([u.id]);
    expect(await directory.totals(u.id)).toEqual({ uploaded: 0n, downloaded: 500n });
    expect(reads.get('totals')).toBe(2);
  });

  it('after the TTL, keeps answering from the old caches while PostgreSQL rereads them, where SQLite drops them', async () => {
    const { store: s, reads } = counted();
    let now = 0;
    const directory = new Directory(s, () => now, 1000);
    const u = await rows.user();
    await directory.member(u.passkey);
    now = 2000;
    directory.refresh(now);
    expect(await directory.member(u.passkey)).toMatchObject({ id: u.id });
    expect(reads.get('member')).toBe(store.synchronous ? 2 : 1);
  });
});
