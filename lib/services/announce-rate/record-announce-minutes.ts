import 'server-only';
import { db } from '@/lib/db/client';

/** How long per-minute announce counts are kept. */
export const ANNOUNCE_MINUTES_KEPT_DAYS = 7;

/**
 * Adds the tracker's counts (minute start in epoch ms -> announces) to the stored minutes, and with `prune` drops
 * the minutes older than ANNOUNCE_MINUTES_KEPT_DAYS before `now`, in one transaction. Adding rather than setting
 * lets several trackers, or a tracker restarted within a minute, share a row.
 */
export async function recordAnnounceMinutes(options: { counts: ReadonlyMap<number, number>; now: Date; prune: boolean }): Promise<void> {
  const writes = [...options.counts].filter(([, n]) => n > 0).map(([ms, n]) => {
    const minute = new Date(ms);
    return db().announceMinute.upsert({ where: { minute }, create: { minute, announces: n }, update: { announces: { increment: n } } });
  });
  const cutoff = new Date(options.now.getTime() - ANNOUNCE_MINUTES_KEPT_DAYS * 86_400_000);
  const prune = options.prune ? [db().announceMinute.deleteMany({ where: { minute: { lt: cutoff } } })] : [];
  if (writes.length + prune.length === 0) return;
  await db().$transaction([...writes, ...prune]);
}
