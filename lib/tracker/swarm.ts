import { PairTable } from './pair-table';

/**
 * Every live peer of every swarm, stored column by column in typed arrays and named by its slot number. A peer
 * is then no JavaScript object at all: the garbage collector has no per-peer object to mark or move (a full
 * collection over 200k peer objects used to pause the tracker for 150 ms and more), a re-announce overwrites
 * numbers in place instead of replacing objects that outlive the young generation, and a peer costs about 250
 * bytes in all (103 in the columns, the rest spare capacity, swarm lists and maps) instead of about 460.
 */
export class PeerTable {
  /**
   * The first slot of each member's chain of peers in each swarm (nextOfUser links the rest), by (torrent id,
   * member id): one table for every swarm instead of a Map in each.
   */
  readonly heads = new PairTable();
  capacity = 0;
  /** Slots ever used; slots below it are live or on the free list. */
  top = 0;
  torrentId = new Uint32Array(0);
  userId = new Uint32Array(0);
  /** 20 bytes per slot. */
  peerId = new Uint8Array(0);
  /** Compact endpoint, 18 bytes per slot, of which `endpointLength` (6 or 18) are used; 0 marks a free slot. */
  endpoint = new Uint8Array(0);
  endpointLength = new Uint8Array(0);
  /** The `left` of the last announce, kept exactly; 0 makes the peer a seeder. */
  left = new BigInt64Array(0);
  lastSeenMs = new Float64Array(0);
  /** Accounting baseline: the last counters the tracker accepted from this peer, and when. */
  uploaded = new BigInt64Array(0);
  downloaded = new BigInt64Array(0);
  baselineAtMs = new Float64Array(0);
  /** Position in the swarm list that holds the slot, so removal is a swap with that list's last element. */
  position = new Int32Array(0);
  /** Next slot of the same member in the same swarm (-1: none); each member's peers form a short chain. */
  nextOfUser = new Int32Array(0);
  private free: number[] = [];

  allocate(): number {
    const reused = this.free.pop();
    if (reused !== undefined) return reused;
    if (this.top === this.capacity) this.grow(Math.max(1024, this.capacity * 2));
    return this.top++;
  }

  release(slot: number): void {
    this.endpointLength[slot] = 0;
    this.nextOfUser[slot] = -1;
    this.free.push(slot);
  }

  isSeeder(slot: number): boolean {
    return this.left[slot] === 0n;
  }

  /** The list a slot belongs in: seeder bit 0 (0 = seeder), IPv6 bit 1. */
  listOf(slot: number): number {
    return (this.left[slot] === 0n ? 0 : 1) + (this.endpointLength[slot] === 18 ? 2 : 0);
  }

  peerIdEquals(slot: number, peerId: Uint8Array): boolean {
    const at = slot * 20;
    const ids = this.peerId;
    for (let i = 0; i < 20; i++) if (ids[at + i] !== peerId[i]) return false;
    return true;
  }

  endpointEquals(slot: number, endpoint: Uint8Array): boolean {
    if (this.endpointLength[slot] !== endpoint.length) return false;
    const at = slot * 18;
    const eps = this.endpoint;
    for (let i = 0; i < endpoint.length; i++) if (eps[at + i] !== endpoint[i]) return false;
    return true;
  }

  setEndpoint(slot: number, endpoint: Uint8Array): void {
    this.endpoint.set(endpoint, slot * 18);
    this.endpointLength[slot] = endpoint.length;
  }

  /** Copies of the variable-length columns, for callers outside the store. */
  peerIdOf(slot: number): Uint8Array {
    return this.peerId.slice(slot * 20, slot * 20 + 20);
  }

  endpointOf(slot: number): Uint8Array {
    return this.endpoint.slice(slot * 18, slot * 18 + (this.endpointLength[slot] ?? 0));
  }

  private grow(capacity: number): void {
    const copy = <T extends { set(a: T): void }>(make: (n: number) => T, old: T): T => {
      const next = make(capacity);
      next.set(old);
      return next;
    };
    this.torrentId = copy((n) => new Uint32Array(n), this.torrentId);
    this.userId = copy((n) => new Uint32Array(n), this.userId);
    this.peerId = copy((n) => new Uint8Array(n * 20), this.peerId);
    this.endpoint = copy((n) => new Uint8Array(n * 18), this.endpoint);
    this.endpointLength = copy((n) => new Uint8Array(n), this.endpointLength);
    this.left = copy((n) => new BigInt64Array(n), this.left);
    this.lastSeenMs = copy((n) => new Float64Array(n), this.lastSeenMs);
    this.uploaded = copy((n) => new BigInt64Array(n), this.uploaded);
    this.downloaded = copy((n) => new BigInt64Array(n), this.downloaded);
    this.baselineAtMs = copy((n) => new Float64Array(n), this.baselineAtMs);
    this.position = copy((n) => new Int32Array(n), this.position);
    this.nextOfUser = copy((n) => new Int32Array(n), this.nextOfUser);
    this.capacity = capacity;
  }
}

/** List numbers: seeder bit 0 (0 = seeder), IPv6 bit 1. */
export const SEEDERS4 = 0;
export const LEECHERS4 = 1;
export const SEEDERS6 = 2;
export const LEECHERS6 = 3;

/**
 * The peers of one torrent as slots of the shared PeerTable: four lists (seeders/leechers x IPv4/IPv6),
 * created only when used, so peer selection reads a contiguous slice in O(numwant). A member's peers here are
 * found through the table's `heads` (O(1)). Lists hold small integers only, which the collector does not trace.
 */
