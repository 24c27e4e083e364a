import { describe, expect, it } from 'vitest';
import { PairTable } from '@/lib/tracker/pair-table';

/** A seeded generator of whole numbers below n: the high bits of a 32-bit LCG (its low bits repeat with short periods). */
function numbers(seed: number): (n: number) => number {
  let state = seed;
  return (n) => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) >>> 8) % n;
}

describe('PairTable', () => {
  it('agrees with a Map through growth, overwrites, deletes and misses', () => {
    const table = new PairTable(4);
    const model = new Map<string, number>();
    const next = numbers(7);
    for (let step = 0; step < 50000; step++) {
      // Torrent ids from a small range and member ids from a larger one: many pairs share either half.
      const a = 1 + next(300);
      const b = 1 + next(2000);
      const key = `${a}:${b}`;
      if (next(4) === 0) {
        expect(table.delete(a, b)).toBe(model.delete(key));
      } else {
        table.set(a, b, step);
        model.set(key, step);
      }
      expect(table.get(a, b)).toBe(model.get(key) ?? -1);
    }
    expect(table.size).toBe(model.size);
    for (let a = 1; a <= 300; a++) {
      for (let b = 1; b <= 2000; b += 7) expect(table.get(a, b)).toBe(model.get(`${a}:${b}`) ?? -1);
    }
  });

  it('keeps every entry of crowded, wrapping probe runs through deletes', () => {
    // Few slots for many short-lived keys: runs wrap past the end, and a delete must shift the run back.
    const table = new PairTable(8);
    const model = new Map<string, number>();
    const next = numbers(99);
    for (let step = 0; step < 20000; step++) {
      const a = next(5);
      const b = next(5);
      if (model.size >= 8 || next(2) === 0) {
        const [key] = model.keys();
        if (key !== undefined) {
          const [x, y] = key.split(':').map(Number) as [number, number];
          expect(table.delete(x, y)).toBe(true);
          model.delete(key);
        }
      } else {
        table.set(a, b, a * 10 + b);
        model.set(`${a}:${b}`, a * 10 + b);
      }
      for (const [key, value] of model) {
        const [x, y] = key.split(':').map(Number) as [number, number];
        expect(table.get(x, y)).toBe(value);
      }
    }
  });

  it('tells pairs apart by both halves and in order, across the full 32-bit range', () => {
    const table = new PairTable();
    table.set(1, 2, 12);
    table.set(2, 1, 21);
    table.set(0xffff_ffff, 0, 3);
    table.set(0, 0xffff_ffff, 4);
    expect([table.get(1, 2), table.get(2, 1), table.get(0xffff_ffff, 0), table.get(0, 0xffff_ffff)]).toEqual([12, 21, 3, 4]);
    expect(table.get(1, 1)).toBe(-1);
    expect(table.delete(1, 1)).toBe(false);
    expect(table.size).toBe(4);
  });

  it('stores 0 and refuses values it cannot hold', () => {
    const table = new PairTable();
    table.set(5, 6, 0);
    expect(table.get(5, 6)).toBe(0);
    expect(() => table.set(5, 6, -1)).toThrow(RangeError);
    expect(() => table.set(5, 6, 0xffff_ffff)).toThrow(RangeError);
    expect(() => table.set(5, 6, 1.5)).toThrow(RangeError);
    expect(table.get(5, 6)).toBe(0);
  });
});
