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
  const { swarms, settings } = ctx;
  const counts = swarms.counts(plan.torrentId);
  const stats = {
    interval: jitteredInterval(ctx.directory.siteRules().intervalSeconds ?? settings.intervalSeconds, ctx.random()),
    minInterval: settings.minIntervalSeconds,
    complete: counts.seeders,
    incomplete: counts.leechers,
    ...(plan.warning === undefined ? {} : { warning: plan.warning }),
  };
  const numwant = plan.withPeers ? a.numwant : 0;
  const select = { forUserId: plan.userId, isSeeder: a.left === 0n, numwant, family: 'ipv4' as const };
  if (a.compact) {
    const peers4 = swarms.selectPeers(plan.torrentId, select);
    const peers6 = swarms.selectPeers(plan.torrentId, { ...select, family: 'ipv6', numwant: numwant - peers4.length / 6 });
    return () => encodeAnnounce({ ...stats, downloaded: ctx.directory.snatches(plan.torrentId), peers4, peers6 });
  }
  const v4 = swarms.selectPeerDicts(plan.torrentId, select);
  const peers = v4.concat(swarms.selectPeerDicts(plan.torrentId, { ...select, family: 'ipv6', numwant: numwant - v4.length }));
  return () => encodeAnnounceDict({ ...stats, downloaded: ctx.directory.snatches(plan.torrentId), peers, noPeerId: a.noPeerId });
}
