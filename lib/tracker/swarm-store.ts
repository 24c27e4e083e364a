import type { CounterBaseline } from './accounting';
import type { DictPeer } from './encode-announce';
import { compactEndpoints, endpointAddress, endpointPort, pickCompact4, pickPeers, type SelectOptions } from './peer-selection';
import { LEECHERS4, LEECHERS6, PeerTable, SEEDERS4, SEEDERS6, Swarm } from './swarm';

export interface PeerInput {
  userId: number;
  /** 20 bytes (copied). */
  peerId: Uint8Array;
  /** 6 or 18 bytes from peerEndpoint (copied). */
  endpoint: Uint8Array;
  /** 0 makes the peer a seeder. */
  left: bigint;
  nowMs: number;
  /** The accounting baseline to keep; when omitted a new peer starts at zero and a known one keeps its own. */
  baseline?: CounterBaseline;
}

/** What an upsert changes of a known peer: enough to put it back (see SwarmStore.state). */
export interface PeerState {
  endpoint: Uint8Array;
  left: bigint;
  lastSeenMs: number;
  baseline: CounterBaseline;
  /** What the min-interval rule remembers of the peer's last announce (announceMemory in announce-timing.ts). */
  announceMemory: number;
}

/** A copy of one stored peer. */
export interface PeerSnapshot extends PeerState {
  userId: number;
  peerId: Uint8Array;
  seeder: boolean;
}

export interface ExpiredPeer extends PeerSnapshot {
  torrentId: number;
}

export interface UpsertResult {
  created: boolean;
  /** Seeder state before this announce; null when the peer is new. */
  wasSeeder: boolean | null;
  /** The peer's slot (see find). */
  slot: number;
}

/**
 * In-memory swarms keyed by torrent id, each holding peers keyed by (user id, peer_id), with each peer's
 * accounting baseline. Peers live in one PeerTable (fixed-size records in one buffer, see swarm.ts). Ids and endpoints are
 * validated upstream (parseAnnounce, peerEndpoint); a wrong length here is a bug and throws.
 */
export class SwarmStore {
  /**
   * Swarms by torrent id: ids below DENSE_IDS index an array (torrent ids are small, consecutive integers; one
   * read where a Map lookup among tens of thousands of torrents hashed and missed the cache), larger ones a Map.
   */
  private readonly dense: (Swarm | undefined)[] = [];
  private readonly sparse = new Map<number, Swarm>();
  private torrentCount = 0;
  private readonly table = new PeerTable();
  private peerCount = 0;
  /**
   * The swarm last looked up, and its torrent id (-1: none): one announce reads its swarm eight or more times
   * (find, counts, upsert, selection), and each Map lookup among tens of thousands of torrents cost about as
   * much as the rest of those reads.
   */
  private lastTorrentId = -1;
  private lastSwarm: Swarm | undefined = undefined;

  /** `random` returns [0, 1); injectable so tests can pin peer rotation. */
  constructor(private readonly random: () => number = Math.random) {}

  /**
   * Adds or updates a peer. `found` is the peer's slot as find() returned it (-1: not there), when the caller
   * looked it up and nothing changed the store since; otherwise it is looked up here.
   */
  upsert(torrentId: number, input: PeerInput, found?: number): UpsertResult {
    if (input.peerId.length !== 20) throw new RangeError('peerId must be 20 bytes');
    if (input.endpoint.length !== 6 && input.endpoint.length !== 18) throw new RangeError('endpoint must be 6 or 18 bytes');
    const t = this.table;
    let swarm = this.swarm(torrentId);
    if (swarm === undefined) {
      swarm = new Swarm(t, torrentId);
      this.put(torrentId, swarm);
      this.lastTorrentId = torrentId;
      this.lastSwarm = swarm;
    }
    const existing = found ?? swarm.find(input.userId, input.peerId);
    // A leecher announcing, or completing now, was here as a leecher until this moment.
    if (input.left > 0n || (existing !== -1 && !t.isSeeder(existing))) swarm.leecherSeenMs = Math.max(swarm.leecherSeenMs, input.nowMs);
    if (existing !== -1) {
      const wasSeeder = t.isSeeder(existing);
      swarm.update(existing, input.endpoint, input.left);
      t.setLastSeenMs(existing, input.nowMs);
      if (input.baseline !== undefined) this.setBaseline(existing, input.baseline);
      return { created: false, wasSeeder, slot: existing };
    }
    const slot = t.allocate();
    t.setIds(slot, torrentId, input.userId, input.peerId);
    t.setEndpoint(slot, input.endpoint);
    t.setLeft(slot, input.left);
    t.setLastSeenMs(slot, input.nowMs);
    this.setBaseline(slot, input.baseline ?? { uploaded: 0n, downloaded: 0n, atMs: input.nowMs });
    swarm.add(slot);
    this.peerCount++;
    return { created: true, wasSeeder: null, slot };
  }

