import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatBytes, formatDateTime } from '@/lib/format';
import { evaluateMemberRatio } from '@/lib/services/ratio/evaluate-member';
import { getHome } from '@/lib/services/get-home';
import { startTrackerFixture, type TrackerFixture } from '@/tests/helpers/tracker-fixture';
import { failureOf, peerId } from '@/tests/helpers/tracker-harness';
import { DAY, GIB, member, torrent } from '../ratio/fixture';

let f: TrackerFixture;
beforeAll(async () => {
  f = await startTrackerFixture();
});
afterAll(async () => f.close());

const now = () => new Date(f.clock.ms);
const hashOf = (t: { infoHashV1: string | null }) => Buffer.from(t.infoHashV1 ?? '', 'hex');
const MINUTE = 60_000;

describe('the member home page', () => {
  it('suggests what the member snatched or uploaded and does not seed, then torrents short of seeders, with a reason each', async () => {
    const m = await member({ uploaded: 4n * GIB, downloaded: 20n * GIB });
    const other = await member();
    const [mine, snatched, seededNow, few, plenty] = [
      await torrent({ uploaderId: m.id }), await torrent(), await torrent(), await torrent(), await torrent(),
    ];
    let port = 7000;
    const announce = async (passkey: string, t: { infoHashV1: string | null }, seed: number, left: number, event?: string) => {
      f.clock.ms += MINUTE;
      const reply = await f.announce(passkey, { infoHash: hashOf(t), peerId: peerId(seed), port: port++, left, event });
      expect(failureOf(reply)).toBeUndefined();
    };
    // The member downloads `snatched` to the end, then stops: a snatch not seeded now.
    await announce(m.passkey, snatched, 1, 1000, 'started');
    await announce(m.passkey, snatched, 1, 0, 'completed');
    await announce(m.passkey, snatched, 1, 0, 'stopped');
    // The member seeds `seededNow`: nothing to suggest there.
    await announce(m.passkey, seededNow, 2, 0, 'started');
    // Another member seeds `few` while a third leeches it; `plenty` has three seeders.
    await announce(other.passkey, few, 3, 0, 'started');
    await announce((await member()).passkey, few, 4, 500, 'started');
    for (let i = 0; i < 3; i++) await announce((await member()).passkey, plenty, 10 + i, 0, 'started');

    const home = await getHome({ actor: m, now: now() });
    expect(home.toSeed.map((t) => [t.id, t.kind, t.reason])).toEqual([
      // Fewest seeders first, then the newest.
      [snatched.id, 'yours', 'You downloaded it and are not seeding it; no seeders.'],
      [mine.id, 'yours', 'You uploaded it and are not seeding it; no seeders.'],
      [few.id, 'few-seeders', 'Only 1 seeder and 1 leecher waiting: download it and keep seeding it.'],
    ]);
    expect(home.latest.map((t) => t.id).slice(0, 5)).toEqual([plenty.id, few.id, seededNow.id, snatched.id, mine.id]);
    expect(home.latest.find((t) => t.id === plenty.id)).toMatchObject({ seeders: 3, leechers: 0 });
  });

  it('stops suggesting a snatch once the member seeds it again', async () => {
    const m = await member();
    const t = await torrent();
    f.clock.ms += MINUTE;
    await f.announce(m.passkey, { infoHash: hashOf(t), peerId: peerId(40), port: 7100, left: 1000, event: 'started' });
    f.clock.ms += MINUTE;
    await f.announce(m.passkey, { infoHash: hashOf(t), peerId: peerId(40), port: 7100, left: 0, event: 'completed' });
    f.clock.ms += MINUTE;
    await f.announce(m.passkey, { infoHash: hashOf(t), peerId: peerId(40), port: 7100, left: 0, event: 'stopped' });
    expect((await getHome({ actor: m, now: now() })).toSeed.map((s) => s.id)).toContain(t.id);
    f.clock.ms += MINUTE;
    await f.announce(m.passkey, { infoHash: hashOf(t), peerId: peerId(41), port: 7101, left: 0, event: 'started' });
    expect((await getHome({ actor: m, now: now() })).toSeed.map((s) => s.id)).not.toContain(t.id);
  });

  it("shows the member's standing: ratio, required ratio, the watch's end and what to upload to leave it", async () => {
    const m = await member({ uploaded: 4n * GIB, downloaded: 20n * GIB });
    await evaluateMemberRatio({ userId: m.id, now: now() });
    const { standing } = await getHome({ actor: m, now: now() });
    expect(standing).toMatchObject({ ratio: '0.20', requiredText: '0.30', bytesToUpload: 2n * GIB });
    expect(formatBytes(standing.bytesToUpload)).toBe('2.00 GiB');
    expect(standing.watch && formatDateTime(standing.watch.endsAt)).toBe(formatDateTime(new Date(f.clock.ms + 14 * DAY)));
  });

  it('leaves torrents short of seeders out while the member cannot download them', async () => {
    const m = await member({ uploaded: 4n * GIB, downloaded: 20n * GIB });
    await evaluateMemberRatio({ userId: m.id, now: now() });
    f.clock.ms += 14 * DAY + MINUTE;
    await evaluateMemberRatio({ userId: m.id, now: now() });
    const home = await getHome({ actor: m, now: now() });
    expect(home.standing.leechingMessage).toBe('Leeching disabled: ratio 0.20 is below the required 0.30; seed to recover');
    expect(home.toSeed.filter((t) => t.kind === 'few-seeders')).toEqual([]);
  });
});
