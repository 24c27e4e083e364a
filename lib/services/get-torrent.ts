import 'server-only';
import { isStaff } from '@/lib/auth/roles';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { LAST_PEER, peerSpeed, withLatestPeerState } from './live-peers';
import { mayModerateTorrent } from './moderation/authorize';

export interface PeerDto {
  client: string;
  progress: number;
  /** The member's actual bytes on this torrent, all sessions (UserTorrent). */
  ratio: { uploaded: bigint; downloaded: bigint };
  seeder: boolean;
  /** What the client reported at its last announce: its counters for this session (BEP 3), as UNIT3D shows them. */
  uploaded: bigint;
  downloaded: bigint;
  /** Bytes per second over the client's last two announces (peerSpeed); null when not measurable. */
  speed: { upload: number; download: number } | null;
  lastAnnounceAt: Date;
  /** Staff only. */
  username?: string;
  ip?: string;
  port?: number;
}

export interface TorrentDetailsDto {
  id: number;
  title: string;
  name: string;
  description: string;
  version: string;
  size: bigint;
  pieceLength: number;
  infoHashV1: string | null;
  infoHashV2: string | null;
  category: { name: string; slug: string; id: number };
  uploader: string;
  uploaderId: number;
  createdAt: Date;
  seeders: number;
  leechers: number;
  snatches: number;
  freeleech: boolean;
  neutral: boolean;
  doubleUpload: boolean;
  tags: string[];
  files: { path: string[]; size: bigint }[];
  peers: PeerDto[];
  /**
   * Who completed the torrent and when: staff only (null for members, who see the count alone), as on Gazelle.
   * The same rule holds on profiles (getActivity) and in the JSON API.
   */
  snatchList: { username: string; completedAt: Date }[] | null;
  /** When the viewer completed this torrent, if they did. */
  snatchedByViewerAt: Date | null;
  /** Staff only: what the tracker counted across all members on this torrent. */
  balance: TorrentBalanceDto | null;
  canEdit: boolean;
  canDelete: boolean;
  /** Staff only (members get "No such torrent"): when, by whom (from the audit log) and why it was deleted. */
  deleted: { at: Date; by: string | null; reason: string } | null;
}

/** Who deleted a torrent: deleteTorrent's audit entry, whose `before` starts with the torrent's id. */
async function deletedBy(torrentId: number, uploaderId: number): Promise<string | null> {
  const entry = await db().auditLog.findFirst({
    where: { action: 'torrent.delete', targetUserId: uploaderId, before: { startsWith: `{"torrentId":${torrentId},` } },
    orderBy: { id: 'desc' },
    select: { actor: { select: { username: true } } },
  });
  return entry?.actor?.username ?? null;
}

/**
 * Reported uploads and downloads across every member's history on a torrent. Each byte one member uploads another
 * downloads, so on a private tracker the two should come out close: `balance` (actual uploaded minus actual
 * downloaded, as the tracker adds it up at every announce, Torrent.balance) far from zero hints at a client
 * reporting what did not happen.
 */
export interface TorrentBalanceDto {
  actualUploaded: bigint;
  actualDownloaded: bigint;
  creditedUploaded: bigint;
  creditedDownloaded: bigint;
  balance: bigint;
}

/**
 * Everything the torrent page shows. Members see peers' client, progress, amounts, speeds and ratio, and the
 * count of snatches; staff also who and where, who snatched, and the torrent's balance.
 */
