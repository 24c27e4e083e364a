import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import { startAnnounceMinuteWriter } from '@/lib/services/announce-rate/announce-minute-writer';
import { getAnnounceRate } from '@/lib/services/announce-rate/get-announce-rate';
import { START_MS, startTrackerFixture, type TrackerFixture } from '@/tests/helpers/tracker-fixture';
import { failureOf, peerId } from '@/tests/helpers/tracker-harness';
import { DAY, member, torrent } from '../ratio/fixture';

let f: TrackerFixture;
beforeAll(async () => {
  f = await startTrackerFixture();
});
afterAll(async () => f.close());

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const stored = async () =>
  (await db().announceMinute.findMany({ orderBy: { minute: 'asc' } })).map((r) => [r.minute.toISOString(), r.announces]);

describe('announces per minute', () => {
  it('counts each answered announce in its UTC minute, stores the counts by adding, charts them for staff and prunes after a week', async () => {
    const m = await member();
    const staff = await member({ role: 'moderator' });
    const t = await torrent();
    const hash = Buffer.from(t.infoHashV1!, 'hex');
    const logs: string[] = [];
    const writer = startAnnounceMinuteWriter({ take: () => f.tracker.takeAnnounceCounts(), now: () => new Date(f.clock.ms), intervalMs: 3_600_000, log: (l) => logs.push(l) });
    const announce = async (at: number) => {
      f.clock.ms = START_MS + at;
      expect(failureOf(await f.announce(m.passkey, { infoHash: hash, peerId: peerId(1), port: 7000 }))).toBeUndefined();
    };
    await announce(SECOND);
    await announce(2 * SECOND);
    await announce(59 * SECOND);
    await announce(2 * MINUTE + 10 * SECOND);
    // Neither a scrape nor an unknown passkey is an announce the tracker answered.
    await f.get(`/tracker/${m.passkey}/scrape?info_hash=${t.infoHashV1!.replace(/../g, (b) => `%${b}`)}`);
    expect(failureOf(await f.announce('f'.repeat(32), { infoHash: hash, peerId: peerId(2) }))).toBe('unknown passkey: download the .torrent again from the site');

    await writer.flush();
    expect(await stored()).toEqual([['2026-01-01T00:00:00.000Z', 3], ['2026-01-01T00:02:00.000Z', 1]]);
    // The running minute is stored as far as it went; the rest is added to it.
    await announce(2 * MINUTE + 50 * SECOND);
    await writer.flush();
    expect(await stored()).toEqual([['2026-01-01T00:00:00.000Z', 3], ['2026-01-01T00:02:00.000Z', 2]]);

    f.clock.ms = START_MS + 5 * MINUTE;
    const rate = await getAnnounceRate({ actor: staff, now: new Date(f.clock.ms) });
    expect(rate.total).toBe(5);
    expect(rate.buckets).toHaveLength(144);
    expect(rate.buckets.at(-1)).toEqual({ start: new Date(START_MS), announces: 5, busiestMinute: 3 });
    expect(rate.buckets.at(-2)).toMatchObject({ announces: 0, busiestMinute: 0 });
    await expect(getAnnounceRate({ actor: m, now: new Date(f.clock.ms) })).rejects.toMatchObject({ code: 'FORBIDDEN' });

    // A week and a day later, the old minutes are pruned when the new one is stored.
    await announce(8 * DAY);
    await writer.stop();
    expect(await stored()).toEqual([['2026-01-09T00:00:00.000Z', 1]]);
    expect((await getAnnounceRate({ actor: staff, now: new Date(START_MS + 8 * DAY) })).total).toBe(1);
    expect(logs).toEqual([]);
  });
});
