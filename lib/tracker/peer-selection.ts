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
    if (slot !== -1 && table.userIdOf(slot) !== options.forUserId) picked.push(slot);
  }
}

// Scratch for compact IPv4 selection; the result is copied out of it.
let scratch4 = new Uint8Array(6 * 64);

/**
 * pickPeers then compactEndpoints for IPv4, in one pass over the swarm's own member and endpoint arrays (the
 * same peers in the same order), without touching the peer table.
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
  const users = swarm.users4Of(list);
  const endpoints = swarm.endpoints4Of(list);
  if (users === null || endpoints === null) return takeCompact4FromTable(table, swarm, list, options, random, picked);
  const n = users.length;
  const start = Math.floor(random() * n) % n;
  const out = scratch4;
  for (let k = 0; k < n && picked < options.numwant; k++) {
    let i = start + k;
    if (i >= n) i -= n;
    if (users[i] === options.forUserId) continue;
    const packed = endpoints[i] as number;
    const address = Math.floor(packed / 65536);
    const port = packed - address * 65536;
    const at = picked * 6;
    out[at] = address >>> 24;
    out[at + 1] = (address >>> 16) & 0xff;
    out[at + 2] = (address >>> 8) & 0xff;
    out[at + 3] = address & 0xff;
    out[at + 4] = port >>> 8;
    out[at + 5] = port & 0xff;
    picked++;
  }
  return picked;
}

/** takeCompact4 for a small list, which has no mirror: the same walk over its slots, reading the table. */
function takeCompact4FromTable(table: PeerTable, swarm: Swarm, list: number, options: SelectOptions, random: () => number, picked: number): number {
  const slots = swarm.list(list);
  if (slots === null) return picked;
  const n = slots.length;
  const start = Math.floor(random() * n) % n;
  const out = scratch4;
  const bytes = table.bytes;
  for (let k = 0; k < n && picked < options.numwant; k++) {
    let i = start + k;
    if (i >= n) i -= n;
    const slot = slots[i] as number;
    if (table.userIdOf(slot) === options.forUserId) continue;
    const from = slot * RECORD_BYTES + ENDPOINT;
    const at = picked * 6;
    for (let b = 0; b < 6; b++) out[at + b] = bytes[from + b] as number;
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
