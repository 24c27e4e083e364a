import { ENTRY_BYTES, ENTRY_ENDPOINT4, ENTRY_SLOT, ENTRY_USER, ENTRY_WORDS, ListPool, MIN_CAPACITY } from './list-pool';
import { PairTable } from './pair-table';

/**
 * Every live peer of every swarm, stored as fixed-size records in one ArrayBuffer (read through typed-array views
 * of it) and named by its slot number. A peer is then no JavaScript object at all: the garbage collector has no
 * per-peer object to mark or move (a full collection over 200k peer objects used to pause the tracker for 150 ms
 * and more), and a re-announce overwrites numbers in place instead of replacing objects that outlive the young
 * generation. A peer costs about 230 bytes in all (96 in its record, 16 in its list entry, the rest spare
 * capacity, swarm objects and maps) instead of about 460.
 *
 * One record per peer, not one array per field: an announce reads and writes a dozen fields of one peer, and
 * with a column per field each was a cache miss of its own in tables far larger than the cache; a record is two
 * or three cache lines. Fields are ordered so each hot path reads adjacent bytes: the member chain link and the
 * peer_id (find), the member and the endpoint (a list entry's copy of them, IPv6 and non-compact selection), the
 * counters and times (an announce's update).
 */
export class PeerTable {
  /**
   * The first slot of each member's chain of peers in each swarm (nextOfUser links the rest), by (torrent id,
   * member id): one table for every swarm instead of a Map in each.
   */
  readonly heads = new PairTable();
  /** The entries of every swarm's lists (Swarm). */
  readonly lists = new ListPool();
  capacity = 0;
  /** Slots ever used; slots below it are live or on the free list. */
  top = 0;
  /** The records, through one view per element type (indexes: slot * RECORD_BYTES / element size + field). */
  bytes = new Uint8Array(0);
  private u32 = new Uint32Array(0);
  private i32 = new Int32Array(0);
  private i64 = new BigInt64Array(0);
  private f64 = new Float64Array(0);
  private free: number[] = [];

  allocate(): number {
    const reused = this.free.pop();
    if (reused !== undefined) return reused;
    if (this.top === this.capacity) this.grow(Math.max(1024, this.capacity * 2));
    return this.top++;
  }

  release(slot: number): void {
    this.bytes[slot * RECORD_BYTES + ENDPOINT_LENGTH] = 0;
    this.setNextOfUser(slot, -1);
    this.free.push(slot);
  }

  torrentIdOf(slot: number): number {
    return this.u32[slot * RECORD_WORDS + TORRENT_ID] as number;
  }

  userIdOf(slot: number): number {
    return this.u32[slot * RECORD_WORDS + USER_ID] as number;
  }

  /** Sets the ids of a slot just allocated. */
  setIds(slot: number, torrentId: number, userId: number, peerId: Uint8Array): void {
    this.u32[slot * RECORD_WORDS + TORRENT_ID] = torrentId;
    this.u32[slot * RECORD_WORDS + USER_ID] = userId;
    this.bytes.set(peerId, slot * RECORD_BYTES + PEER_ID);
    this.bytes[slot * RECORD_BYTES + ANNOUNCE_MEMORY] = 0;
  }

  /** What the min-interval rule remembers of the peer's last announce (announce-timing.ts). */
  announceMemoryOf(slot: number): number {
    return this.bytes[slot * RECORD_BYTES + ANNOUNCE_MEMORY] as number;
  }

  setAnnounceMemory(slot: number, memory: number): void {
    this.bytes[slot * RECORD_BYTES + ANNOUNCE_MEMORY] = memory;
  }

  /** The `left` of the last announce, kept exactly; 0 makes the peer a seeder. */
  leftOf(slot: number): bigint {
    return this.i64[slot * RECORD_LONGS + LEFT] as bigint;
  }

  setLeft(slot: number, left: bigint): void {
    this.i64[slot * RECORD_LONGS + LEFT] = left;
  }

  lastSeenMsOf(slot: number): number {
    return this.f64[slot * RECORD_LONGS + LAST_SEEN_MS] as number;
  }

