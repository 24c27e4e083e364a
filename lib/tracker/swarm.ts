import { bytesEqualBinaryString } from './bytes';

/**
 * One peer held in memory. Ids and endpoints are flat one-byte strings (about 40 bytes each) rather than
 * Uint8Arrays (well over 100 bytes each with their ArrayBuffer), which keeps a peer near 200 bytes of heap.
 */
export class SwarmPeer {
  constructor(
    readonly userId: number,
    /** 20-byte peer_id, one char per byte. */
    readonly peerId: string,
    /** Compact endpoint, one char per byte: 6 (IPv4) or 18 (IPv6) chars. */
    public endpoint: string,
    public left: bigint,
    public lastSeenMs: number,
    /** Position in its list, so removal is a swap with the last element. */
    public slot: number,
    /** Next peer of the same user in this swarm: each user's peers form a short chain. */
    public nextOfUser: SwarmPeer | null,
  ) {}
}

/** List numbers: seeder bit 0 (0 = seeder), IPv6 bit 1. */
export const SEEDERS4 = 0;
export const LEECHERS4 = 1;
export const SEEDERS6 = 2;
export const LEECHERS6 = 3;

export function listOf(left: bigint, endpointLength: number): number {
  return (left === 0n ? 0 : 1) + (endpointLength === 18 ? 2 : 0);
}

/**
 * The peers of one torrent: four arrays (seeders/leechers x IPv4/IPv6), created only when used, so peer
 * selection reads a contiguous slice in O(numwant); plus an index by user id for O(1) lookup of a peer.
 */
export class Swarm {
  readonly byUser = new Map<number, SwarmPeer>();
  size = 0;
  private s4: SwarmPeer[] | null = null;
  private l4: SwarmPeer[] | null = null;
  private s6: SwarmPeer[] | null = null;
  private l6: SwarmPeer[] | null = null;

  list(n: number): readonly SwarmPeer[] | null {
    return n === SEEDERS4 ? this.s4 : n === LEECHERS4 ? this.l4 : n === SEEDERS6 ? this.s6 : this.l6;
  }

  count(n: number): number {
    return this.list(n)?.length ?? 0;
  }

  find(userId: number, peerId: Uint8Array): SwarmPeer | null {
    for (let p = this.byUser.get(userId) ?? null; p !== null; p = p.nextOfUser) {
      if (bytesEqualBinaryString(peerId, p.peerId)) return p;
    }
    return null;
  }

  countForUser(userId: number): number {
    let n = 0;
    for (let p = this.byUser.get(userId) ?? null; p !== null; p = p.nextOfUser) n++;
    return n;
  }

  add(peer: SwarmPeer): void {
    peer.nextOfUser = this.byUser.get(peer.userId) ?? null;
    this.byUser.set(peer.userId, peer);
    this.attach(peer);
    this.size++;
  }

  delete(peer: SwarmPeer): void {
    this.detach(peer);
    const head = this.byUser.get(peer.userId);
    if (head === peer) {
      if (peer.nextOfUser === null) this.byUser.delete(peer.userId);
      else this.byUser.set(peer.userId, peer.nextOfUser);
    } else {
      for (let p = head ?? null; p !== null; p = p.nextOfUser) {
        if (p.nextOfUser === peer) {
          p.nextOfUser = peer.nextOfUser;
          break;
        }
      }
    }
    peer.nextOfUser = null;
    this.size--;
  }

  /** Updates what decides a peer's list, moving it when it changed (e.g. a leecher that completed). */
  update(peer: SwarmPeer, endpoint: string, left: bigint): void {
    if (listOf(left, endpoint.length) === listOf(peer.left, peer.endpoint.length)) {
      peer.endpoint = endpoint;
      peer.left = left;
      return;
    }
    this.detach(peer);
    peer.endpoint = endpoint;
    peer.left = left;
    this.attach(peer);
  }

  private attach(peer: SwarmPeer): void {
    const n = listOf(peer.left, peer.endpoint.length);
    let list = this.list(n) as SwarmPeer[] | null;
    if (list === null) {
      list = [];
      this.setList(n, list);
    }
    peer.slot = list.length;
    list.push(peer);
  }

  private detach(peer: SwarmPeer): void {
    const n = listOf(peer.left, peer.endpoint.length);
    const list = this.list(n) as SwarmPeer[] | null;
    if (list === null || list[peer.slot] !== peer) throw new Error('swarm invariant broken: peer not in its list');
    const last = list.pop() as SwarmPeer;
    if (last !== peer) {
      list[peer.slot] = last;
      last.slot = peer.slot;
    }
    if (list.length === 0) this.setList(n, null);
  }

  private setList(n: number, list: SwarmPeer[] | null): void {
    if (n === SEEDERS4) this.s4 = list;
    else if (n === LEECHERS4) this.l4 = list;
    else if (n === SEEDERS6) this.s6 = list;
    else this.l6 = list;
  }
}
