import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import { SEEDING_WINDOW_MS } from '@/lib/ratio';
import { pruneSeedingSamples, sampleSeeding } from '@/lib/services/ratio/seeding-samples';
import { useTestDatabase } from '@/tests/helpers/db';
import { at, DAY, T0, torrent } from './fixture';

/**
 * Seeding samples for more members at once than Prisma binds values in one SQLite statement (999): the tracker
 * reports every member who announced in the last 15 s, which on a busy site is thousands.
 */
const MEMBERS = 1500;
let cleanup: () => Promise<void>;
let userIds: number[];

const inSlices = async <T>(rows: T[], write: (slice: T[]) => Promise<unknown>) => {
  for (let i = 0; i < rows.length; i += 50) await write(rows.slice(i, i + 50));
};

beforeAll(async () => {
  ({ cleanup } = await useTestDatabase());
  const t = await torrent();
  await inSlices(Array.from({ length: MEMBERS }, (_, i) => i), (slice) => db().user.createMany({
    data: slice.map((i) => ({ username: `s${i}`, usernameKey: `s${i}`, passwordHash: 'x', passkey: `${i.toString(16).padStart(8, '0')}${'cd'.repeat(12)}`, createdAt: T0 })),
  }));
  userIds = (await db().user.findMany({ where: { username: { startsWith: 's' } }, select: { id: true }, orderBy: { id: 'asc' } })).map((u) => u.id);
  expect(userIds).toHaveLength(MEMBERS);
  await inSlices(userIds, (slice) => db().peer.createMany({
    data: slice.map((userId) => ({
      torrentId: t.id, userId, peerId: new Uint8Array(20).fill(userId % 256), ip: '10.0.0.1', port: 6881, uploaded: 0n, downloaded: 0n,
      left: 0n, seeder: true, client: 'aria2', startedAt: T0, lastAnnounceAt: T0,
    })),
  }));
});

afterAll(async () => {
  await cleanup();
});

describe('seeding samples of many members', () => {
  it('are written for every member the tracker reported, and only once while their counts stay', async () => {
    const changed = await sampleSeeding({ now: T0, userIds });
    expect(changed.sort((a, b) => a - b)).toEqual(userIds);
    expect(await db().seedingSample.count({ where: { seeding: 1 } })).toBe(MEMBERS);
    expect(await sampleSeeding({ now: at(60_000), userIds })).toEqual([]);
    // The sweep looks at everyone with peers or a last sample.
    expect(await sampleSeeding({ now: at(120_000) })).toEqual([]);
    expect(await db().seedingSample.count()).toBe(MEMBERS);
  });

  it('are pruned past the window, each member keeping the latest sample before it', async () => {
    // A second sample per member, still before the window's start when pruned 8 days later.
    await inSlices(userIds, (slice) => db().seedingSample.createMany({ data: slice.map((userId) => ({ userId, at: at(DAY), seeding: 2 })) }));
    const now = new Date(T0.getTime() + DAY + SEEDING_WINDOW_MS + DAY);
    expect(await pruneSeedingSamples({ now })).toBe(MEMBERS);
    expect(await db().seedingSample.count()).toBe(MEMBERS);
    expect(await db().seedingSample.count({ where: { seeding: 2 } })).toBe(MEMBERS);
  });
});
