import 'server-only';
import { db } from '@/lib/db/client';
import { SEEDING_WINDOW_MS } from '@/lib/ratio';

/**
 * Prisma binds at most 999 values per SQLite statement and does not split every query that would need more (a
 * groupBy over 10,000 members failed with "The query parameter limit supported by your database is exceeded"),
 * so member and row lists go to the database in slices of this many.
 */
const SLICE = 400;

function slices<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += SLICE) out.push(items.slice(i, i + SLICE));
  return out;
}

/**
 * Records how many distinct torrents (still on the site) each member seeds now, from the tracker's Peer table.
 * A sample is written only when the count differs from the member's last one: averageSeeding treats each sample
 * as holding until the next, so unchanged counts add nothing but rows. `userIds` limits the pass to those
 * members (the tracker reported activity); without it every member with peers or a non-zero last sample is
 * looked at. Returns the members whose count changed.
 */
export async function sampleSeeding(options: { now: Date; userIds?: readonly number[] }): Promise<number[]> {
  if (options.userIds?.length === 0) return [];
  if (options.userIds !== undefined && options.userIds.length > SLICE) {
    // Members are independent of each other: a slice at a time gives the same samples.
    const changed: number[] = [];
    for (const userIds of slices(options.userIds)) changed.push(...await sampleSeeding({ now: options.now, userIds }));
    return changed;
  }
  const only = options.userIds ? { userId: { in: [...options.userIds] } } : {};
  const [peers, lasts] = await Promise.all([
    db().peer.findMany({
      where: { ...only, seeder: true, torrent: { deletedAt: null } },
      select: { userId: true, torrentId: true },
      distinct: ['userId', 'torrentId'],
    }),
    lastSamples(options.userIds),
  ]);
  const current = new Map<number, number>();
  for (const peer of peers) current.set(peer.userId, (current.get(peer.userId) ?? 0) + 1);
  const users = new Set([...current.keys(), ...lasts.keys()]);
  const changed = [...users].filter((userId) => (current.get(userId) ?? 0) !== (lasts.get(userId) ?? 0));
  for (const userIds of slices(changed)) {
    await db().seedingSample.createMany({
      data: userIds.map((userId) => ({ userId, at: options.now, seeding: current.get(userId) ?? 0 })),
    });
  }
  return changed;
}

/** Each member's latest sample, for the members given (or all). */
async function lastSamples(userIds?: readonly number[]): Promise<Map<number, number>> {
  const latest = await db().seedingSample.groupBy({
    by: ['userId'],
    where: userIds ? { userId: { in: [...userIds] } } : {},
    _max: { id: true },
  });
  const ids = latest.flatMap((row) => (row._max.id === null ? [] : [row._max.id]));
  const found = new Map<number, number>();
  for (const slice of slices(ids)) {
    for (const row of await db().seedingSample.findMany({ where: { id: { in: slice } }, select: { userId: true, seeding: true } })) {
      found.set(row.userId, row.seeding);
    }
  }
  return found;
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
