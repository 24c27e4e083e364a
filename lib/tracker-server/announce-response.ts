import { encodeAnnounce, encodeAnnounceDict, jitteredInterval, type AnnounceRequest } from '@/lib/tracker';
import type { TrackerContext } from './context';

export interface ResponsePlan {
  torrentId: number;
  userId: number;
  /** Whether to include peers at all (false for stopped, too-soon and refused announces). */
  withPeers: boolean;
  warning?: string;
}

/**
 * Builds the announce body from the in-memory swarm. Called right after the request changed memory, so the
 * peers and counts are what this request saw; `downloaded` is read when the body is built, after the commit
 * that may have added this very snatch.
 */
export function buildAnnounceBody(ctx: TrackerContext, a: AnnounceRequest, plan: ResponsePlan): () => Uint8Array {
  const { swarms, settings, directory } = ctx;
  const counts = swarms.counts(plan.torrentId);
  const interval = jitteredInterval(directory.siteRules().intervalSeconds ?? settings.intervalSeconds, ctx.random());
  const numwant = plan.withPeers ? a.numwant : 0;
  const select = { forUserId: plan.userId, isSeeder: a.left === 0n, numwant, family: 'ipv4' as 'ipv4' | 'ipv6' };
  const torrentId = plan.torrentId;
  const warning = plan.warning;
  if (a.compact) {
    const peers4 = swarms.selectPeers(torrentId, select);
    select.family = 'ipv6';
    select.numwant = numwant - peers4.length / 6;
    const peers6 = swarms.selectPeers(torrentId, select);
    return () => encodeAnnounce({
      interval, minInterval: settings.minIntervalSeconds, complete: counts.seeders, incomplete: counts.leechers,
      downloaded: directory.snatches(torrentId), warning, peers4, peers6,
    });
  }
  const v4 = swarms.selectPeerDicts(torrentId, select);
  select.family = 'ipv6';
  select.numwant = numwant - v4.length;
  const peers = v4.concat(swarms.selectPeerDicts(torrentId, select));
  return () => encodeAnnounceDict({
    interval, minInterval: settings.minIntervalSeconds, complete: counts.seeders, incomplete: counts.leechers,
    downloaded: directory.snatches(torrentId), warning, peers, noPeerId: a.noPeerId,
  });
}
