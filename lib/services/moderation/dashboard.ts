import 'server-only';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { requireStaff } from './authorize';

const DAY = 24 * 3600 * 1000;

/** Counts per UTC day for the last `days` days, oldest first, from ISO or Date timestamps. */
function perDay(dates: Date[], now: Date, days: number): { day: string; count: number }[] {
  const start = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - (days - 1) * DAY;
  const buckets = Array.from({ length: days }, (_, i) => ({ day: new Date(start + i * DAY).toISOString().slice(0, 10), count: 0 }));
  for (const d of dates) {
    const i = Math.floor((d.getTime() - start) / DAY);
    if (i >= 0 && i < days) buckets[i]!.count++;
  }
  return buckets;
}

/** The staff dashboard: the site now, and the last `days` days (default 30) of joins and uploads. */
export async function getDashboard(options: { actor: SessionUser; now?: Date; days?: number }) {
  requireStaff(options.actor);
  const now = options.now ?? new Date();
  const days = options.days ?? 30;
  const since = new Date(now.getTime() - days * DAY);
  const [members, banned, torrents, seeders, leechers, traffic, joins, uploads, flags] = await Promise.all([
    db().user.count(),
    db().user.count({ where: { bannedAt: { not: null } } }),
    db().torrent.count({ where: { deletedAt: null } }),
    db().peer.count({ where: { seeder: true } }),
    db().peer.count({ where: { seeder: false } }),
    db().user.aggregate({ _sum: { uploaded: true, downloaded: true } }),
    db().user.findMany({ where: { createdAt: { gte: since } }, select: { createdAt: true } }),
    db().torrent.findMany({ where: { createdAt: { gte: since } }, select: { createdAt: true } }),
    // Flags (one per member, torrent and kind) raised or raised again in the window.
    db().cheatFlag.count({ where: { lastAt: { gte: new Date(now.getTime() - 30 * DAY) } } }),
  ]);
  return {
    members,
    banned,
    torrents,
    seeders,
    leechers,
    uploaded: traffic._sum.uploaded ?? 0n,
    downloaded: traffic._sum.downloaded ?? 0n,
    flagsLast30Days: flags,
    joinsPerDay: perDay(joins.map((j) => j.createdAt), now, days),
    uploadsPerDay: perDay(uploads.map((u) => u.createdAt), now, days),
  };
}