  /**
   * Removes one peer (event=stopped) at `nowMs` (default: its last announce); returns what was removed, or null
   * if it was not there.
   */
  remove(torrentId: number, userId: number, peerId: Uint8Array, nowMs?: number): PeerSnapshot | null {
    const swarm = this.swarm(torrentId);
    const slot = swarm?.find(userId, peerId) ?? -1;
    if (swarm === undefined || slot === -1) return null;
    const removed = this.snapshot(slot);
    if (!removed.seeder) swarm.leecherSeenMs = Math.max(swarm.leecherSeenMs, nowMs ?? removed.lastSeenMs);
    this.drop(torrentId, swarm, slot);
    return removed;
  }

  get(torrentId: number, userId: number, peerId: Uint8Array): PeerSnapshot | null {
    const slot = this.find(torrentId, userId, peerId);
    return slot === -1 ? null : this.snapshot(slot);
  }

  /**
   * The slot of a peer, or -1: a handle for the reads below, valid until the store next changes. The announce
   * path uses these instead of get(), which copies.
   */
  find(torrentId: number, userId: number, peerId: Uint8Array): number {
    return this.swarm(torrentId)?.find(userId, peerId) ?? -1;
  }

  /**
   * Puts a peer back as `state()` saw it, or removes it when it was not there (null): the undo of an announce or
   * an expiry whose journal write failed.
   */
  restore(torrentId: number, userId: number, peerId: Uint8Array, before: PeerState | null): void {
    if (before === null) {
      this.remove(torrentId, userId, peerId);
      return;
    }
    const { slot } = this.upsert(torrentId, { userId, peerId, endpoint: before.endpoint, left: before.left, nowMs: before.lastSeenMs, baseline: before.baseline });
    this.table.setAnnounceMemory(slot, before.announceMemory);
  }

  /** What the min-interval rule remembers of this slot's last announce. */
  announceMemory(slot: number): number {
    return this.table.announceMemoryOf(slot);
  }

  /** Sets what the min-interval rule remembers of the announce just applied to this slot. */
  setAnnounceMemory(slot: number, memory: number): void {
    this.table.setAnnounceMemory(slot, memory);
  }

  /**
   * A copy of what the next upsert of this slot may change, so that change can be undone (see restore). `next`,
   * the endpoint that upsert will set, stands in for the stored one when they are equal (the usual re-announce):
   * the caller must not change it afterwards.
   */
  state(slot: number, next?: Uint8Array): PeerState {
    const t = this.table;
    const endpoint = next !== undefined && t.endpointEquals(slot, next) ? next : t.endpointOf(slot);
    return { endpoint, left: t.leftOf(slot), lastSeenMs: t.lastSeenMsOf(slot), baseline: this.baseline(slot), announceMemory: t.announceMemoryOf(slot) };
  }

  baseline(slot: number): CounterBaseline {
    const t = this.table;
    return { uploaded: t.uploadedOf(slot), downloaded: t.downloadedOf(slot), atMs: t.baselineAtMsOf(slot) };
  }

  counts(torrentId: number): { seeders: number; leechers: number } {
    return { seeders: this.seeders(torrentId), leechers: this.leechers(torrentId) };
  }

  /** counts(torrentId).seeders without the object (the announce path reads counts several times). */
  seeders(torrentId: number): number {
    const s = this.swarm(torrentId);
    return s === undefined ? 0 : s.count(SEEDERS4) + s.count(SEEDERS6);
  }

  leechers(torrentId: number): number {
    const s = this.swarm(torrentId);
    return s === undefined ? 0 : s.count(LEECHERS4) + s.count(LEECHERS6);
  }

  /**
   * The latest moment a leecher was known to be in the swarm (announcing, or leaving), or -Infinity. A peer whose
   * last announce was at `t` had someone to upload to since then if the swarm has another leecher now or this is
   * later than `t` (a leecher came and went, or completed, in between).
   */
  leecherSeenMs(torrentId: number): number {
    return this.swarm(torrentId)?.leecherSeenMs ?? Number.NEGATIVE_INFINITY;
  }

  /** How many peers this member has in the swarm, for a per-member connection limit. */
  countForUser(torrentId: number, userId: number): number {
    return this.swarm(torrentId)?.countForUser(userId) ?? 0;
  }

