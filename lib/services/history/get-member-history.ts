import 'server-only';
import { isStaff } from '@/lib/auth/roles';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { addDays, dayOf, fillForward, ratioOf } from '@/lib/history/days';
import type { HistoryPeriod } from '@/lib/validation/history';
import { latestSnapshotDay } from './latest-snapshot-day';

export interface MemberHistoryPoint {
  day: string;
  uploaded: bigint;
  downloaded: bigint;
  actualUploaded: bigint;
  actualDownloaded: bigint;
  seeding: number;
  /** Null while nothing was downloaded. */
  ratio: number | null;
  requiredRatio: number;
}

/**
 * A member's figures at the start of each day of the last `days` days (up to the latest day snapshotted), from
 * the daily snapshots: staff adjustments included, days without a row carried forward. Only the member and
 * staff see it, as with the member's activity. Null for anyone else.
 */
export async function getMemberHistory(options: { actor: SessionUser; userId: number; days: HistoryPeriod; now?: Date }): Promise<MemberHistoryPoint[] | null> {
  if (options.actor.id !== options.userId && !isStaff(options.actor.role)) return null;
  const last = await latestSnapshotDay(dayOf(options.now ?? new Date()));
  if (last === null) return [];
  const first = addDays(last, -(options.days - 1));
  const select = { day: true, uploaded: true, downloaded: true, actualUploaded: true, actualDownloaded: true, seeding: true, requiredRatio: true } as const;
  const [before, rows] = await Promise.all([
    db().memberSnapshot.findFirst({ where: { userId: options.userId, day: { lt: first } }, orderBy: { day: 'desc' }, select }),
    db().memberSnapshot.findMany({ where: { userId: options.userId, day: { gte: first, lte: last } }, orderBy: { day: 'asc' }, select }),
  ]);
  return fillForward(before ? [before, ...rows] : rows, first, last).map((p) => ({ ...p, ratio: ratioOf(p.uploaded, p.downloaded) }));
}
