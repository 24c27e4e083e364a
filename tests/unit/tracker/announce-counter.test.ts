import { describe, expect, it } from 'vitest';
import { AnnounceCounter } from '@/lib/tracker-server/announce-counter';

const T = Date.UTC(2026, 0, 1, 12, 0);
const MIN = 60_000;

describe('AnnounceCounter', () => {
  it.each([
    { name: 'nothing counted gives nothing', at: [], expected: [] },
    { name: 'one minute', at: [0, 1_000, 59_999], expected: [[T, 3]] },
    { name: 'each announce in its own UTC minute, a quiet minute left out', at: [59_999, MIN, 3 * MIN + 5], expected: [[T, 1], [T + MIN, 1], [T + 3 * MIN, 1]] },
  ])('$name', ({ at, expected }) => {
    const counter = new AnnounceCounter();
    for (const ms of at) counter.count(T + ms);
    expect([...counter.take()]).toEqual(expected);
    expect([...counter.take()]).toEqual([]);
  });

  it('hands over the running minute so far, then only what came after', () => {
    const counter = new AnnounceCounter();
    counter.count(T);
    counter.count(T + 1);
    expect([...counter.take()]).toEqual([[T, 2]]);
    counter.count(T + 2);
    counter.count(T + MIN);
    expect([...counter.take()]).toEqual([[T, 1], [T + MIN, 1]]);
  });
});
