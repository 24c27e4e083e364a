import { describe, expect, it } from 'vitest';
import { ENTRY_WORDS, ListPool } from '@/lib/tracker/list-pool';

describe('ListPool', () => {
  it('hands out regions that never overlap, and keeps what they hold while the buffer grows', () => {
    const pool = new ListPool();
    const regions: { at: number; capacity: number; mark: number }[] = [];
    // Enough regions of mixed sizes that the buffer grows several times.
    for (let i = 0; i < 3000; i++) {
      const capacity = 2 ** (1 + (i % 7));
      const at = pool.allocate(capacity);
      for (let e = at; e < at + capacity; e++) pool.words[e * ENTRY_WORDS] = i;
      regions.push({ at, capacity, mark: i });
    }
    expect(pool.byteLength).toBeGreaterThan(64 * 1024);
    for (const r of regions) {
      for (let e = r.at; e < r.at + r.capacity; e++) expect(pool.words[e * ENTRY_WORDS]).toBe(r.mark);
    }
  });

  it('reuses a released region for the same capacity only', () => {
    const pool = new ListPool();
    const small = pool.allocate(4);
    const large = pool.allocate(16);
    pool.release(small, 4);
    pool.release(large, 16);
    const eight = pool.allocate(8);
    expect([small, large]).not.toContain(eight);
    expect(pool.allocate(16)).toBe(large);
    expect(pool.allocate(4)).toBe(small);
    expect(pool.allocate(4)).not.toBe(small);
  });

  it('copies one entry over another, all of its words', () => {
    const pool = new ListPool();
    const at = pool.allocate(2);
    pool.words.set([1, 2, 3, 4], at * ENTRY_WORDS);
    pool.copyEntry(at, at + 1);
    expect(Array.from(pool.words.subarray((at + 1) * ENTRY_WORDS, (at + 2) * ENTRY_WORDS))).toEqual([1, 2, 3, 4]);
  });
});
