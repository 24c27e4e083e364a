import 'server-only';
import { db } from '@/lib/db/client';
import { nextTurn, SLICE } from '@/lib/db/slices';
import { dayOf } from '@/lib/history/days';
import { seedingNow } from '../ratio/seeding-samples';
import { siteCounts } from './site-counts';

export interface SnapshotResult {
  day: string;
  /** False when the day's snapshot was already complete: nothing was written. */
  taken: boolean;
  /** Member rows written (members whose figures changed since their previous row). */
  members: number;
}

interface MemberFigures {
  uploaded: bigint;
  downloaded: bigint;
  actualUploaded: bigint;
  actualDownloaded: bigint;
  seeding: number;
  requiredRatio: number;
}

/**
 * Records the day's history (the UTC day of `now`) once: a row per member whose figures differ from their latest
 * row (a member who never did anything gets none; readers carry a row forward over the days without one), then
 * the site's row, which marks the day complete. Run again the same day it does nothing; run again after a pass
 * that stopped half-way it writes only the members still missing. Runs in the ratio scheduler's process (one per
 * site: lib/shared-state/leader), a slice of members per turn of the event loop.
 */
export async function takeDailySnapshots(options: { now: Date }): Promise<SnapshotResult> {
  const day = dayOf(options.now);
  if (await db().siteSnapshot.findUnique({ where: { day }, select: { day: true } })) return { day, taken: false, members: 0 };
  let members = 0;
  let cursor = 0;
  for (;;) {
    const users = await db().user.findMany({
      where: { id: { gt: cursor } },
      orderBy: { id: 'asc' },
      take: SLICE,
      select: { id: true, uploaded: true, downloaded: true, requiredRatio: true },
    });
    if (users.length === 0) break;
    cursor = users[users.length - 1]!.id;
    members += await snapshotMembers(users, day);
    await nextTurn();
  }
  await db().siteSnapshot.create({ data: { day, takenAt: options.now, ...(await siteFigures()) } });
  return { day, taken: true, members };
}

async function snapshotMembers(users: { id: number; uploaded: bigint; downloaded: bigint; requiredRatio: number }[], day: string): Promise<number> {
  const ids = users.map((u) => u.id);
  const [actual, seeding, latest] = await Promise.all([
    db().userTorrent.groupBy({ by: ['userId'], where: { userId: { in: ids } }, _sum: { actualUploaded: true, actualDownloaded: true } }),
    seedingNow(ids),
    latestRows(ids, day),
  ]);
  const actualOf = new Map(actual.map((a) => [a.userId, a._sum]));
  const rows = users.flatMap((u) => {
    const figures: MemberFigures = {
      uploaded: u.uploaded,
      downloaded: u.downloaded,
      actualUploaded: actualOf.get(u.id)?.actualUploaded ?? 0n,
      actualDownloaded: actualOf.get(u.id)?.actualDownloaded ?? 0n,
      seeding: seeding.get(u.id) ?? 0,
      requiredRatio: u.requiredRatio,
    };
    const previous = latest.get(u.id);
    if (previous?.day === day) return [];
    if (!differs(figures, previous ?? null)) return [];
    return [{ userId: u.id, day, ...figures }];
  });
  if (rows.length > 0) await db().memberSnapshot.createMany({ data: rows });
  return rows.length;
}

/** Each member's latest row up to `day`. */
async function latestRows(ids: number[], day: string): Promise<Map<number, MemberFigures & { day: string }>> {
  const lasts = await db().memberSnapshot.groupBy({ by: ['userId'], where: { userId: { in: ids }, day: { lte: day } }, _max: { day: true } });
  const latest = new Map(lasts.flatMap((l) => (l._max.day === null ? [] : [[l.userId, l._max.day] as const])));
  if (latest.size === 0) return new Map();
  // The members' latest days are few: one query by member and day (a list of (member, day) pairs as an OR took
  // PostgreSQL about 0.4 s per slice of 400), keeping each member's row of their own latest day.
  const rows = await db().memberSnapshot.findMany({ where: { userId: { in: [...latest.keys()] }, day: { in: [...new Set(latest.values())] } } });
  return new Map(rows.filter((r) => latest.get(r.userId) === r.day).map((r) => [r.userId, r]));
}

/** Whether a member's figures need a row: they differ from the previous row, or (no row yet) are not all zero. */
function differs(now: MemberFigures, previous: MemberFigures | null): boolean {
  const base = previous ?? { uploaded: 0n, downloaded: 0n, actualUploaded: 0n, actualDownloaded: 0n, seeding: 0, requiredRatio: 0 };
  return now.uploaded !== base.uploaded || now.downloaded !== base.downloaded || now.actualUploaded !== base.actualUploaded
    || now.actualDownloaded !== base.actualDownloaded || now.seeding !== base.seeding || now.requiredRatio !== base.requiredRatio;
}

async function siteFigures() {
  const [counts, traffic] = await Promise.all([
    siteCounts(),
    db().userTorrent.aggregate({ _sum: { actualUploaded: true, actualDownloaded: true } }),
  ]);
  return { ...counts, uploaded: traffic._sum.actualUploaded ?? 0n, downloaded: traffic._sum.actualDownloaded ?? 0n };
}
