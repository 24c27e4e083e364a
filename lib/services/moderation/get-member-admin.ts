import 'server-only';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { LAST_PEER, withLatestPeerState } from '../live-peers';
import { requireStaff } from './authorize';

/** Everything staff see about one member: stats, history per torrent, current peers, snatches, flags, audit. */
export async function getMemberAdmin(options: { actor: SessionUser; userId: number }) {
  requireStaff(options.actor);
  const user = await db().user.findUnique({
    where: { id: options.userId },
    select: {
      id: true, username: true, role: true, createdAt: true, uploaded: true, downloaded: true, bannedAt: true, banReason: true,
      invitesAvailable: true, invitedBy: { select: { username: true } },
      leechingDisabled: true, leechingDisabledReason: true, watchStartedAt: true, watchEndsAt: true, requiredRatio: true,
      totpEnabledAt: true,
    },
  });
  if (!user) throw new AppError('NOT_FOUND', { userMessage: 'No such member' });
  const [history, peers, flags, audit] = await Promise.all([
    db().userTorrent.findMany({
      where: { userId: user.id },
      orderBy: { lastAnnounceAt: 'desc' },
      take: 200,
      include: { torrent: { select: { id: true, title: true } } },
    }),
    db().peer.findMany({
      where: { userId: user.id },
      orderBy: { lastAnnounceAt: 'desc' },
      take: 100,
      select: {
        torrentId: true, userId: true, peerId: true, ip: true, port: true, client: true, seeder: true, left: true, lastAnnounceAt: true,
        torrent: { select: { title: true } },
      },
    }),
    db().cheatFlag.findMany({ where: { userId: user.id }, orderBy: { lastAt: 'desc' }, take: 100, include: { torrent: { select: { title: true } } } }),
    db().auditLog.findMany({ where: { targetUserId: user.id }, orderBy: { id: 'desc' }, take: 50, include: { actor: { select: { username: true } } } }),
  ]);
  const lastPeers = peers.length === 0 ? []
    : await db().userTorrent.findMany({ where: { userId: user.id, torrentId: { in: [...new Set(peers.map((p) => p.torrentId))] } }, select: LAST_PEER });
  // As the tracker last heard them, the most recent first.
  const live = withLatestPeerState(peers, lastPeers).sort((a, b) => b.lastAnnounceAt.getTime() - a.lastAnnounceAt.getTime());
  return {
    user: { ...user, invitedBy: user.invitedBy?.username ?? null, banned: user.bannedAt !== null },
    history: history.map((h) => ({
      torrentId: h.torrentId, title: h.torrent.title, actualUploaded: h.actualUploaded, actualDownloaded: h.actualDownloaded,
      creditedUploaded: h.creditedUploaded, creditedDownloaded: h.creditedDownloaded, seedTimeSeconds: h.seedTimeSeconds,
      firstAnnounceAt: h.firstAnnounceAt, lastAnnounceAt: h.lastAnnounceAt, completedAt: h.completedAt,
    })),
    peers: live.map((p) => ({
      torrentId: p.torrentId, ip: p.ip, port: p.port, client: p.client, seeder: p.seeder, left: p.left, lastAnnounceAt: p.lastAnnounceAt,
      title: p.torrent.title,
    })),
    flags: flags.map((f) => ({ id: f.id, kind: f.kind, details: f.details, count: f.count, createdAt: f.createdAt, lastAt: f.lastAt, torrentId: f.torrentId, title: f.torrent.title })),
    audit: audit.map((a) => ({ id: a.id, action: a.action, actor: a.actor?.username ?? 'system', before: a.before, after: a.after, reason: a.reason, createdAt: a.createdAt })),
  };
}
export type MemberAdminDto = Awaited<ReturnType<typeof getMemberAdmin>>;
