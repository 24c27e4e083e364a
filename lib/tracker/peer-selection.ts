import { LEECHERS4, LEECHERS6, SEEDERS4, SEEDERS6, type Swarm, type SwarmPeer } from './swarm';

export type AddressFamily = 'ipv4' | 'ipv6';

export interface SelectOptions {
  /** The requesting member: none of their own peers are returned (no self-connections, no ratio games). */
  forUserId: number;
  /** Seeders only get leechers; leechers get seeders first, then leechers. */
  isSeeder: boolean;
  numwant: number;
  family: AddressFamily;
}

// Reused between calls (selection is synchronous) so picking allocates nothing.
const picked: SwarmPeer[] = [];

/**
 * Picks up to `numwant` peers in O(numwant + the requester's own peers): each list is read as a ring from a
 * random offset, so successive announces see different peers without shuffling the swarm. The returned array
 * is shared scratch space, valid until the next call.
 */
export function pickPeers(swarm: Swarm, options: SelectOptions, random: () => number): readonly SwarmPeer[] {
  picked.length = 0;
  const v6 = options.family === 'ipv6';
  if (!options.isSeeder) takeFrom(swarm.list(v6 ? SEEDERS6 : SEEDERS4), options, random);
  takeFrom(swarm.list(v6 ? LEECHERS6 : LEECHERS4), options, random);
  return picked;
}

function takeFrom(list: readonly SwarmPeer[] | null, options: SelectOptions, random: () => number): void {
  if (list === null) return;
  const n = list.length;
  const start = Math.floor(random() * n) % n;
  for (let k = 0; k < n && picked.length < options.numwant; k++) {
    const peer = list[(start + k) % n];
    if (peer !== undefined && peer.userId !== options.forUserId) picked.push(peer);
  }
}

/** Concatenated compact endpoints of the picked peers (BEP 23 / BEP 7 `peers` / `peers6` value). */
export function compactEndpoints(peers: readonly SwarmPeer[], width: number): Uint8Array {
  const out = new Uint8Array(peers.length * width);
  let at = 0;
  for (const peer of peers) {
    const e = peer.endpoint;
    for (let i = 0; i < width; i++) out[at++] = e.charCodeAt(i);
  }
  return out;
}

/** Text form of a compact endpoint's address, for the non-compact response. */
export function endpointAddress(endpoint: string): string {
  if (endpoint.length === 6) {
    return `${endpoint.charCodeAt(0)}.${endpoint.charCodeAt(1)}.${endpoint.charCodeAt(2)}.${endpoint.charCodeAt(3)}`;
  }
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((endpoint.charCodeAt(i) << 8) | endpoint.charCodeAt(i + 1)).toString(16));
  return groups.join(':');
}

export function endpointPort(endpoint: string): number {
  const at = endpoint.length - 2;
  return (endpoint.charCodeAt(at) << 8) | endpoint.charCodeAt(at + 1);
}