export async function getTorrent(options: { actor: SessionUser; id: number }): Promise<TorrentDetailsDto> {
  const staff = isStaff(options.actor.role);
  const t = await db().torrent.findUnique({
    where: { id: options.id },
    include: {
      category: { select: { id: true, name: true, slug: true } },
      uploader: { select: { id: true, username: true, role: true } },
      tags: { select: { tag: { select: { name: true } } } },
      files: { orderBy: { position: 'asc' }, select: { path: true, size: true } },
      peers: {
        orderBy: [{ seeder: 'desc' }, { lastAnnounceAt: 'desc' }],
        take: 200,
        select: {
          client: true, left: true, seeder: true, userId: true, torrentId: true, peerId: true, lastAnnounceAt: true, ip: true, port: true,
          uploaded: true, downloaded: true, startedAt: true, user: { select: { username: true } },
        },
      },
      // Who snatched is for staff; a member reads only their own row (snatchedByViewerAt).
      history: {
        where: staff ? { completedAt: { not: null } } : { completedAt: { not: null }, userId: options.actor.id },
        orderBy: { completedAt: 'desc' },
        take: 200,
        select: { completedAt: true, userId: true, user: { select: { username: true } } },
      },
    },
  });
  if (!t || (t.deletedAt && !staff)) throw new AppError('NOT_FOUND', { userMessage: 'No such torrent' });
  const [stats, sums] = await Promise.all([
    db().userTorrent.findMany({
      where: { torrentId: t.id, userId: { in: t.peers.map((p) => p.userId) } },
      select: {
        ...LAST_PEER, actualUploaded: true, actualDownloaded: true, previousAnnounceAt: true, lastAnnounceUploaded: true, lastAnnounceDownloaded: true,
      },
    }),
    staff ? torrentSums(t.id) : null,
  ]);
  const byUser = new Map(stats.map((s) => [s.userId, s]));
  const peersOf = new Map<number, number>();
  for (const p of t.peers) peersOf.set(p.userId, (peersOf.get(p.userId) ?? 0) + 1);
  const own = t.history.find((h) => h.userId === options.actor.id);
  // Seeders first, then the most recent announce first, as the tracker last heard them.
  const peers = withLatestPeerState(t.peers, stats)
    .sort((a, b) => Number(b.seeder) - Number(a.seeder) || b.lastAnnounceAt.getTime() - a.lastAnnounceAt.getTime());
  return {
    id: t.id,
    title: t.title,
    name: t.name,
    description: t.description,
    version: t.version,
    size: t.size,
    pieceLength: t.pieceLength,
    infoHashV1: t.infoHashV1,
    infoHashV2: t.infoHashV2,
    category: t.category,
    uploader: t.uploader.username,
    uploaderId: t.uploaderId,
    createdAt: t.createdAt,
    seeders: t.seeders,
    leechers: t.leechers,
    snatches: t.snatches,
    freeleech: t.freeleech,
    neutral: t.neutral,
    doubleUpload: t.doubleUpload,
    tags: t.tags.map((x) => x.tag.name).sort(),
    files: t.files.map((f) => ({ path: f.path.split('/'), size: f.size })),
    peers: peers.map((p) => {
      const s = byUser.get(p.userId);
      const progress = t.size === 0n ? 1 : Number(((t.size - p.left) * 1000n) / t.size) / 1000;
      const dto: PeerDto = {
        client: p.client,
        progress: Math.max(0, Math.min(1, progress)),
        ratio: { uploaded: s?.actualUploaded ?? 0n, downloaded: s?.actualDownloaded ?? 0n },
        seeder: p.seeder,
        uploaded: p.uploaded,
        downloaded: p.downloaded,
        speed: peerSpeed(p, s, peersOf.get(p.userId) ?? 0),
        lastAnnounceAt: p.lastAnnounceAt,
      };
      return staff ? { ...dto, username: p.user.username, ip: p.ip, port: p.port } : dto;
    }),
    snatchList: staff ? t.history.map((h) => ({ username: h.user.username, completedAt: h.completedAt! })) : null,
    snatchedByViewerAt: own?.completedAt ?? null,
    balance: sums === null ? null : { ...sums, balance: t.balance },
    canEdit: !t.deletedAt && (t.uploaderId === options.actor.id || mayModerateTorrent(options.actor, t.uploader)),
    canDelete: !t.deletedAt && mayModerateTorrent(options.actor, t.uploader),
    deleted: t.deletedAt ? { at: t.deletedAt, by: await deletedBy(t.id, t.uploaderId), reason: t.deleteReason ?? '' } : null,
  };
}

async function torrentSums(torrentId: number): Promise<Omit<TorrentBalanceDto, 'balance'>> {
  const { _sum: sum } = await db().userTorrent.aggregate({
    where: { torrentId },
    _sum: { actualUploaded: true, actualDownloaded: true, creditedUploaded: true, creditedDownloaded: true },
  });
  return {
    actualUploaded: sum.actualUploaded ?? 0n,
    actualDownloaded: sum.actualDownloaded ?? 0n,
    creditedUploaded: sum.creditedUploaded ?? 0n,
    creditedDownloaded: sum.creditedDownloaded ?? 0n,
  };
}
