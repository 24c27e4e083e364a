import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTrackerFixture, type TrackerFixture } from '@/tests/helpers/tracker-fixture';
import { failureOf, peerId } from '@/tests/helpers/tracker-harness';

let f: TrackerFixture;
beforeAll(async () => {
  f = await startTrackerFixture({ minIntervalSeconds: 300, maxBytesPerSecond: 1000 });
});
afterAll(async () => f.close());

type Mode = { freeleech?: boolean; neutral?: boolean; doubleUpload?: boolean };
/** [name, mode, second announce's (up, down) after a first of (0, 0) 600 s earlier, expected credited (up, down)]. */
const modes: [string, Mode, [number, number], [bigint, bigint]][] = [
  ['a normal torrent credits both deltas', {}, [5000, 7000], [5000n, 7000n]],
  ['freeleech credits upload only', { freeleech: true }, [5000, 7000], [5000n, 0n]],
  ['neutral credits nothing', { neutral: true }, [5000, 7000], [0n, 0n]],
  ['double upload credits upload twice', { doubleUpload: true }, [5000, 7000], [10000n, 7000n]],
  ['freeleech with double upload', { freeleech: true, doubleUpload: true }, [5000, 7000], [10000n, 0n]],
  ['neutral wins over double upload', { neutral: true, doubleUpload: true }, [5000, 7000], [0n, 0n]],
];

