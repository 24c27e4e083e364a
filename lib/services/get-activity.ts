import 'server-only';
import { isStaff } from '@/lib/auth/roles';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { PRIVACY_SELECT, privacyOf, visibleParts } from './privacy/profile-privacy';
import { LAST_PEER, withLatestPeerState } from './live-peers';

export interface ActivityDto {
  seeding: { torrentId: number; title: string }[];
  leeching: { torrentId: number; title: string; left: bigint }[];
  snatched: { torrentId: number; title: string; completedAt: Date }[];
}

/**
 * What a member seeds, leeches and has snatched. The member and staff see it; other members only when the
 * member's paranoia setting shows it (by default it does not: others cannot tell what someone downloads).
 * Null when the actor may not see it.
 */
export async function getActivity(options: { actor: SessionUser; userId: number }): Promise<ActivityDto | null> {
  if (options.actor.id !== options.userId && !isStaff(options.actor.role)) {
    const owner = await db().user.findUnique({ where: { id: options.userId }, select: PRIVACY_SELECT });
    if (!owner || !visibleParts(options.actor, options.userId, privacyOf(owner)).activity) return null;
  }
  const [peers, history] = await Promise.all([
    db().peer.findMany({
      where: { userId: options.userId },
      select: { torrentId: true, userId: true, peerId: true, seeder: true, left: true, torrent: { select: { title: true } } },
    }),
    db().userTorrent.findMany({
      where: { userId: options.userId },
      orderBy: { lastAnnounceAt: 'desc' },
      take: 500,
      select: { torrentId: true, completedAt: true, torrent: { select: { title: true, deletedAt: true } } },
    }),
  ]);
  const leechingIds = [...new Set(peers.filter((p) => !p.seeder).map((p) => p.torrentId))];
  const lastPeers = leechingIds.length === 0 ? []
    : await db().userTorrent.findMany({ where: { userId: options.userId, torrentId: { in: leechingIds } }, select: LAST_PEER });
  const live = withLatestPeerState(peers, lastPeers);
  const unique = <T extends { torrentId: number }>(rows: T[]) => [...new Map(rows.map((r) => [r.torrentId, r])).values()];
  return {
    seeding: unique(live.filter((p) => p.seeder).map((p) => ({ torrentId: p.torrentId, title: p.torrent.title }))),
    leeching: unique(live.filter((p) => !p.seeder).map((p) => ({ torrentId: p.torrentId, title: p.torrent.title, left: p.left }))),
    snatched: history
      .filter((h) => h.completedAt && !h.torrent.deletedAt)
      .map((h) => ({ torrentId: h.torrentId, title: h.torrent.title, completedAt: h.completedAt! })),
  };
}
