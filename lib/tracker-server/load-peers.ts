import { peerEndpoint, type SwarmStore } from '@/lib/tracker';
import type { PeerRecord } from './store/types';

/**
 * Rebuilds the swarms and accounting baselines from the Peer table (and the history rows that keep the latest
 * state of a member's only peer, UserTorrent.lastPeerId in schema.prisma) at start, so after a crash or restart every
 * live peer continues exactly where its last acknowledged announce left it. Rows that cannot be a peer (bad
 * address, wrong id length) are skipped and reported; expiry deletes them later if they are stale.
 */
export function loadPeers(peers: Iterable<PeerRecord>, swarms: SwarmStore, log: (line: string) => void): number {
  let loaded = 0;
  for (const row of peers) {
    const endpoint = peerEndpoint(row.ip, row.port);
    const atMs = row.lastAnnounceAtMs;
    if (!endpoint.ok || row.peerId.length !== 20 || atMs === null) {
      log(`tracker: skipped unusable Peer row (torrent ${row.torrentId}, user ${row.userId})`);
      continue;
    }
    swarms.upsert(row.torrentId, {
      userId: row.userId, peerId: new Uint8Array(row.peerId), endpoint: endpoint.value, left: row.left, nowMs: atMs,
      baseline: { uploaded: row.uploaded, downloaded: row.downloaded, atMs },
    });
    loaded++;
  }
  return loaded;
}