describe('accounting', () => {
  it.each(modes)('%s', async (_name, mode, [up, down], [creditUp, creditDown]) => {
    const u = await f.rows.user();
    const other = await f.rows.user();
    const t = await f.rows.torrent(mode);
    const infoHash = t.v1 as Buffer;
    // A leecher of someone else, so uploading is plausible and no flag is raised.
    await f.announce(other.passkey, { infoHash, peerId: peerId(99), left: 500, port: 7000 });
    await f.announce(u.passkey, { infoHash, peerId: peerId(1), left: 100 });
    f.clock.ms += 600_000;
    await f.announce(u.passkey, { infoHash, peerId: peerId(1), uploaded: up, downloaded: down, left: 100 });
    expect(await f.rows.userTotals(u.id)).toEqual({ uploaded: creditUp, downloaded: creditDown });
    const h = await f.rows.history(u.id, t.id);
    expect(h).toMatchObject({
      actualUploaded: BigInt(up), actualDownloaded: BigInt(down), creditedUploaded: creditUp, creditedDownloaded: creditDown,
    });
    expect((await f.rows.torrentRow(t.id)).balance).toBe(BigInt(up - down));
    expect(await f.rows.count('CheatFlag', '"userId" = ?', u.id)).toBe(0);
  });

  it('credits nothing for the first announce, whatever counters it claims', async () => {
    const u = await f.rows.user();
    const t = await f.rows.torrent();
    await f.announce(u.passkey, { infoHash: t.v1 as Buffer, peerId: peerId(1), uploaded: 9_000_000_000_000, downloaded: 5_000_000, left: 0 });
    expect(await f.rows.userTotals(u.id)).toEqual({ uploaded: 0n, downloaded: 0n });
    expect(await f.rows.history(u.id, t.id)).toMatchObject({ actualUploaded: 0n, creditedUploaded: 0n });
  });

  it('treats counters that went down as a client restart: new baseline, nothing credited, deltas continue from it', async () => {
    const u = await f.rows.user();
    const t = await f.rows.torrent();
    const infoHash = t.v1 as Buffer;
    const p = { infoHash, peerId: peerId(1), left: 100 };
    await f.announce(u.passkey, { ...p, downloaded: 50_000 });
    f.clock.ms += 600_000;
    await f.announce(u.passkey, { ...p, downloaded: 60_000 });
    f.clock.ms += 600_000;
    await f.announce(u.passkey, { ...p, downloaded: 1_000 });
    expect((await f.rows.userTotals(u.id)).downloaded).toBe(10_000n);
    f.clock.ms += 600_000;
    await f.announce(u.passkey, { ...p, downloaded: 4_000 });
    expect((await f.rows.userTotals(u.id)).downloaded).toBe(13_000n);
  });

  it('credits a repeated announce with unchanged counters nothing more', async () => {
    const u = await f.rows.user();
    const t = await f.rows.torrent();
    const p = { infoHash: t.v1 as Buffer, peerId: peerId(1), left: 100 };
    await f.announce(u.passkey, p);
    f.clock.ms += 600_000;
    await f.announce(u.passkey, { ...p, downloaded: 2_000 });
    f.clock.ms += 600_000;
    await f.announce(u.passkey, { ...p, downloaded: 2_000 });
    expect((await f.rows.userTotals(u.id)).downloaded).toBe(2_000n);
  });

  it('caps a delta faster than maxBytesPerSecond and flags it, without banning', async () => {
    const u = await f.rows.user();
    const other = await f.rows.user();
    const t = await f.rows.torrent();
    const infoHash = t.v1 as Buffer;
    await f.announce(other.passkey, { infoHash, peerId: peerId(2), left: 500, port: 7001 });
    await f.announce(u.passkey, { infoHash, peerId: peerId(1), left: 0 });
    f.clock.ms += 10_000;
    const d = await f.announce(u.passkey, { infoHash, peerId: peerId(1), left: 0, uploaded: 50_000 });
    expect(failureOf(d)).toBeUndefined();
    expect((await f.rows.userTotals(u.id)).uploaded).toBe(10_000n);
    const flags = await f.rows.all<{ kind: string; details: string }>('SELECT "kind", "details" FROM "CheatFlag" WHERE "userId" = ?', u.id);
    expect(flags.map((x) => x.kind)).toEqual(['rate-capped-upload']);
    expect(JSON.parse(flags[0]?.details ?? '{}')).toMatchObject({ reportedUploaded: '50000', seconds: 10 });
    expect(await f.rows.get('SELECT "bannedAt" FROM "User" WHERE "id" = ?', u.id)).toEqual({ bannedAt: null });
  });

  it('flags upload reported while no one else was leeching', async () => {
    const u = await f.rows.user();
    const t = await f.rows.torrent();
    const p = { infoHash: t.v1 as Buffer, peerId: peerId(1), left: 0 };
    await f.announce(u.passkey, p);
    f.clock.ms += 600_000;
    await f.announce(u.passkey, { ...p, uploaded: 1_000 });
    const kinds = await f.rows.all('SELECT "kind" FROM "CheatFlag" WHERE "userId" = ?', u.id);
    expect(kinds).toEqual([{ kind: 'upload-without-leechers' }]);
    expect((await f.rows.userTotals(u.id)).uploaded).toBe(1_000n);
  });

  it('does not flag upload to a leecher that finished, left or expired before the seeder announced again', async () => {
    const flagsOf = (userId: number) => f.rows.all('SELECT "kind" FROM "CheatFlag" WHERE "userId" = ?', userId);
    for (const leaving of ['completed', 'stopped', 'expired'] as const) {
      const seeder = await f.rows.user();
      const leecher = await f.rows.user();
      const t = await f.rows.torrent();
      const s = { infoHash: t.v1 as Buffer, peerId: peerId(1), left: 0 };
      const l = { infoHash: t.v1 as Buffer, peerId: peerId(2), port: 7002 };
      // The leecher is there before the seeder's first announce and does not announce again until it leaves.
      await f.announce(leecher.passkey, { ...l, left: 5_000 });
      f.clock.ms += 60_000;
      await f.announce(seeder.passkey, s);
      if (leaving === 'expired') {
        // The seeder announces again before the leecher, silent since, expires (after an hour).
        f.clock.ms += 3_000_000;
        await f.announce(seeder.passkey, s);
        f.clock.ms += 700_000;
        expect(f.tracker.expireStalePeers()).toBeGreaterThan(0);
      } else {
        f.clock.ms += 60_000;
        await f.announce(leecher.passkey, { ...l, left: leaving === 'completed' ? 0 : 1_000, downloaded: 5_000, event: leaving });
      }
      f.clock.ms += 600_000;
      // The swarm has no leecher now, but had one since the seeder's last announce.
      await f.announce(seeder.passkey, { ...s, uploaded: 5_000 });
      expect({ leaving, flags: await flagsOf(seeder.id) }).toEqual({ leaving, flags: [] });
      // From then on, with no leecher since, upload is flagged again.
      f.clock.ms += 600_000;
      await f.announce(seeder.passkey, { ...s, uploaded: 6_000 });
      expect({ leaving, flags: await flagsOf(seeder.id) }).toEqual({ leaving, flags: [{ kind: 'upload-without-leechers' }] });
    }
  });

  it('flags upload from the only leecher, which had no one to upload to', async () => {
    const u = await f.rows.user();
    const t = await f.rows.torrent();
    const p = { infoHash: t.v1 as Buffer, peerId: peerId(1) };
    await f.announce(u.passkey, { ...p, left: 5_000 });
    f.clock.ms += 600_000;
    await f.announce(u.passkey, { ...p, left: 0, downloaded: 5_000, uploaded: 1_000, event: 'completed' });
    const kinds = await f.rows.all('SELECT "kind" FROM "CheatFlag" WHERE "userId" = ?', u.id);
    expect(kinds).toEqual([{ kind: 'upload-without-leechers' }]);
  });

  it('adds seed time only between two announces of a seeding peer, and records first/last announce', async () => {
    const u = await f.rows.user();
    const t = await f.rows.torrent();
    const p = { infoHash: t.v1 as Buffer, peerId: peerId(1) };
    const start = f.clock.ms;
    await f.announce(u.passkey, { ...p, left: 100 });
    f.clock.ms += 400_000;
    await f.announce(u.passkey, { ...p, left: 0, event: 'completed' });
    f.clock.ms += 1_800_500;
    await f.announce(u.passkey, { ...p, left: 0 });
    f.clock.ms += 1_799_600;
    await f.announce(u.passkey, { ...p, left: 0 });
    const h = await f.rows.history(u.id, t.id);
    expect(h?.seedTimeSeconds).toBe(3600n);
    expect(h?.firstAnnounceAt).toBe(new Date(start).toISOString().replace('Z', '+00:00'));
    expect(h?.lastAnnounceAt).toBe(new Date(f.clock.ms).toISOString().replace('Z', '+00:00'));
  });

  it('credits the final delta of a stopped peer and removes its row', async () => {
    const u = await f.rows.user();
    const t = await f.rows.torrent();
    const p = { infoHash: t.v1 as Buffer, peerId: peerId(1), left: 100 };
    await f.announce(u.passkey, p);
    expect(await f.rows.count('Peer', '"torrentId" = ?', t.id)).toBe(1);
    f.clock.ms += 600_000;
    await f.announce(u.passkey, { ...p, downloaded: 3_000, event: 'stopped' });
    expect((await f.rows.userTotals(u.id)).downloaded).toBe(3_000n);
    expect(await f.rows.count('Peer', '"torrentId" = ?', t.id)).toBe(0);
    expect(await f.rows.torrentRow(t.id)).toMatchObject({ seeders: 0n, leechers: 0n });
  });
});