  setLastSeenMs(slot: number, ms: number): void {
    this.f64[slot * RECORD_LONGS + LAST_SEEN_MS] = ms;
  }

  /** Accounting baseline: the last counters the tracker accepted from this peer, and when. */
  uploadedOf(slot: number): bigint {
    return this.i64[slot * RECORD_LONGS + UPLOADED] as bigint;
  }

  downloadedOf(slot: number): bigint {
    return this.i64[slot * RECORD_LONGS + DOWNLOADED] as bigint;
  }

  baselineAtMsOf(slot: number): number {
    return this.f64[slot * RECORD_LONGS + BASELINE_AT_MS] as number;
  }

  setBaseline(slot: number, uploaded: bigint, downloaded: bigint, atMs: number): void {
    const at = slot * RECORD_LONGS;
    this.i64[at + UPLOADED] = uploaded;
    this.i64[at + DOWNLOADED] = downloaded;
    this.f64[at + BASELINE_AT_MS] = atMs;
  }

  /** Position in the swarm list that holds the slot, so removal is a swap with that list's last element. */
  positionOf(slot: number): number {
    return this.i32[slot * RECORD_WORDS + POSITION] as number;
  }

  setPosition(slot: number, position: number): void {
    this.i32[slot * RECORD_WORDS + POSITION] = position;
  }

  /** Next slot of the same member in the same swarm (-1: none); each member's peers form a short chain. */
  nextOfUser(slot: number): number {
    return this.i32[slot * RECORD_WORDS + NEXT_OF_USER] as number;
  }

  setNextOfUser(slot: number, next: number): void {
    this.i32[slot * RECORD_WORDS + NEXT_OF_USER] = next;
  }

  /** 6 or 18 bytes used of the slot's compact endpoint; 0 marks a free slot. */
  endpointLengthOf(slot: number): number {
    return this.bytes[slot * RECORD_BYTES + ENDPOINT_LENGTH] as number;
  }

  isSeeder(slot: number): boolean {
    return this.leftOf(slot) === 0n;
  }

  /** The list a slot belongs in: seeder bit 0 (0 = seeder), IPv6 bit 1. */
  listOf(slot: number): number {
    return (this.leftOf(slot) === 0n ? 0 : 1) + (this.endpointLengthOf(slot) === 18 ? 2 : 0);
  }

  peerIdEquals(slot: number, peerId: Uint8Array): boolean {
    const at = slot * RECORD_BYTES + PEER_ID;
    const bytes = this.bytes;
    for (let i = 0; i < 20; i++) if (bytes[at + i] !== peerId[i]) return false;
    return true;
  }

  endpointEquals(slot: number, endpoint: Uint8Array): boolean {
    if (this.endpointLengthOf(slot) !== endpoint.length) return false;
    const at = slot * RECORD_BYTES + ENDPOINT;
    const bytes = this.bytes;
    for (let i = 0; i < endpoint.length; i++) if (bytes[at + i] !== endpoint[i]) return false;
    return true;
  }

  setEndpoint(slot: number, endpoint: Uint8Array): void {
    this.bytes.set(endpoint, slot * RECORD_BYTES + ENDPOINT);
    this.bytes[slot * RECORD_BYTES + ENDPOINT_LENGTH] = endpoint.length;
  }

  /** Copies of the variable-length fields, for callers outside the store. */
  peerIdOf(slot: number): Uint8Array {
    const at = slot * RECORD_BYTES + PEER_ID;
    return this.bytes.slice(at, at + 20);
  }

  endpointOf(slot: number): Uint8Array {
    const at = slot * RECORD_BYTES + ENDPOINT;
    return this.bytes.slice(at, at + this.endpointLengthOf(slot));
  }

  private grow(capacity: number): void {
    const bytes = new Uint8Array(capacity * RECORD_BYTES);
    bytes.set(this.bytes);
    const buffer = bytes.buffer;
    this.bytes = bytes;
    this.u32 = new Uint32Array(buffer);
    this.i32 = new Int32Array(buffer);
    this.i64 = new BigInt64Array(buffer);
    this.f64 = new Float64Array(buffer);
    this.capacity = capacity;
  }
}

