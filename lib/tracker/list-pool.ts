/**
 * The entries of every swarm's peer lists in one buffer, ENTRY_BYTES each: the peer's slot in the PeerTable, its
 * member, and (IPv4 lists) its compact endpoint. A list's entries are contiguous, in a region whose capacity is
 * a power of two; freed regions are kept per capacity and reused. Peer selection then reads a list in order,
 * entry after entry, instead of one random PeerTable record per peer offered (a cache miss each, and an
 * announce offers up to 50), and copies endpoints from where it read the member. Pure: no I/O.
 */
export class ListPool {
  /** The entries; `words` views the same memory (entry e's words start at e * ENTRY_WORDS). */
  bytes = new Uint8Array(0);
  words = new Uint32Array(0);
  /** Entries ever handed out; regions below it are in use or free. */
  private top = 0;
  /** Offsets of free regions, by log2 of their capacity. */
  private readonly free: number[][] = [];

  /** A region of `capacity` entries (a power of two, at least MIN_CAPACITY); returns its first entry. */
  allocate(capacity: number): number {
    const reused = this.free[Math.log2(capacity)]?.pop();
    if (reused !== undefined) return reused;
    const needed = (this.top + capacity) * ENTRY_BYTES;
    if (needed > this.bytes.length) this.grow(Math.max(needed, this.bytes.length * 2, 64 * 1024));
    const at = this.top;
    this.top += capacity;
    return at;
  }

  release(at: number, capacity: number): void {
    const k = Math.log2(capacity);
    (this.free[k] ??= []).push(at);
  }

  /** Copies entry `from` over entry `to`. */
  copyEntry(from: number, to: number): void {
    const w = this.words;
    const a = from * ENTRY_WORDS;
    const b = to * ENTRY_WORDS;
    w[b] = w[a] as number;
    w[b + 1] = w[a + 1] as number;
    w[b + 2] = w[a + 2] as number;
    w[b + 3] = w[a + 3] as number;
  }

  /** Bytes of memory held, in use or free. */
  get byteLength(): number {
    return this.bytes.length;
  }

  private grow(bytes: number): void {
    const next = new Uint8Array(Math.ceil(bytes / ENTRY_BYTES) * ENTRY_BYTES);
    next.set(this.bytes);
    this.bytes = next;
    this.words = new Uint32Array(next.buffer);
  }
}

/** Entry layout: word 0 the slot, word 1 the member, bytes 8-13 the IPv4 endpoint (IPv6 lists leave them unused). */
export const ENTRY_BYTES = 16;
export const ENTRY_WORDS = ENTRY_BYTES / 4;
export const ENTRY_SLOT = 0;
export const ENTRY_USER = 1;
export const ENTRY_ENDPOINT4 = 8;
/** The smallest region: most swarms hold one or two peers per list. */
export const MIN_CAPACITY = 2;
