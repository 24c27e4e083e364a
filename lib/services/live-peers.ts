import 'server-only';

/**
 * Peer rows made current. While a member has only one peer on a torrent, the tracker keeps that peer's latest
 * `left` and announce time on the member's history row for the torrent and leaves the peer's own row alone
 * (schema.prisma, UserTorrent.lastPeerId): a Peer row's `left` and `lastAnnounceAt` may be older than what the
 * tracker last heard. Select LAST_PEER from the history rows of the same (member, torrent) pairs.
 */
export const LAST_PEER = {
  torrentId: true, userId: true, lastPeerId: true, lastPeerLeft: true, lastPeerUploaded: true, lastPeerDownloaded: true, lastAnnounceAt: true,
} as const;

interface HistoryLastPeer {
  torrentId: number;
  userId: number;
  lastPeerId: Uint8Array | null;
  lastPeerLeft: bigint | null;
  lastPeerUploaded: bigint | null;
  lastPeerDownloaded: bigint | null;
  lastAnnounceAt: Date;
}

interface PeerState {
  torrentId: number;
  userId: number;
  peerId: Uint8Array;
  left: bigint;
  lastAnnounceAt?: Date;
  uploaded?: bigint;
  downloaded?: bigint;
}

/**
 * Each peer with `left`, and `lastAnnounceAt`, `uploaded` and `downloaded` where it has them, taken from its
 * pair's history row where that row names it.
 */
export function withLatestPeerState<T extends PeerState>(peers: readonly T[], history: readonly HistoryLastPeer[]): T[] {
  const byPair = new Map(history.map((h) => [`${h.torrentId}:${h.userId}`, h]));
  return peers.map((p) => {
    const h = byPair.get(`${p.torrentId}:${p.userId}`);
    if (h === undefined || h.lastPeerId === null || h.lastPeerLeft === null || Buffer.compare(h.lastPeerId, p.peerId) !== 0) return p;
    const latest: T = { ...p, left: h.lastPeerLeft };
    if (p.lastAnnounceAt !== undefined) latest.lastAnnounceAt = h.lastAnnounceAt;
    if (p.uploaded !== undefined && h.lastPeerUploaded !== null) latest.uploaded = h.lastPeerUploaded;
    if (p.downloaded !== undefined && h.lastPeerDownloaded !== null) latest.downloaded = h.lastPeerDownloaded;
    return latest;
  });
}

interface HistorySpeed {
  lastAnnounceAt: Date;
  previousAnnounceAt: Date | null;
  lastAnnounceUploaded: bigint;
  lastAnnounceDownloaded: bigint;
}

/**
 * A peer's upload and download speed in bytes per second over its last two announces: what its latest announce
 * moved (as its member's history row on the torrent keeps it) over the time since the announce before. Null when
 * that is not this peer's to claim: the member has other peers on the torrent (the row sums them all), the
 * latest announce on the row is not this peer's, or the announce before came before this peer started (its
 * first announce measures nothing).
 */
export function peerSpeed(
  peer: { lastAnnounceAt: Date; startedAt: Date },
  history: HistorySpeed | undefined,
  peersOfMember: number,
): { upload: number; download: number } | null {
  if (history === undefined || history.previousAnnounceAt === null || peersOfMember !== 1) return null;
  if (history.lastAnnounceAt.getTime() !== peer.lastAnnounceAt.getTime() || history.previousAnnounceAt < peer.startedAt) return null;
  const seconds = (history.lastAnnounceAt.getTime() - history.previousAnnounceAt.getTime()) / 1000;
  if (seconds <= 0) return null;
  return { upload: Number(history.lastAnnounceUploaded) / seconds, download: Number(history.lastAnnounceDownloaded) / seconds };
}