/**
 * A peer's record: byte offset = field (in units of its own size) * that size. 8-byte fields first, at
 * multiples of 8; the chain link just before the peer_id; the member just before the endpoint.
 */
export const RECORD_BYTES = 96;
const RECORD_LONGS = RECORD_BYTES / 8;
const RECORD_WORDS = RECORD_BYTES / 4;
/** In 8-byte units. */
const LEFT = 0;
const UPLOADED = 1;
const DOWNLOADED = 2;
const LAST_SEEN_MS = 3;
const BASELINE_AT_MS = 4;
/** In 4-byte units (bytes 40-51). */
const TORRENT_ID = 10;
const POSITION = 11;
const NEXT_OF_USER = 12;
/** Bytes 52-71. */
const PEER_ID = 52;
/** In 4-byte units (bytes 72-75). */
const USER_ID = 18;
/** Bytes 76-93, of which ENDPOINT_LENGTH (byte 94) are used. */
export const ENDPOINT = 76;
const ENDPOINT_LENGTH = 94;
/** Byte 95: announceMemory() of the peer's last announce. */
const ANNOUNCE_MEMORY = 95;

/** List numbers: seeder bit 0 (0 = seeder), IPv6 bit 1. */
export const SEEDERS4 = 0;
export const LEECHERS4 = 1;
export const SEEDERS6 = 2;
export const LEECHERS6 = 3;

/**
 * The peers of one torrent: four lists (seeders/leechers x IPv4/IPv6) of entries in the table's ListPool, each
 * entry the peer's slot, its member and (IPv4) its endpoint, so peer selection reads a contiguous run of entries
 * in O(numwant) without touching the peers' records. A member's peers here are found through the table's
 * `heads` (O(1)). A peer's position in its list is kept in its record, so removal is a swap with the last entry.
 */
