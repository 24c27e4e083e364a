import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import { START_MS, startTrackerFixture, type TrackerFixture } from '@/tests/helpers/tracker-fixture';
import { peerId } from '@/tests/helpers/tracker-harness';

let f: TrackerFixture;
beforeAll(async () => {
  f = await startTrackerFixture({ maxBytesPerSecond: 10 });
});
afterAll(async () => f.close());

describe('rows written by the tracker', () => {
  it('read back through Prisma with the right types (DateTime, Boolean, BigInt, Bytes)', async () => {
    const t = await f.rows.torrent();
    const u = await f.rows.user();
    const p = { infoHash: t.v1 as Buffer, peerId: peerId(1), port: 6881 };
    await f.announce(u.passkey, { ...p, left: 10 });
    f.clock.ms += 1_000;
    await f.announce(u.passkey, { ...p, left: 0, event: 'completed', downloaded: 5_000_000_000 });

    const peer = await db().peer.findFirstOrThrow({ where: { userId: u.id } });
    expect(peer).toMatchObject({
      torrentId: t.id, ip: '127.0.0.1', port: 6881, seeder: true, left: 0n, downloaded: 5_000_000_000n,
      client: 'qBittorrent 4.6.5', startedAt: new Date(START_MS), lastAnnounceAt: new Date(START_MS + 1_000),
    });
    expect(Buffer.from(peer.peerId)).toEqual(peerId(1));
    const history = await db().userTorrent.findFirstOrThrow({ where: { userId: u.id } });
    expect(history).toMatchObject({
      actualDownloaded: 10n, creditedDownloaded: 10n, completedAt: new Date(START_MS + 1_000),
      firstAnnounceAt: new Date(START_MS),
    });
    const flag = await db().cheatFlag.findFirstOrThrow({ where: { userId: u.id } });
    expect(flag).toMatchObject({ kind: 'rate-capped-download', createdAt: new Date(START_MS + 1_000) });
    const torrent = await db().torrent.findUniqueOrThrow({ where: { id: t.id } });
    expect(torrent).toMatchObject({ seeders: 1, leechers: 0, snatches: 1, balance: -10n });
    const user = await db().user.findUniqueOrThrow({ where: { id: u.id } });
    expect(user.downloaded).toBe(10n);
  });
});
