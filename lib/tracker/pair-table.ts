/**
 * A hash table from a pair of unsigned 32-bit integers (a torrent id and a member id, say) to a non-negative
 * integer, in one flat typed array: open addressing with linear probing, at most half full, each entry's key and
 * value side by side (16 bytes), so a lookup usually reads one cache line. It replaces a Map per swarm, whose
 * lookup went through the Map, its hash table and its entry, three reads far apart, on every announce.
 *
 * The slot comes from both halves mixed with a per-table random seed. Pure: no I/O.
 */
export class PairTable {
  /** Per entry: a, b, value + 1 (0: empty), unused. */
  private entries: Uint32Array;
  private mask: number;
  private count = 0;
  private readonly seed = (Math.random() * 0x1_0000_0000) >>> 0;

  constructor(initialCapacity = 1024) {
    let capacity = 16;
    while (capacity < initialCapacity * 2) capacity *= 2;
    this.entries = new Uint32Array(capacity * 4);
    this.mask = capacity - 1;
  }

  get size(): number {
    return this.count;
  }

  /** The value stored under (a, b), or -1. */
  get(a: number, b: number): number {
    const i = this.find(a, b);
    return i < 0 ? -1 : (this.entries[i * 4 + 2] as number) - 1;
  }

  /** Stores `value` (an integer from 0 to 2^32 - 2) under (a, b), replacing any earlier value. */
  set(a: number, b: number, value: number): void {
    if (!(value >= 0 && value < 0xffff_ffff) || !Number.isInteger(value)) throw new RangeError('value out of range');
    const found = this.find(a, b);
    if (found >= 0) {
      this.entries[found * 4 + 2] = value + 1;
      return;
    }
    if ((this.count + 1) * 2 > this.mask + 1) this.grow();
    this.insert(a >>> 0, b >>> 0, value + 1);
    this.count++;
  }

  /** Removes (a, b) if present; returns whether it was. */
  delete(a: number, b: number): boolean {
    let hole = this.find(a, b);
    if (hole < 0) return false;
    const e = this.entries;
    const mask = this.mask;
    // Backward-shift deletion: later entries of the probe run move into the hole, so no lookup stops early.
    let next = (hole + 1) & mask;
    while (e[next * 4 + 2] !== 0) {
      const home = this.slotOf(e[next * 4] as number, e[next * 4 + 1] as number);
      // The entry at `next` may fill the hole only if its home slot is not cyclically within (hole, next].
      if (((next - home) & mask) >= ((next - hole) & mask)) {
        e[hole * 4] = e[next * 4] as number;
        e[hole * 4 + 1] = e[next * 4 + 1] as number;
        e[hole * 4 + 2] = e[next * 4 + 2] as number;
        hole = next;
      }
      next = (next + 1) & mask;
    }
    e[hole * 4 + 2] = 0;
    this.count--;
    return true;
  }

  private find(a: number, b: number): number {
    const e = this.entries;
    const mask = this.mask;
    const ua = a >>> 0;
    const ub = b >>> 0;
    for (let i = this.slotOf(ua, ub); ; i = (i + 1) & mask) {
      const at = i * 4;
      if (e[at + 2] === 0) return -1;
      if (e[at] === ua && e[at + 1] === ub) return i;
    }
  }

  private slotOf(a: number, b: number): number {
    let h = Math.imul(a ^ this.seed, 0x9e3779b1);
    h = Math.imul(h ^ (h >>> 15) ^ b, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    return h & this.mask;
  }

  private insert(a: number, b: number, stored: number): void {
    const e = this.entries;
    let i = this.slotOf(a, b);
    while (e[i * 4 + 2] !== 0) i = (i + 1) & this.mask;
    e[i * 4] = a;
    e[i * 4 + 1] = b;
    e[i * 4 + 2] = stored;
  }

  private grow(): void {
    const old = this.entries;
    const capacity = (this.mask + 1) * 2;
    this.entries = new Uint32Array(capacity * 4);
    this.mask = capacity - 1;
    for (let at = 0; at < old.length; at += 4) {
      if (old[at + 2] !== 0) this.insert(old[at] as number, old[at + 1] as number, old[at + 2] as number);
    }
  }
}
