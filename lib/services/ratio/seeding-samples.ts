import 'server-only';
import { db } from '@/lib/db/client';
import { Prisma } from '@/lib/db/generated/client';
import { SEEDING_WINDOW_MS } from '@/lib/ratio';
import { nextTurn, slices } from '@/lib/db/slices';

/**
 * Records how many distinct torrents (still on the site) each member seeds now, from the tracker's Peer table.
 * A sample is written only when the count differs from the member's last one: averageSeeding treats each sample
 * as holding until the next, so unchanged counts add nothing but rows. `userIds` limits the pass to those
 * members (the tracker reported activity); without it every member with peers or samples is
 * looked at. Returns the members whose count changed.
 */
export async function sampleSeeding(options: { now: Date; userIds?: readonly number[] }): Promise<number[]> {
  const userIds = options.userIds ?? await sampledMembers();
  const changed: number[] = [];
  // Members are independent of each other: a slice at a time, one per turn of the event loop the tracker shares.
  for (const slice of slices(userIds)) {
    const [current, lasts] = await Promise.all([seedingNow(slice), lastSamples(slice)]);
    const moved = slice.filter((userId) => (current.get(userId) ?? 0) !== (lasts.get(userId) ?? 0));
    if (moved.length > 0) {
      await db().seedingSample.createMany({
        data: moved.map((userId) => ({ userId, at: options.now, seeding: current.get(userId) ?? 0 })),
      });
    }
    changed.push(...moved);
    await nextTurn();
  }
  return changed;
}

/** Every member with a peer or a sample: those whose count may be, or may have been, other than 0. */
async function sampledMembers(): Promise<number[]> {
  const rows = await db().$queryRaw<{ userId: number | bigint }[]>`SELECT "userId" FROM "Peer" UNION SELECT "userId" FROM "SeedingSample"`;
  return rows.map((row) => Number(row.userId));
}

/**
 * How many distinct torrents (still on the site) each of the members given seeds, counted by
 * the database from the index on (userId, seeder, torrentId): the scheduler asks this for every active member
 * every 15 seconds, and reading their Peer rows into JavaScript to count them (120,000 rows for 10,000 members
 * in bench:announce) took about 0.9 s of the event loop the tracker shares. The SQL is the same on both databases
 * (TRUE is 1 on SQLite, which uses the index all the same).
 */
export async function seedingNow(userIds: readonly number[]): Promise<Map<number, number>> {
  const rows = await db().$queryRaw<{ userId: number | bigint; seeding: number | bigint }[]>`
    SELECT p."userId" AS "userId", COUNT(DISTINCT p."torrentId") AS "seeding"
      FROM "Peer" p JOIN "Torrent" t ON t."id" = p."torrentId"
     WHERE p."userId" IN (${Prisma.join(userIds)}) AND p."seeder" = TRUE AND t."deletedAt" IS NULL
     GROUP BY p."userId"`;
  return new Map(rows.map((row) => [Number(row.userId), Number(row.seeding)]));
}

/** Each member's latest sample (highest id: samples are written in time order). */
async function lastSamples(userIds: readonly number[]): Promise<Map<number, number>> {
  const rows = await db().$queryRaw<{ userId: number | bigint; seeding: number | bigint }[]>`
    SELECT s."userId" AS "userId", s."seeding" AS "seeding" FROM "SeedingSample" s
     WHERE s."id" IN (SELECT MAX("id") FROM "SeedingSample" WHERE "userId" IN (${Prisma.join(userIds)}) GROUP BY "userId")`;
  return new Map(rows.map((row) => [Number(row.userId), Number(row.seeding)]));
}

/**
 * Deletes samples no average can need any more: those older than the 7-day window, except each member's latest
 * one before it, which supplies the count at the window's start. Samples are written in time order, so the
 * highest id is the latest. Deleted a slice at a time: a prune cut short leaves only old samples that the next
 * one deletes.
 */
export async function pruneSeedingSamples(options: { now: Date }): Promise<number> {
  const windowStart = new Date(options.now.getTime() - SEEDING_WINDOW_MS);
  const keep = await db().seedingSample.groupBy({ by: ['userId'], where: { at: { lt: windowStart } }, _max: { id: true } });
  const keepIds = new Set(keep.flatMap((row) => (row._max.id === null ? [] : [row._max.id])));
  const old = await db().seedingSample.findMany({ where: { at: { lt: windowStart } }, select: { id: true } });
  let deleted = 0;
  for (const ids of slices(old.map((row) => row.id).filter((id) => !keepIds.has(id)))) {
    deleted += (await db().seedingSample.deleteMany({ where: { id: { in: ids } } })).count;
  }
  return deleted;
}
