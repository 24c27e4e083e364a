import { peerEndpoint, type SwarmStore } from '@/lib/tracker';
import type { OpenConnection } from './database';
import { parseSqlDate } from './sql-values';

/**
 * Rebuilds the swarms and accounting baselines from the Peer table (and the history rows that keep the latest
 * state of a member's only peer, UserTorrent.lastPeerId in schema.prisma) at start, so after a crash or restart every
 * live peer continues exactly where its last acknowledged announce left it. Rows that cannot be a peer (bad
 * address, wrong id length) are skipped and reported; expiry deletes them later if they are stale.
 */
export function loadPeers(conn: OpenConnection, swarms: SwarmStore, log: (line: string) => void): number {
  let loaded = 0;
  for (const row of conn.sql.allPeers.iterate()) {
    const endpoint = peerEndpoint(row.ip, Number(row.port));
    const atMs = parseSqlDate(row.lastAnnounceAt);
    if (!endpoint.ok || row.peerId.length !== 20 || atMs === null) {
      log(`tracker: skipped unusable Peer row (torrent ${row.torrentId}, user ${row.userId})`);
      continue;
    }
    const torrentId = Number(row.torrentId);
    const userId = Number(row.userId);
    swarms.upsert(torrentId, {
      userId, peerId: new Uint8Array(row.peerId), endpoint: endpoint.value, left: row.left, nowMs: atMs,
      baseline: { uploaded: row.uploaded, downloaded: row.downloaded, atMs },
    });
    loaded++;
  }
  return loaded;
}
