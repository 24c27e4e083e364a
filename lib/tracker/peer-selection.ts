import { LEECHERS4, LEECHERS6, SEEDERS4, SEEDERS6, type PeerTable, type Swarm } from './swarm';

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
const picked: number[] = [];

/**
 * Picks up to `numwant` peer slots in O(numwant + the requester's own peers): each list is read as a ring from
 * a random offset, so successive announces see different peers without shuffling the swarm. The returned array
 * is shared scratch space, valid until the next call.
 */
export function pickPeers(table: PeerTable, swarm: Swarm, options: SelectOptions, random: () => number): readonly number[] {
  picked.length = 0;
  const v6 = options.family === 'ipv6';
  if (!options.isSeeder) takeFrom(table, swarm.list(v6 ? SEEDERS6 : SEEDERS4), options, random);
  takeFrom(table, swarm.list(v6 ? LEECHERS6 : LEECHERS4), options, random);
  return picked;
}

function takeFrom(table: PeerTable, list: readonly number[] | null, options: SelectOptions, random: () => number): void {
  if (list === null) return;
  const n = list.length;
  const start = Math.floor(random() * n) % n;
  for (let k = 0; k < n && picked.length < options.numwant; k++) {
    const slot = list[(start + k) % n] ?? -1;
    if (slot !== -1 && table.userId[slot] !== options.forUserId) picked.push(slot);
  }
}

/** Concatenated compact endpoints of the picked slots (BEP 23 / BEP 7 `peers` / `peers6` value). */
export function compactEndpoints(table: PeerTable, slots: readonly number[], width: number): Uint8Array {
  const n = slots.length;
  const out = new Uint8Array(n * width);
  const endpoints = table.endpoint;
  for (let k = 0, at = 0; k < n; k++, at += width) {
    const from = (slots[k] as number) * 18;
    for (let i = 0; i < width; i++) out[at + i] = endpoints[from + i] as number;
  }
  return out;
}

/** Text form of a compact endpoint's address (6 or 18 bytes), for the non-compact response. */
export function endpointAddress(endpoint: Uint8Array): string {
  if (endpoint.length === 6) return `${endpoint[0]}.${endpoint[1]}.${endpoint[2]}.${endpoint[3]}`;
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((((endpoint[i] ?? 0) << 8) | (endpoint[i + 1] ?? 0)).toString(16));
  return groups.join(':');
}

export function endpointPort(endpoint: Uint8Array): number {
  const at = endpoint.length - 2;
  return ((endpoint[at] ?? 0) << 8) | (endpoint[at + 1] ?? 0);
}
