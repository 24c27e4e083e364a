import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leechDecision } from '@/lib/tracker-server';
import { startTrackerFixture, type TrackerFixture } from '@/tests/helpers/tracker-fixture';
import { compactPeers, failureOf, peerId } from '@/tests/helpers/tracker-harness';

const REFUSED = 'ratio too low: seed before downloading more';
let f: TrackerFixture;
let refusedUserId = -1;

beforeAll(async () => {
  f = await startTrackerFixture({}, {
    leechDecision: (input) => (input.userId === refusedUserId ? { allowed: false, message: REFUSED } : { allowed: true }),
  });
});
afterAll(async () => f.close());

describe('leech decision', () => {
  it('allows members who are neither disabled nor on a watch', () => {
    expect(leechDecision({ userId: 1, torrentId: 1, left: 10n, nowMs: 0 })).toEqual({ allowed: true });
  });

  it('when it refuses a leecher: failure with its message, peer hidden from others, last delta still counted', async () => {
    const t = await f.rows.torrent();
    const infoHash = t.v1 as Buffer;
    const [u, seed] = [await f.rows.user(), await f.rows.user()];
    await f.announce(seed.passkey, { infoHash, peerId: peerId(1), port: 1001, left: 0 });
    await f.announce(u.passkey, { infoHash, peerId: peerId(2), port: 1002, left: 10 });
    refusedUserId = u.id;
    f.clock.ms += 600_000;
    const refused = await f.announce(u.passkey, { infoHash, peerId: peerId(2), port: 1002, left: 10, downloaded: 2_000 });
    expect(failureOf(refused)).toBe(REFUSED);
    expect(refused.peers).toBeUndefined();
    expect((await f.rows.userTotals(u.id)).downloaded).toBe(2_000n);
    expect(await f.rows.count('Peer', '"userId" = ?', u.id)).toBe(0);
    f.clock.ms += 600_000;
    expect(compactPeers(await f.announce(seed.passkey, { infoHash, peerId: peerId(1), port: 1001, left: 0 }))).toEqual([]);

    const seeding = await f.announce(u.passkey, { infoHash, peerId: peerId(3), port: 1003, left: 0 });
    expect(failureOf(seeding)).toBeUndefined();
    expect(await f.rows.count('Peer', '"userId" = ?', u.id)).toBe(1);
  });
});
