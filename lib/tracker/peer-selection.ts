import { ENTRY_BYTES, ENTRY_ENDPOINT4, ENTRY_SLOT, ENTRY_USER, ENTRY_WORDS } from './list-pool';
import { ENDPOINT, LEECHERS4, LEECHERS6, RECORD_BYTES, SEEDERS4, SEEDERS6, type PeerTable, type Swarm } from './swarm';

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
  if (!options.isSeeder) takeFrom(table, swarm, v6 ? SEEDERS6 : SEEDERS4, options, random);
  takeFrom(table, swarm, v6 ? LEECHERS6 : LEECHERS4, options, random);
  return picked;
}

function takeFrom(table: PeerTable, swarm: Swarm, list: number, options: SelectOptions, random: () => number): void {
  const n = swarm.count(list);
  if (n === 0) return;
  const words = table.lists.words;
  const first = swarm.firstEntry(list);
  const start = Math.floor(random() * n) % n;
  for (let k = 0; k < n && picked.length < options.numwant; k++) {
    let i = start + k;
    if (i >= n) i -= n;
    const at = (first + i) * ENTRY_WORDS;
    if (words[at + ENTRY_USER] !== options.forUserId) picked.push(words[at + ENTRY_SLOT] as number);
  }
}

// Scratch for compact IPv4 selection; the result is copied out of it.
let scratch4 = new Uint8Array(6 * 64);

/**
 * pickPeers then compactEndpoints for IPv4, in one pass over the lists' entries, which carry each peer's member
 * and endpoint side by side (the same peers in the same order), without touching the peer table.
 */
export function pickCompact4(table: PeerTable, swarm: Swarm, options: SelectOptions, random: () => number): Uint8Array {
  if (scratch4.length < options.numwant * 6) scratch4 = new Uint8Array(options.numwant * 6);
  let picked = 0;
  if (!options.isSeeder) picked = takeCompact4(table, swarm, SEEDERS4, options, random, picked);
  picked = takeCompact4(table, swarm, LEECHERS4, options, random, picked);
  // A copy from Buffer's shared pool: a new array of this size would be a separate allocation off the heap.
  const out = Buffer.allocUnsafe(picked * 6);
  out.set(scratch4.subarray(0, picked * 6));
  return out;
}

function takeCompact4(table: PeerTable, swarm: Swarm, list: number, options: SelectOptions, random: () => number, picked: number): number {
  const n = swarm.count(list);
  if (n === 0) return picked;
  const pool = table.lists;
  const words = pool.words;
  const bytes = pool.bytes;
  const first = swarm.firstEntry(list);
  const start = Math.floor(random() * n) % n;
  const out = scratch4;
  for (let k = 0; k < n && picked < options.numwant; k++) {
    let i = start + k;
    if (i >= n) i -= n;
    const entry = first + i;
    if (words[entry * ENTRY_WORDS + ENTRY_USER] === options.forUserId) continue;
    const from = entry * ENTRY_BYTES + ENTRY_ENDPOINT4;
    const at = picked * 6;
    out[at] = bytes[from] as number;
    out[at + 1] = bytes[from + 1] as number;
    out[at + 2] = bytes[from + 2] as number;
    out[at + 3] = bytes[from + 3] as number;
    out[at + 4] = bytes[from + 4] as number;
    out[at + 5] = bytes[from + 5] as number;
    picked++;
  }
  return picked;
}

/** Concatenated compact endpoints of the picked slots (BEP 23 / BEP 7 `peers` / `peers6` value). */
export function compactEndpoints(table: PeerTable, slots: readonly number[], width: number): Uint8Array {
  const n = slots.length;
  const out = new Uint8Array(n * width);
  const endpoints = table.bytes;
  for (let k = 0, at = 0; k < n; k++, at += width) {
    const from = (slots[k] as number) * RECORD_BYTES + ENDPOINT;
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
