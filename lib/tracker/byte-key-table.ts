/**
 * A hash table from fixed-length byte keys (info hashes, passkeys) to values, looked up straight from the bytes
 * a request carried: no hex or string key is built per lookup, and the keys sit in one flat array instead of
 * one string object each. Open addressing with linear probing, at most half full.
 *
 * The slot comes from the key's first 8 bytes mixed with a per-table random seed, so keys that share a prefix
 * by design (or by someone grinding torrents for it) still spread out. Pure: no I/O.
 */
export class ByteKeyTable<V> {
  private keys: Uint8Array;
  private values: (V | undefined)[];
  private mask: number;
  private count = 0;
  private readonly seedA = (Math.random() * 0x1_0000_0000) >>> 0;
  private readonly seedB = (Math.random() * 0x1_0000_0000) >>> 0;

  constructor(
    readonly keyLength: number,
    initialCapacity = 1024,
  ) {
    if (!Number.isInteger(keyLength) || keyLength < 8) throw new RangeError('keys must be at least 8 bytes');
    let capacity = 16;
    while (capacity < initialCapacity * 2) capacity *= 2;
    this.keys = new Uint8Array(capacity * keyLength);
    this.values = new Array<V | undefined>(capacity).fill(undefined);
    this.mask = capacity - 1;
  }

  get size(): number {
    return this.count;
  }

  /** The value stored under the `keyLength` bytes of `key` from `offset`, or undefined. */
  get(key: Uint8Array, offset = 0): V | undefined {
    const slot = this.find(key, offset);
    return slot < 0 ? undefined : this.values[slot];
  }

  /** Stores `value` under the key (a copy of its bytes is kept), replacing any earlier value. */
  set(key: Uint8Array, value: V, offset = 0): void {
    if (offset < 0 || offset + this.keyLength > key.length) throw new RangeError('key shorter than keyLength');
    const slot = this.find(key, offset);
    if (slot >= 0) {
      this.values[slot] = value;
      return;
    }
    if ((this.count + 1) * 2 > this.values.length) this.grow();
    this.insert(key, offset, value);
  }

  /** Removes the key if present; returns whether it was. */
  delete(key: Uint8Array, offset = 0): boolean {
    let hole = this.find(key, offset);
    if (hole < 0) return false;
    // Backward-shift deletion: move later members of the probe run into the hole so no lookup stops early.
    const n = this.keyLength;
    const mask = this.mask;
    let next = (hole + 1) & mask;
    while (this.values[next] !== undefined) {
      const home = this.slotOf(this.keys, next * n);
      // The entry at `next` may fill the hole only if its home slot is not cyclically within (hole, next].
      if (((next - home) & mask) >= ((next - hole) & mask)) {
        this.keys.copyWithin(hole * n, next * n, next * n + n);
        this.values[hole] = this.values[next];
        hole = next;
      }
      next = (next + 1) & mask;
    }
    this.values[hole] = undefined;
    this.count--;
    return true;
  }

  /** Removes every key (the capacity stays). */
  clear(): void {
    this.values.fill(undefined);
    this.count = 0;
  }

  /** The slot holding the key, or -1. */
  private find(key: Uint8Array, offset: number): number {
    const n = this.keyLength;
    const keys = this.keys;
    const values = this.values;
    let slot = this.slotOf(key, offset);
    for (;;) {
      if (values[slot] === undefined) return -1;
      const base = slot * n;
      let i = 0;
      while (i < n && keys[base + i] === key[offset + i]) i++;
      if (i === n) return slot;
      slot = (slot + 1) & this.mask;
    }
  }

  private insert(key: Uint8Array, offset: number, value: V): void {
    let slot = this.slotOf(key, offset);
    while (this.values[slot] !== undefined) slot = (slot + 1) & this.mask;
    this.keys.set(key.subarray(offset, offset + this.keyLength), slot * this.keyLength);
    this.values[slot] = value;
    this.count++;
  }

  private slotOf(key: Uint8Array, o: number): number {
    const a = ((key[o] ?? 0) | ((key[o + 1] ?? 0) << 8) | ((key[o + 2] ?? 0) << 16) | ((key[o + 3] ?? 0) << 24)) ^ this.seedA;
    const b = ((key[o + 4] ?? 0) | ((key[o + 5] ?? 0) << 8) | ((key[o + 6] ?? 0) << 16) | ((key[o + 7] ?? 0) << 24)) ^ this.seedB;
    let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b ^ (a >>> 15), 0x85ebca77);
    h ^= h >>> 16;
    h = Math.imul(h, 0xc2b2ae3d);
    h ^= h >>> 13;
    return h & this.mask;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldValues = this.values;
    const capacity = oldValues.length * 2;
    this.keys = new Uint8Array(capacity * this.keyLength);
    this.values = new Array<V | undefined>(capacity).fill(undefined);
    this.mask = capacity - 1;
    this.count = 0;
    for (let slot = 0; slot < oldValues.length; slot++) {
      const value = oldValues[slot];
      if (value !== undefined) this.insert(oldKeys, slot * this.keyLength, value);
    }
  }
}
