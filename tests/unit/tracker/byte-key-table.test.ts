import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ByteKeyTable } from '@/lib/tracker/byte-key-table';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('ByteKeyTable', () => {
  it('agrees with a Map through growth, overwrites and misses', () => {
    const table = new ByteKeyTable<number>(20, 4);
    const model = new Map<string, number>();
    const keys: Uint8Array[] = [];
    for (let i = 0; i < 5000; i++) {
      // Every third key shares its first 12 bytes with an earlier one: prefixes must not decide the slot alone.
      const key = new Uint8Array(randomBytes(20));
      if (i % 3 === 2) key.set(keys[i - 1]!.subarray(0, 12));
      keys.push(key);
      table.set(key, i);
      model.set(hex(key), i);
      if (i % 7 === 0) {
        const again = keys[Math.floor(i / 2)]!;
        table.set(again, -i);
        model.set(hex(again), -i);
      }
    }
    expect(table.size).toBe(model.size);
    for (const key of keys) expect(table.get(key)).toBe(model.get(hex(key)));
    for (let i = 0; i < 1000; i++) {
      const absent = new Uint8Array(randomBytes(20));
      expect(table.get(absent)).toBe(model.get(hex(absent)));
    }
  });

  it('agrees with a Map through deletes in crowded probe runs, and after clear', () => {
    // A tiny key space in a small table: long probe runs that wrap around, so deletes must shift entries back.
    const table = new ByteKeyTable<number>(8, 8);
    const model = new Map<string, number>();
    const keyOf = (n: number) => new Uint8Array([n & 0xff, n >> 8, 1, 2, 3, 4, 5, 6]);
    let seed = 12345;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % 600;
    for (let step = 0; step < 20000; step++) {
      const n = next();
      const key = keyOf(n);
      if (step % 3 === 0) {
        expect(table.delete(key)).toBe(model.delete(hex(key)));
      } else {
        table.set(key, step);
        model.set(hex(key), step);
      }
      if (step % 997 === 0) {
        for (let m = 0; m < 600; m++) expect(table.get(keyOf(m))).toBe(model.get(hex(keyOf(m))));
      }
    }
    expect(table.size).toBe(model.size);
    for (let m = 0; m < 600; m++) expect(table.get(keyOf(m))).toBe(model.get(hex(keyOf(m))));
    table.clear();
    expect(table.size).toBe(0);
    for (let m = 0; m < 600; m++) expect(table.get(keyOf(m))).toBeUndefined();
    table.set(keyOf(3), 3);
    expect(table.get(keyOf(3))).toBe(3);
  });

  it('reads keys at an offset of a larger buffer and keeps its own copy', () => {
    const table = new ByteKeyTable<string>(8);
    const buf = new Uint8Array(32).map((_, i) => i);
    table.set(buf, 'at 10', 10);
    expect(table.get(buf.slice(10, 18))).toBe('at 10');
    expect(table.get(buf, 10)).toBe('at 10');
    expect(table.get(buf, 11)).toBeUndefined();
    buf[10] = 99;
    expect(table.get(new Uint8Array([10, 11, 12, 13, 14, 15, 16, 17]))).toBe('at 10');
  });

  it('finds nothing for a key shorter than its length and refuses to store one', () => {
    const table = new ByteKeyTable<number>(20);
    const key = new Uint8Array(20).fill(5);
    table.set(key, 1);
    expect(table.get(key.subarray(0, 19))).toBeUndefined();
    expect(() => table.set(key.subarray(0, 19), 2)).toThrow(/shorter/);
    expect(() => new ByteKeyTable<number>(4)).toThrow(/at least 8/);
  });
});
