import 'server-only';
import { db } from '@/lib/db/client';

/** The site now: members (not banned), torrents on the site, and their seeders and leechers as the tracker counts them. */
export async function siteCounts(): Promise<{ members: number; torrents: number; seeders: number; leechers: number }> {
  const [members, torrents] = await Promise.all([
    db().user.count({ where: { bannedAt: null } }),
    db().torrent.aggregate({ where: { deletedAt: null }, _count: { _all: true }, _sum: { seeders: true, leechers: true } }),
  ]);
  return { members, torrents: torrents._count._all, seeders: torrents._sum.seeders ?? 0, leechers: torrents._sum.leechers ?? 0 };
}
