import type { AnnounceEvent } from './parse-announce';

/**
 * How an announce stands against the tracker's `min interval` (BEP 3 leaves the interval to the tracker; BEP 52
 * gives a hybrid torrent two info hashes, v1 and the truncated v2, which libtorrent announces back to back).
 *
 * - `first`: the tracker has no earlier announce of this peer;
 * - `on-time`: at least `min interval` after the peer's previous announce;
 * - `event`: `completed` or `stopped`, which a client sends when they happen;
 * - `after-empty-reply`: early, but the previous reply could carry peers and had none (the swarm had no one
 *   for this peer): a leecher that came first asks again and gets whoever arrived since;
 * - `other-hash`: early, but names the other hash of a hybrid torrent than the previous announce, which was
 *   itself on time: one announce per hash per interval;
 * - `too-soon`: any other early announce. It is counted like any other, but gets no peers and a warning.
 */
export type AnnounceTiming = 'first' | 'on-time' | 'event' | 'after-empty-reply' | 'other-hash' | 'too-soon';

/**
 * What the rule remembers of a peer's previous announce, packed in one byte of the peer's record (0 for a peer
 * just added, or read back after a restart: then nothing earlier is known, which never lets an announce through
 * that the rule would refuse).
 */
const VIA_V2 = 1;
const EARLY = 2;
const EMPTY_REPLY = 4;

export interface AnnounceTimingInput {
  /** The peer's previous announce (its accounting baseline's time), or null for a peer the tracker does not know. */
  previousAtMs: number | null;
  /** announceMemory() of that announce. */
  memory: number;
  nowMs: number;
  minIntervalMs: number;
  event: AnnounceEvent;
  /** This announce names a hybrid torrent's truncated v2 hash (false: the v1 hash, or a single-hash torrent's). */
  viaV2: boolean;
}

/** Judges one announce against the min interval (see AnnounceTiming); only `too-soon` withholds peers. */
export function judgeAnnounceTiming(input: AnnounceTimingInput): AnnounceTiming {
  if (input.previousAtMs === null) return 'first';
  if (input.event === 'completed' || input.event === 'stopped') return 'event';
  if (input.nowMs - input.previousAtMs >= input.minIntervalMs) return 'on-time';
  const memory = input.memory;
  if ((memory & EMPTY_REPLY) !== 0) return 'after-empty-reply';
  if (((memory & VIA_V2) !== 0) !== input.viaV2 && (memory & EARLY) === 0) return 'other-hash';
  return 'too-soon';
}

/**
 * The byte to remember of this announce: which hash it named, whether it came before the min interval (any
 * early announce, whatever its timing let through), and whether its reply could carry peers, was asked for some
 * and had none.
 */
export function announceMemory(timing: AnnounceTiming, viaV2: boolean, emptyReply: boolean): number {
  const early = timing === 'after-empty-reply' || timing === 'other-hash' || timing === 'too-soon';
  return (viaV2 ? VIA_V2 : 0) | (early ? EARLY : 0) | (emptyReply && timing !== 'too-soon' ? EMPTY_REPLY : 0);
}