  /** Compact peers of one family for an announce response; see pickPeers for the rules. */
  selectPeers(torrentId: number, options: SelectOptions): Uint8Array {
    const swarm = this.swarm(torrentId);
    if (swarm === undefined || options.numwant <= 0) return NO_PEERS;
    if (options.family === 'ipv4') return pickCompact4(this.table, swarm, options, this.random);
    // Most swarms have no IPv6 peer; every compact response still asks for them.
    if (swarm.count(SEEDERS6) + swarm.count(LEECHERS6) === 0) return NO_PEERS;
    return compactEndpoints(this.table, pickPeers(this.table, swarm, options, this.random), 18);
  }

  /** The same selection for the non-compact response; peer ids are included (the encoder drops them on no_peer_id). */
  selectPeerDicts(torrentId: number, options: SelectOptions): DictPeer[] {
    const swarm = this.swarm(torrentId);
    if (swarm === undefined || options.numwant <= 0) return [];
    return pickPeers(this.table, swarm, options, this.random).map((slot) => {
      const endpoint = this.table.endpointOf(slot);
      return { ip: endpointAddress(endpoint), port: endpointPort(endpoint), peerId: this.table.peerIdOf(slot) };
    });
  }

  /**
   * Drops every peer last seen more than `maxAgeMs` before `nowMs` (callers pass two announce intervals) and
   * returns them, so the server can persist their final state. O(all peers): run it periodically, not per request.
   */
  expire(nowMs: number, maxAgeMs: number): ExpiredPeer[] {
    const cutoff = nowMs - maxAgeMs;
    const t = this.table;
    const dropped: ExpiredPeer[] = [];
    for (let slot = 0; slot < t.top; slot++) {
      if (t.endpointLengthOf(slot) === 0 || t.lastSeenMsOf(slot) >= cutoff) continue;
      const torrentId = t.torrentIdOf(slot);
      const swarm = this.swarm(torrentId);
      if (swarm === undefined) throw new Error('swarm invariant broken: live peer without its swarm');
      const peer = { torrentId, ...this.snapshot(slot) };
      dropped.push(peer);
      // Expired, a leecher was in the swarm until it was found silent; the uploaders' benefit of the doubt.
      if (!peer.seeder) swarm.leecherSeenMs = Math.max(swarm.leecherSeenMs, nowMs);
      this.drop(torrentId, swarm, slot);
    }
    return dropped;
  }

  get stats(): { torrents: number; peers: number } {
    return { torrents: this.torrentCount, peers: this.peerCount };
  }

  /** Memory held for the swarms' lists, in use or free for reuse. */
  get listBytes(): number {
    return this.table.lists.byteLength;
  }

  private swarm(torrentId: number): Swarm | undefined {
    if (torrentId === this.lastTorrentId) return this.lastSwarm;
    const swarm = torrentId < DENSE_IDS ? this.dense[torrentId] : this.sparse.get(torrentId);
    this.lastTorrentId = torrentId;
    this.lastSwarm = swarm;
    return swarm;
  }

  private setBaseline(slot: number, baseline: CounterBaseline): void {
    this.table.setBaseline(slot, baseline.uploaded, baseline.downloaded, baseline.atMs);
  }

  private snapshot(slot: number): PeerSnapshot {
    const t = this.table;
    return { userId: t.userIdOf(slot), peerId: t.peerIdOf(slot), seeder: t.isSeeder(slot), ...this.state(slot) };
  }

  private drop(torrentId: number, swarm: Swarm, slot: number): void {
    swarm.delete(slot);
    this.table.release(slot);
    this.peerCount--;
    if (swarm.size === 0) {
      if (torrentId < DENSE_IDS) this.dense[torrentId] = undefined;
      else this.sparse.delete(torrentId);
      this.torrentCount--;
      if (this.lastTorrentId === torrentId) this.lastSwarm = undefined;
    }
  }

  private put(torrentId: number, swarm: Swarm): void {
    if (torrentId < DENSE_IDS) {
      // Grown one element at a time: a write far past the end would turn the array into a dictionary.
      while (this.dense.length <= torrentId) this.dense.push(undefined);
      this.dense[torrentId] = swarm;
    } else {
      this.sparse.set(torrentId, swarm);
    }
    this.torrentCount++;
  }
}

/** Torrent ids below this have their swarm in an array (SwarmStore.dense): at most 8 bytes per id. */
const DENSE_IDS = 1 << 22;

/** An empty selection, shared (callers only read it). */
const NO_PEERS = new Uint8Array(0);
