import { binaryStringToBytes, bytesToBinaryString } from './bytes';
import type { DictPeer } from './encode-announce';
import { compactEndpoints, endpointAddress, endpointPort, pickPeers, type SelectOptions } from './peer-selection';
import { LEECHERS4, LEECHERS6, SEEDERS4, SEEDERS6, Swarm, SwarmPeer } from './swarm';

const ZERO = 0n;

export interface PeerInput {
  userId: number;
  /** 20 bytes (copied). */
  peerId: Uint8Array;
  /** 6 or 18 bytes from peerEndpoint (copied). */
  endpoint: Uint8Array;
  /** 0 makes the peer a seeder. */
  left: bigint;
  nowMs: number;
}

/** A copy of one stored peer. */
export interface PeerSnapshot {
  userId: number;
  peerId: Uint8Array;
  endpoint: Uint8Array;
  seeder: boolean;
  left: bigint;
  lastSeenMs: number;
}

export interface ExpiredPeer extends PeerSnapshot {
  torrentId: number;
}

export interface UpsertResult {
  created: boolean;
  /** Seeder state before this announce; null when the peer is new. */
  wasSeeder: boolean | null;
}

/**
 * In-memory swarms keyed by torrent id, each holding peers keyed by (user id, peer_id). Ids and endpoints
 * are validated upstream (parseAnnounce, peerEndpoint); a wrong length here is a bug and throws.
 */
export class SwarmStore {
  private readonly swarms = new Map<number, Swarm>();
  private peerCount = 0;

  /** `random` returns [0, 1); injectable so tests can pin peer rotation. */
  constructor(private readonly random: () => number = Math.random) {}

  upsert(torrentId: number, input: PeerInput): UpsertResult {
    if (input.peerId.length !== 20) throw new RangeError('peerId must be 20 bytes');
    if (input.endpoint.length !== 6 && input.endpoint.length !== 18) throw new RangeError('endpoint must be 6 or 18 bytes');
    let swarm = this.swarms.get(torrentId);
    if (swarm === undefined) {
      swarm = new Swarm();
      this.swarms.set(torrentId, swarm);
    }
    const endpoint = bytesToBinaryString(input.endpoint);
    // Seeders share one zero instead of each holding its own parsed BigInt.
    const left = input.left === 0n ? ZERO : input.left;
    const existing = swarm.find(input.userId, input.peerId);
    if (existing !== null) {
      const wasSeeder = existing.left === 0n;
      swarm.update(existing, endpoint, left);
      existing.lastSeenMs = input.nowMs;
      return { created: false, wasSeeder };
    }
    swarm.add(new SwarmPeer(input.userId, bytesToBinaryString(input.peerId), endpoint, left, input.nowMs, 0, null));
    this.peerCount++;
    return { created: true, wasSeeder: null };
  }

  /** Removes one peer (event=stopped); returns what was removed, or null if it was not there. */
  remove(torrentId: number, userId: number, peerId: Uint8Array): PeerSnapshot | null {
    const swarm = this.swarms.get(torrentId);
    const peer = swarm?.find(userId, peerId) ?? null;
    if (swarm === undefined || peer === null) return null;
    this.drop(torrentId, swarm, peer);
    return snapshot(peer);
  }

  get(torrentId: number, userId: number, peerId: Uint8Array): PeerSnapshot | null {
    const peer = this.swarms.get(torrentId)?.find(userId, peerId) ?? null;
    return peer === null ? null : snapshot(peer);
  }

  counts(torrentId: number): { seeders: number; leechers: number } {
    const s = this.swarms.get(torrentId);
    if (s === undefined) return { seeders: 0, leechers: 0 };
    return { seeders: s.count(SEEDERS4) + s.count(SEEDERS6), leechers: s.count(LEECHERS4) + s.count(LEECHERS6) };
  }

  /** How many peers this member has in the swarm, for a per-member connection limit. */
  countForUser(torrentId: number, userId: number): number {
    return this.swarms.get(torrentId)?.countForUser(userId) ?? 0;
  }

  /** Compact peers of one family for an announce response; see pickPeers for the rules. */
  selectPeers(torrentId: number, options: SelectOptions): Uint8Array {
    const swarm = this.swarms.get(torrentId);
    if (swarm === undefined || options.numwant <= 0) return new Uint8Array(0);
    return compactEndpoints(pickPeers(swarm, options, this.random), options.family === 'ipv6' ? 18 : 6);
  }

  /** The same selection for the non-compact response; peer ids are included (the encoder drops them on no_peer_id). */
  selectPeerDicts(torrentId: number, options: SelectOptions): DictPeer[] {
    const swarm = this.swarms.get(torrentId);
    if (swarm === undefined || options.numwant <= 0) return [];
    return pickPeers(swarm, options, this.random).map((p) => ({
      ip: endpointAddress(p.endpoint),
      port: endpointPort(p.endpoint),
      peerId: binaryStringToBytes(p.peerId),
    }));
  }

  /**
   * Drops every peer last seen more than `maxAgeMs` before `nowMs` (callers pass two announce intervals) and
   * returns them, so the server can persist their final state. O(all peers): run it periodically, not per request.
   */
  expire(nowMs: number, maxAgeMs: number): ExpiredPeer[] {
    const cutoff = nowMs - maxAgeMs;
    const dropped: ExpiredPeer[] = [];
    for (const [torrentId, swarm] of this.swarms) {
      for (const head of [...swarm.byUser.values()]) {
        for (let p: SwarmPeer | null = head; p !== null; ) {
          const next: SwarmPeer | null = p.nextOfUser;
          if (p.lastSeenMs < cutoff) {
            dropped.push({ torrentId, ...snapshot(p) });
            this.drop(torrentId, swarm, p);
          }
          p = next;
        }
      }
    }
    return dropped;
  }

  get stats(): { torrents: number; peers: number } {
    return { torrents: this.swarms.size, peers: this.peerCount };
  }

  private drop(torrentId: number, swarm: Swarm, peer: SwarmPeer): void {
    swarm.delete(peer);
    this.peerCount--;
    if (swarm.size === 0) this.swarms.delete(torrentId);
  }
}

function snapshot(p: SwarmPeer): PeerSnapshot {
  return {
    userId: p.userId,
    peerId: binaryStringToBytes(p.peerId),
    endpoint: binaryStringToBytes(p.endpoint),
    seeder: p.left === 0n,
    left: p.left,
    lastSeenMs: p.lastSeenMs,
  };
}
