import 'server-only';

/**
 * Peer rows made current. While a member has only one peer on a torrent, the tracker keeps that peer's latest
 * `left` and announce time on the member's history row for the torrent and leaves the peer's own row alone
 * (schema.prisma, UserTorrent.lastPeerId): a Peer row's `left` and `lastAnnounceAt` may be older than what the
 * tracker last heard. Select LAST_PEER from the history rows of the same (member, torrent) pairs.
 */
export const LAST_PEER = { torrentId: true, userId: true, lastPeerId: true, lastPeerLeft: true, lastAnnounceAt: true } as const;

interface HistoryLastPeer {
  torrentId: number;
  userId: number;
  lastPeerId: Uint8Array | null;
  lastPeerLeft: bigint | null;
  lastAnnounceAt: Date;
}

interface PeerState {
  torrentId: number;
  userId: number;
  peerId: Uint8Array;
  left: bigint;
  lastAnnounceAt?: Date;
}

/** Each peer with `left` and `lastAnnounceAt` taken from its pair's history row where that row names it. */
export function withLatestPeerState<T extends PeerState>(peers: readonly T[], history: readonly HistoryLastPeer[]): T[] {
  const byPair = new Map(history.map((h) => [`${h.torrentId}:${h.userId}`, h]));
  return peers.map((p) => {
    const h = byPair.get(`${p.torrentId}:${p.userId}`);
    if (h === undefined || h.lastPeerId === null || h.lastPeerLeft === null || Buffer.compare(h.lastPeerId, p.peerId) !== 0) return p;
    return p.lastAnnounceAt === undefined ? { ...p, left: h.lastPeerLeft } : { ...p, left: h.lastPeerLeft, lastAnnounceAt: h.lastAnnounceAt };
  });
}
