import { describe, expect, it } from 'vitest';
import { announceMemory, judgeAnnounceTiming, SwarmStore, type AnnounceTiming } from '@/lib/tracker';
import type { AnnounceEvent } from '@/lib/tracker';

const MIN = 300_000;
const AT = 1_000_000;

/** The memory of a previous announce, as announceMemory() wrote it. */
function previous(timing: AnnounceTiming, viaV2: boolean, emptyReply: boolean): number {
  return announceMemory(timing, viaV2, emptyReply);
}

describe('judgeAnnounceTiming: which announces sooner than min interval still get peers', () => {
  const onTimeWithPeers = previous('on-time', false, false);
  const onTimeEmpty = previous('on-time', false, true);
  it.each<[string, number | null, number, number, AnnounceEvent, boolean, AnnounceTiming]>([
    // [case, previous announce at, its memory, now, event, via v2, expected]
    ['a peer the tracker has not seen', null, 0, AT, 'started', false, 'first'],
    ['exactly min interval later', AT, onTimeWithPeers, AT + MIN, 'none', false, 'on-time'],
    ['long after', AT, onTimeWithPeers, AT + 6 * MIN, 'none', false, 'on-time'],
    ['early after a reply with peers: hammering', AT, onTimeWithPeers, AT + MIN - 1, 'none', false, 'too-soon'],
    ['early, started again', AT, onTimeWithPeers, AT + 5_000, 'started', false, 'too-soon'],
    ['early completed', AT, onTimeWithPeers, AT + 5_000, 'completed', false, 'event'],
    ['early stopped', AT, onTimeWithPeers, AT + 5_000, 'stopped', false, 'event'],
    ['early after a reply that had no peers for it', AT, onTimeEmpty, AT + 5_000, 'none', false, 'after-empty-reply'],
    ['early again after a second empty reply', AT, previous('after-empty-reply', false, true), AT + 5_000, 'none', false, 'after-empty-reply'],
    ['early after the empty-reply announce got peers', AT, previous('after-empty-reply', false, false), AT + 5_000, 'none', false, 'too-soon'],
    ['early after a too-soon reply (no peers because withheld)', AT, previous('too-soon', false, true), AT + 5_000, 'none', false, 'too-soon'],
    ['a hybrid’s v2 hash right after its on-time v1 announce', AT, onTimeWithPeers, AT + 50, 'started', true, 'other-hash'],
    ['a hybrid’s v1 hash right after its on-time v2 announce', AT, previous('on-time', true, false), AT + 50, 'none', false, 'other-hash'],
    ['a hybrid’s v2 hash after a first v1 announce', AT, previous('first', false, false), AT + 50, 'started', true, 'other-hash'],
    ['the same hash again right after', AT, previous('on-time', true, false), AT + 50, 'none', true, 'too-soon'],
    ['alternating hashes: back to v1 right after the early v2', AT, previous('other-hash', true, false), AT + 50, 'none', false, 'too-soon'],
    ['alternating hashes after a too-soon announce', AT, previous('too-soon', false, false), AT + 50, 'none', true, 'too-soon'],
    ['a hybrid in an empty swarm: v2 after an empty v1 reply', AT, previous('first', false, true), AT + 50, 'started', true, 'after-empty-reply'],
  ])('%s', (_case, previousAtMs, memory, nowMs, event, viaV2, expected) => {
    expect(judgeAnnounceTiming({ previousAtMs, memory, nowMs, minIntervalMs: MIN, event, viaV2 })).toBe(expected);
  });

  it('forgets an empty reply once an announce is withheld: a withheld reply is not a swarm without peers', () => {
    expect(announceMemory('too-soon', false, true)).toBe(announceMemory('too-soon', false, false));
  });

  it('starts a new peer, and a peer read back after a restart, with a memory that lets nothing early through', () => {
    const store = new SwarmStore();
    const { slot } = store.upsert(1, { userId: 1, peerId: new Uint8Array(20), endpoint: new Uint8Array(6).fill(1), left: 5n, nowMs: AT });
    expect(store.announceMemory(slot)).toBe(0);
    expect(judgeAnnounceTiming({ previousAtMs: AT, memory: 0, nowMs: AT + 5_000, minIntervalMs: MIN, event: 'none', viaV2: false })).toBe('too-soon');
  });
});
