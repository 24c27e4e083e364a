import 'server-only';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { addDays, dailyTraffic, dayOf } from '@/lib/history/days';
import type { HistoryPeriod } from '@/lib/validation/history';
import { siteCounts } from './site-counts';

export interface SiteHistory {
  /** The site now. */
  now: { members: number; torrents: number; seeders: number; leechers: number };
  /** The site at the start of each snapshotted day of the period, oldest first. */
  days: { day: string; members: number; torrents: number; seeders: number; leechers: number }[];
  /** Bytes members' clients reported per day (complete days only: a day's traffic is known at the next day's snapshot). */
  traffic: { day: string; uploaded: bigint; downloaded: bigint }[];
}

/** Site statistics for members (the site is private: visitors who are not logged in see none). */
export async function getSiteHistory(options: { actor: SessionUser; days: HistoryPeriod; now?: Date }): Promise<SiteHistory> {
  const last = dayOf(options.now ?? new Date());
  const first = addDays(last, -options.days);
  const [now, rows] = await Promise.all([
    siteCounts(),
    db().siteSnapshot.findMany({
      where: { day: { gte: first, lte: last } },
      orderBy: { day: 'asc' },
      select: { day: true, members: true, torrents: true, seeders: true, leechers: true, uploaded: true, downloaded: true },
    }),
  ]);
  // One day more than the period is read: its traffic needs the next day's totals.
  const inPeriod = rows.filter((r) => r.day > first);
  return {
    now,
    days: inPeriod.map(({ day, members, torrents, seeders, leechers }) => ({ day, members, torrents, seeders, leechers })),
    traffic: dailyTraffic(rows),
  };
}
