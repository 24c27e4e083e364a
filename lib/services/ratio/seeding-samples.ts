import 'server-only';
import { db } from '@/lib/db/client';
import { SEEDING_WINDOW_MS } from '@/lib/ratio';

/**
 * Records how many distinct torrents (still on the site) each member seeds now, from the tracker's Peer table.
 * A sample is written only when the count differs from the member's last one: averageSeeding treats each sample
 * as holding until the next, so unchanged counts add nothing but rows. `userIds` limits the pass to those
 * members (the tracker reported activity); without it every member with peers or a non-zero last sample is
 * looked at. Returns the members whose count changed.
 */
export async function sampleSeeding(options: { now: Date; userIds?: readonly number[] }): Promise<number[]> {
  const only = options.userIds ? { userId: { in: [...options.userIds] } } : {};
  if (options.userIds?.length === 0) return [];
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
  if (changed.length > 0) {
    await db().seedingSample.createMany({
      data: changed.map((userId) => ({ userId, at: options.now, seeding: current.get(userId) ?? 0 })),
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
  const rows = await db().seedingSample.findMany({ where: { id: { in: ids } }, select: { userId: true, seeding: true } });
  return new Map(rows.map((row) => [row.userId, row.seeding]));
}

/**
 * Deletes samples no average can need any more: those older than the 7-day window, except each member's latest
 * one before it, which supplies the count at the window's start. Samples are written in time order, so the
 * highest id is the latest.
 */
export async function pruneSeedingSamples(options: { now: Date }): Promise<number> {
  const windowStart = new Date(options.now.getTime() - SEEDING_WINDOW_MS);
  const keep = await db().seedingSample.groupBy({ by: ['userId'], where: { at: { lt: windowStart } }, _max: { id: true } });
  const keepIds = keep.flatMap((row) => (row._max.id === null ? [] : [row._max.id]));
  const deleted = await db().seedingSample.deleteMany({ where: { at: { lt: windowStart }, id: { notIn: keepIds } } });
  return deleted.count;
}
