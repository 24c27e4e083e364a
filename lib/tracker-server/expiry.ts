import type { TrackerContext } from './context';

/**
 * Drops peers silent for longer than the expiry (two intervals by default) from memory and journals the deletion
 * of their rows with the next batch, which also rewrites their torrents' seeder/leecher counts. If that batch
 * fails, the peers are put back, so memory keeps matching the Peer table. Returns how many peers expired.
 */
export function expireStalePeers(ctx: TrackerContext): number {
  // An admin may lengthen the announce interval at run time: never expire peers that are merely on schedule.
  const siteInterval = ctx.directory.siteRules().intervalSeconds ?? 0;
  const expirySeconds = Math.max(ctx.settings.peerExpirySeconds, 2 * siteInterval);
  const nowMs = ctx.now();
  const expired = ctx.swarms.expire(nowMs, expirySeconds * 1000);
  for (const peer of expired) {
    ctx.batch.submit({
      record: { kind: 'expire', torrentId: peer.torrentId, userId: peer.userId, peerId: peer.peerId, atMs: nowMs, ...ctx.swarms.counts(peer.torrentId) },
      undo: () => ctx.swarms.restore(peer.torrentId, peer.userId, peer.peerId, peer),
      settle: () => {},
    });
  }
  return expired.length;
}