export class Swarm {
  size = 0;
  /**
   * The latest moment a leecher was known to be here: its announce, or its leaving (stopped, completed,
   * expired). With the leechers present now, it tells whether a peer had anyone to upload to since its last
   * announce (SwarmStore.leecherSeenMs).
   */
  leecherSeenMs = Number.NEGATIVE_INFINITY;
  /** For list n: its first entry in the pool, its length and its region's capacity (0: no region) at 3n, 3n + 1, 3n + 2. */
  private readonly regions: number[] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];

  constructor(
    private readonly table: PeerTable,
    readonly torrentId: number,
  ) {}

  count(n: number): number {
    return this.regions[n * 3 + 1] as number;
  }

  /** The pool entry of list n's position 0; positions follow it (valid until the list next changes). */
  firstEntry(n: number): number {
    return this.regions[n * 3] as number;
  }

  /** The slot of this member's peer with this peer_id, or -1. */
  find(userId: number, peerId: Uint8Array): number {
    const t = this.table;
    for (let s = t.heads.get(this.torrentId, userId); s !== -1; s = t.nextOfUser(s)) {
      if (t.peerIdEquals(s, peerId)) return s;
    }
    return -1;
  }

  countForUser(userId: number): number {
    let n = 0;
    const t = this.table;
    for (let s = t.heads.get(this.torrentId, userId); s !== -1; s = t.nextOfUser(s)) n++;
    return n;
  }

  /** Links a filled slot (ids, endpoint and left set) into this swarm. */
  add(slot: number): void {
    const t = this.table;
    const userId = t.userIdOf(slot);
    t.setNextOfUser(slot, t.heads.get(this.torrentId, userId));
    t.heads.set(this.torrentId, userId, slot);
    this.attach(slot);
    this.size++;
  }

  delete(slot: number): void {
    const t = this.table;
    this.detach(slot);
    const userId = t.userIdOf(slot);
    const head = t.heads.get(this.torrentId, userId);
    const next = t.nextOfUser(slot);
    if (head === slot) {
      if (next === -1) t.heads.delete(this.torrentId, userId);
      else t.heads.set(this.torrentId, userId, next);
    } else {
      for (let s = head; s !== -1; s = t.nextOfUser(s)) {
        if (t.nextOfUser(s) === slot) {
          t.setNextOfUser(s, next);
          break;
        }
      }
    }
    t.setNextOfUser(slot, -1);
    this.size--;
  }

  /** Sets what decides a slot's list, moving it when that changed (e.g. a leecher that completed). */
  update(slot: number, endpoint: Uint8Array, left: bigint): void {
    const t = this.table;
    const before = t.listOf(slot);
    const after = (left === 0n ? 0 : 1) + (endpoint.length === 18 ? 2 : 0);
    if (before !== after) this.detach(slot);
    if (!t.endpointEquals(slot, endpoint)) {
      t.setEndpoint(slot, endpoint);
      if (before === after && after < 2) this.copyEndpoint4(slot, (this.regions[after * 3] as number) + t.positionOf(slot));
    }
    t.setLeft(slot, left);
    if (before !== after) this.attach(slot);
  }

  private attach(slot: number): void {
    const t = this.table;
    const n = t.listOf(slot);
    const r = this.regions;
    const length = r[n * 3 + 1] as number;
    const capacity = r[n * 3 + 2] as number;
    if (length === capacity) this.resize(n, Math.max(MIN_CAPACITY, capacity * 2));
    const entry = (r[n * 3] as number) + length;
    const words = t.lists.words;
    words[entry * ENTRY_WORDS + ENTRY_SLOT] = slot;
    words[entry * ENTRY_WORDS + ENTRY_USER] = t.userIdOf(slot);
    if (n < 2) this.copyEndpoint4(slot, entry);
    t.setPosition(slot, length);
    r[n * 3 + 1] = length + 1;
  }

  private detach(slot: number): void {
    const t = this.table;
    const pool = t.lists;
    const n = t.listOf(slot);
    const r = this.regions;
    const first = r[n * 3] as number;
    const last = (r[n * 3 + 1] as number) - 1;
    const at = t.positionOf(slot);
    if (at < 0 || at > last || pool.words[(first + at) * ENTRY_WORDS + ENTRY_SLOT] !== slot) {
      throw new Error('swarm invariant broken: peer not in its list');
    }
    if (at !== last) {
      pool.copyEntry(first + last, first + at);
      t.setPosition(pool.words[(first + at) * ENTRY_WORDS + ENTRY_SLOT] as number, at);
    }
    r[n * 3 + 1] = last;
    const capacity = r[n * 3 + 2] as number;
    if (last === 0) {
      pool.release(first, capacity);
      r[n * 3] = 0;
      r[n * 3 + 2] = 0;
    } else if (capacity > MIN_CAPACITY && last <= capacity / 4) {
      // A quarter full: half the region, so a swarm that shrank gives memory back, and one that hovers around a
      // size does not move at every join and leave.
      this.resize(n, capacity / 2);
    }
  }

  /** Moves list n's entries to a region of `capacity` entries. */
  private resize(n: number, capacity: number): void {
    const pool = this.table.lists;
    const r = this.regions;
    const from = r[n * 3] as number;
    const length = r[n * 3 + 1] as number;
    const old = r[n * 3 + 2] as number;
    const to = pool.allocate(capacity);
    // After allocate: it may have replaced the buffer.
    if (length > 0) pool.bytes.copyWithin(to * ENTRY_BYTES, from * ENTRY_BYTES, (from + length) * ENTRY_BYTES);
    if (old > 0) pool.release(from, old);
    r[n * 3] = to;
    r[n * 3 + 2] = capacity;
  }

  private copyEndpoint4(slot: number, entry: number): void {
    const bytes = this.table.lists.bytes;
    const from = this.table.bytes;
    const at = entry * ENTRY_BYTES + ENTRY_ENDPOINT4;
    const e = slot * RECORD_BYTES + ENDPOINT;
    for (let i = 0; i < 6; i++) bytes[at + i] = from[e + i] as number;
  }
}
