import { applyAnnounceCounters, compareBytes, type AnnounceRequest, type PeerState } from '@/lib/tracker';
import type { TrackerContext } from './context';
import type { TorrentInfo } from './directory';
import { NO_FLAGS, type AnnounceRecord } from './journal/records';
import { modeWithSiteRules } from './site-rules';

export interface AnnounceTarget {
  torrent: TorrentInfo;
  userId: number;
  ip: string;
  /** Compact endpoint from peerEndpoint; null when the peer is leaving. */
  endpoint: Uint8Array | null;
  /** The peer's slot, SwarmStore.find of this announce's torrent, member and peer_id (-1: a new peer). */
  slot: number;
  /** The announce's time (AnnounceCall.nowMs). */
  nowMs: number;
}

export interface AppliedAnnounce {
  /** null when there is nothing to store (a stopped peer the tracker did not know). */
  record: AnnounceRecord | null;
  /** The peer as it was before, for SwarmStore.restore if the journal write fails; null for a new peer. */
  before: PeerState | null;
  /** The baseline before this announce; null for a new peer. */
  previousAtMs: number | null;
  /** The peer's slot after this announce; -1 when it left. */
  slot: number;
  /** The torrent's seeders and leechers in memory right after this announce. */
  seeders: number;
  leechers: number;
}

/**
 * Applies one announce to memory (swarm and baseline) and describes the database change that must follow.
 * Credits come from applyAnnounceCounters; seed time is the time between two announces of a peer that was
 * seeding, in whole seconds of the clock (floor differences add up exactly over many announces).
 */
export function applyAnnounceToMemory(ctx: TrackerContext, a: AnnounceRequest, t: AnnounceTarget, leaving: boolean): AppliedAnnounce {
  const { swarms } = ctx;
  const torrentId = t.torrent.id;
  const nowMs = t.nowMs;
  const slot = t.slot;
  const stateBefore = slot === -1 ? null : swarms.state(slot, t.endpoint ?? undefined);
  const wasSeeder = stateBefore?.left === 0n;
  const before = stateBefore?.baseline ?? null;
  if (leaving && stateBefore === null) {
    return { record: null, before: null, previousAtMs: null, slot: -1, seeders: swarms.seeders(torrentId), leechers: swarms.leechers(torrentId) };
  }

  const otherLeechers = swarms.leechers(torrentId) - (stateBefore !== null && !wasSeeder ? 1 : 0);
  // Someone to upload to since the last announce: a leecher now, or one that announced or left meanwhile (a
  // leecher that finished within the interval is gone by the seeder's next announce). The peer's own announces
  // as a leecher are at its baseline's time, not after it.
  const hadLeechers = otherLeechers > 0 || (before !== null && swarms.leecherSeenMs(torrentId) > before.atMs);
  const outcome = applyAnnounceCounters({
    baseline: before, report: { uploaded: a.uploaded, downloaded: a.downloaded }, nowMs,
    maxBytesPerSecond: ctx.settings.maxBytesPerSecond,
    mode: modeWithSiteRules(t.torrent.mode, ctx.directory.siteRules(), nowMs), swarmHadLeechers: hadLeechers,
  });
  const seedSeconds = wasSeeder && before !== null
    ? Math.max(0, Math.floor(nowMs / 1000) - Math.floor(before.atMs / 1000)) : 0;

  let slotAfter = -1;
  if (leaving || t.endpoint === null) {
    swarms.remove(torrentId, t.userId, a.peerId, nowMs);
  } else {
    slotAfter = swarms.upsert(torrentId, { userId: t.userId, peerId: a.peerId, endpoint: t.endpoint, left: a.left, nowMs, baseline: outcome.baseline }, slot).slot;
  }
  const seeders = swarms.seeders(torrentId);
  const leechers = swarms.leechers(torrentId);
  // The Peer row already says what this announce says of the peer, apart from counters, `left` and time, and the
  // peer is its member's only one on the torrent: the fold writes the history row alone, which keeps those
  // (UserTorrent.lastPeerId in schema.prisma).
  const rowCurrent = stateBefore !== null && t.endpoint !== null && wasSeeder === (a.left === 0n)
    && compareBytes(stateBefore.endpoint, t.endpoint) === 0 && swarms.countForUser(torrentId, t.userId) === 1;
  const record: AnnounceRecord = {
    kind: 'announce', torrentId, userId: t.userId, peerId: a.peerId, atMs: nowMs, seeders, leechers,
    peer: leaving ? null : { ip: t.ip, port: a.port, uploaded: a.uploaded, downloaded: a.downloaded, left: a.left, rowCurrent },
    actualUploaded: outcome.actualUploaded, actualDownloaded: outcome.actualDownloaded,
    creditedUploaded: outcome.creditedUploaded, creditedDownloaded: outcome.creditedDownloaded,
    seedSeconds,
    completed: a.event === 'completed' && a.left === 0n && stateBefore !== null && !wasSeeder,
    flags: outcome.flags.length === 0 ? NO_FLAGS : outcome.flags.map((kind) => ({
      kind,
      details: JSON.stringify({
        reportedUploaded: String(a.uploaded - (before?.uploaded ?? 0n)),
        reportedDownloaded: String(a.downloaded - (before?.downloaded ?? 0n)),
        seconds: before === null ? 0 : (nowMs - before.atMs) / 1000,
      }),
    })),
  };
  return { record, before: stateBefore, previousAtMs: before?.atMs ?? null, slot: slotAfter, seeders, leechers };
}
