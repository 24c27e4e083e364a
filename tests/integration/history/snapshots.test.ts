import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import { getMemberHistory } from '@/lib/services/history/get-member-history';
import { getSiteHistory } from '@/lib/services/history/get-site-history';
import { takeDailySnapshots } from '@/lib/services/history/take-daily-snapshots';
import { adjustStats } from '@/lib/services/moderation/adjust-stats';
import { createRatioScheduler } from '@/lib/services/ratio/ratio-scheduler';
import { useTestDatabase } from '@/tests/helpers/db';
import { at, DAY, GIB, member, torrent } from '../ratio/fixture';

let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ cleanup } = await useTestDatabase());
});
afterAll(() => cleanup());

const MINUTE = 60_000;
const HOUR = 3_600_000;

async function history(userId: number, now: Date) {
  const actor = { id: userId, username: 'x', role: 'member' as const };
  const points = await getMemberHistory({ actor, userId, days: 7, now });
  return points?.map((p) => ({ day: p.day, uploaded: p.uploaded, downloaded: p.downloaded, ratio: p.ratio, seeding: p.seeding, actualUploaded: p.actualUploaded }));
}

async function seed(userId: number, torrentId: number, actual: { up: bigint; down: bigint }) {
  await db().userTorrent.upsert({
    where: { userId_torrentId: { userId, torrentId } },
    create: { userId, torrentId, actualUploaded: actual.up, actualDownloaded: actual.down, firstAnnounceAt: at(0), lastAnnounceAt: at(0) },
    update: { actualUploaded: actual.up, actualDownloaded: actual.down },
  });
}

describe('daily history snapshots', () => {
  it('records a staff adjustment in the next day\'s point, writes nothing for idle members or unchanged days, and takes each day once', async () => {
    let clock = at(5 * MINUTE); // 2026-01-01 00:05 UTC
    const log: string[] = [];
    const scheduler = createRatioScheduler({ now: () => clock, log: (line) => log.push(line) });
    const admin = await member({ role: 'admin' });
    const seeder = await member({ uploaded: 10n * GIB, downloaded: 5n * GIB });
    const idle = await member();
    const t = await torrent({ uploaderId: admin.id });
    await seed(seeder.id, t.id, { up: 3n * GIB, down: 1n * GIB });
    await db().peer.create({
      data: {
        torrentId: t.id, userId: seeder.id, peerId: new Uint8Array(20).fill(7), ip: '10.0.0.1', port: 6881,
        uploaded: 0n, downloaded: 0n, left: 0n, seeder: true, client: 'test', startedAt: at(0), lastAnnounceAt: at(0),
      },
    });

    expect(await scheduler.snapshot()).toEqual({ day: '2026-01-01', taken: true, members: 1 });
    expect(log).toEqual(['history: snapshot of 2026-01-01 taken (1 member rows)']);
    // Again the same day: by this scheduler, by another one (a new leader), by the job itself.
    clock = at(10 * HOUR);
    expect(await scheduler.snapshot()).toBeNull();
    expect(await createRatioScheduler({ now: () => clock, log: () => undefined }).snapshot()).toEqual({ day: '2026-01-01', taken: false, members: 0 });
    expect(await takeDailySnapshots({ now: clock })).toEqual({ day: '2026-01-01', taken: false, members: 0 });

    // A staff adjustment during the first day: 10 GiB uploaded becomes 60 GiB.
    await adjustStats({ actor: admin, userId: seeder.id, input: { field: 'uploaded', mode: 'set', amount: 60n * GIB, reason: 'lost stats' } });
    await seed(seeder.id, t.id, { up: 5n * GIB, down: 1n * GIB });
    expect(await history(seeder.id, clock)).toEqual([
      { day: '2026-01-01', uploaded: 10n * GIB, downloaded: 5n * GIB, ratio: 2, seeding: 1, actualUploaded: 3n * GIB },
    ]);

    clock = at(DAY + MINUTE); // 2026-01-02 00:01
    expect(await scheduler.snapshot()).toEqual({ day: '2026-01-02', taken: true, members: 1 });
    expect(await history(seeder.id, clock)).toEqual([
      { day: '2026-01-01', uploaded: 10n * GIB, downloaded: 5n * GIB, ratio: 2, seeding: 1, actualUploaded: 3n * GIB },
      { day: '2026-01-02', uploaded: 60n * GIB, downloaded: 5n * GIB, ratio: 12, seeding: 1, actualUploaded: 5n * GIB },
    ]);

    // Nothing changes on the third day: no row is written, the chart carries the second day's figures forward.
    clock = at(2 * DAY + MINUTE);
    expect(await scheduler.snapshot()).toEqual({ day: '2026-01-03', taken: true, members: 0 });
    expect((await history(seeder.id, clock))?.map((p) => [p.day, p.uploaded])).toEqual([
      ['2026-01-01', 10n * GIB], ['2026-01-02', 60n * GIB], ['2026-01-03', 60n * GIB],
    ]);
    expect(await db().memberSnapshot.count({ where: { userId: seeder.id } })).toBe(2);
    expect(await db().memberSnapshot.count({ where: { userId: idle.id } })).toBe(0);
    expect(await history(idle.id, clock)).toEqual([]);

    // Only the member and staff see a member's history.
    expect(await getMemberHistory({ actor: idle, userId: seeder.id, days: 7, now: clock })).toBeNull();
    expect(await getMemberHistory({ actor: admin, userId: seeder.id, days: 30, now: clock })).toHaveLength(3);

    // The site: what clients reported on the first day (2 GiB more up) is that day's traffic.
    const site = await getSiteHistory({ actor: idle, days: 7, now: clock });
    expect(site.days.map((d) => [d.day, d.members, d.torrents, d.seeders])).toEqual([
      ['2026-01-01', 3, 1, 0], ['2026-01-02', 3, 1, 0], ['2026-01-03', 3, 1, 0],
    ]);
    expect(site.traffic).toEqual([
      { day: '2026-01-01', uploaded: 2n * GIB, downloaded: 0n },
      { day: '2026-01-02', uploaded: 0n, downloaded: 0n },
    ]);
    expect(log.filter((line) => line.includes('failed'))).toEqual([]);
  });

  it('finishes a day whose snapshot stopped half-way without writing a member twice', async () => {
    const now = at(10 * DAY);
    const a = await member({ uploaded: 1n * GIB });
    const b = await member({ uploaded: 2n * GIB });
    // As if the pass stopped after a's row: the day has no site row yet.
    await db().memberSnapshot.create({
      data: { userId: a.id, day: '2026-01-11', uploaded: 1n * GIB, downloaded: 0n, actualUploaded: 0n, actualDownloaded: 0n, seeding: 0, requiredRatio: 0 },
    });
    const result = await takeDailySnapshots({ now });
    expect(result.taken).toBe(true);
    expect(await db().memberSnapshot.findMany({ where: { userId: { in: [a.id, b.id] } }, select: { userId: true, day: true, uploaded: true }, orderBy: { userId: 'asc' } }))
      .toEqual([{ userId: a.id, day: '2026-01-11', uploaded: 1n * GIB }, { userId: b.id, day: '2026-01-11', uploaded: 2n * GIB }]);
  });
});