export class Swarm {
  size = 0;
  /**
   * The latest moment a leecher was known to be here: its announce, or its leaving (stopped, completed,
   * expired). With the leechers present now, it tells whether a peer had anyone to upload to since its last
   * announce (SwarmStore.leecherSeenMs).
   */
  leecherSeenMs = Number.NEGATIVE_INFINITY;
  private readonly lists: (number[] | null)[] = [null, null, null, null];
  /**
   * IPv4 lists of MIRROR_AT peers or more also keep, at the same positions, each peer's member and its endpoint
   * packed in one number (address * 65536 + port, exact below 2^53), so selection reads three arrays in order
   * instead of two table columns at 50 random slots (cache misses that cost more than the rest of an announce's
   * selection). Small lists go without: a few random reads cost little, and arrays per small swarm would more
   * than double the memory per peer.
   */
  private readonly users4: (number[] | null)[] = [null, null];
  private readonly endpoints4: (number[] | null)[] = [null, null];

  constructor(
    private readonly table: PeerTable,
    readonly torrentId: number,
  ) {}

  list(n: number): readonly number[] | null {
    return this.lists[n] ?? null;
  }

  /** Members of IPv4 list `n` (SEEDERS4 or LEECHERS4), position by position. */
  users4Of(n: number): readonly number[] | null {
    return this.users4[n] ?? null;
  }

  /** Packed endpoints of IPv4 list `n`, position by position. */
  endpoints4Of(n: number): readonly number[] | null {
    return this.endpoints4[n] ?? null;
  }

  count(n: number): number {
    return this.lists[n]?.length ?? 0;
  }

  /** The slot of this member's peer with this peer_id, or -1. */
  find(userId: number, peerId: Uint8Array): number {
    const t = this.table;
    for (let s = t.heads.get(this.torrentId, userId); s !== -1; s = t.nextOfUser[s] ?? -1) {
      if (t.peerIdEquals(s, peerId)) return s;
    }
    return -1;
  }

  countForUser(userId: number): number {
    let n = 0;
    const t = this.table;
    for (let s = t.heads.get(this.torrentId, userId); s !== -1; s = t.nextOfUser[s] ?? -1) n++;
    return n;
  }

  /** Links a filled slot (ids, endpoint and left set) into this swarm. */
  add(slot: number): void {
    const t = this.table;
    const userId = t.userId[slot] ?? 0;
    t.nextOfUser[slot] = t.heads.get(this.torrentId, userId);
    t.heads.set(this.torrentId, userId, slot);
    this.attach(slot);
    this.size++;
  }

  delete(slot: number): void {
    const t = this.table;
    this.detach(slot);
    const userId = t.userId[slot] ?? 0;
    const head = t.heads.get(this.torrentId, userId);
    const next = t.nextOfUser[slot] ?? -1;
    if (head === slot) {
      if (next === -1) t.heads.delete(this.torrentId, userId);
      else t.heads.set(this.torrentId, userId, next);
    } else {
      for (let s = head; s !== -1; s = t.nextOfUser[s] ?? -1) {
        if (t.nextOfUser[s] === slot) {
          t.nextOfUser[s] = next;
          break;
        }
      }
    }
    t.nextOfUser[slot] = -1;
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
      const mirror = this.endpoints4[after];
      if (before === after && mirror !== undefined && mirror !== null) mirror[t.position[slot] ?? 0] = packEndpoint4(t, slot);
    }
    t.left[slot] = left;
    if (before !== after) this.attach(slot);
  }

  private attach(slot: number): void {
    const n = this.table.listOf(slot);
    let list = this.lists[n] ?? null;
    if (list === null) {
      list = [];
      this.lists[n] = list;
    }
    this.table.position[slot] = list.length;
    list.push(slot);
    if (n >= 2) return;
    const users = this.users4[n] ?? null;
    const endpoints = this.endpoints4[n] ?? null;
    if (users !== null && endpoints !== null) {
      users.push(this.table.userId[slot] ?? 0);
      endpoints.push(packEndpoint4(this.table, slot));
    } else if (list.length >= MIRROR_AT) {
      this.users4[n] = list.map((s) => this.table.userId[s] ?? 0);
      this.endpoints4[n] = list.map((s) => packEndpoint4(this.table, s));
    }
  }

  private detach(slot: number): void {
    const n = this.table.listOf(slot);
    const list = this.lists[n] ?? null;
    const at = this.table.position[slot] ?? -1;
    if (list === null || list[at] !== slot) throw new Error('swarm invariant broken: peer not in its list');
    const last = list.pop() as number;
    const users = n < 2 ? (this.users4[n] ?? null) : null;
    const endpoints = n < 2 ? (this.endpoints4[n] ?? null) : null;
    const lastUser = users?.pop() as number;
    const lastEndpoint = endpoints?.pop() as number;
    if (last !== slot) {
      list[at] = last;
      this.table.position[last] = at;
      if (users && endpoints) {
        users[at] = lastUser;
        endpoints[at] = lastEndpoint;
      }
    }
    if (list.length === 0) this.lists[n] = null;
    // Dropped well below MIRROR_AT, so a list near the threshold does not rebuild its mirror again and again.
    if (n < 2 && list.length < MIRROR_AT / 2) {
      this.users4[n] = null;
      this.endpoints4[n] = null;
    }
  }
}

const MIRROR_AT = 64;

/** A slot's 6-byte IPv4 endpoint as one exact number: address * 65536 + port. */
function packEndpoint4(t: PeerTable, slot: number): number {
  const e = t.endpoint;
  const at = slot * 18;
  const address = (((e[at] ?? 0) << 24) | ((e[at + 1] ?? 0) << 16) | ((e[at + 2] ?? 0) << 8) | (e[at + 3] ?? 0)) >>> 0;
  return address * 65536 + (((e[at + 4] ?? 0) << 8) | (e[at + 5] ?? 0));
}
