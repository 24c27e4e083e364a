import { describe, expect, it } from 'vitest';
import { averageSeeding, type SeedingSample } from '@/lib/ratio/average-seeding';
import { HOUR_MS } from '@/lib/ratio/units';

const NOW = new Date('2026-06-01T00:00:00Z');
const DAY_H = 24;
const WEEK_H = 7 * DAY_H;

/** Samples given as [hours before now, torrents seeded from then on]. */
function history(...points: [number, number][]): SeedingSample[] {
  return points.map(([hoursAgo, seeding]) => ({ at: new Date(NOW.getTime() - hoursAgo * HOUR_MS), seeding }));
}

describe('averageSeeding', () => {
  it.each<[string, SeedingSample[], number]>([
    ['no history at all', [], 0],
    ['a constant 4 since before the window', history([10 * DAY_H, 4]), 4],
    ['a constant 4 starting exactly at the window start', history([WEEK_H, 4]), 4],
    ['2 for the first half of the week, then 6', history([WEEK_H, 2], [WEEK_H / 2, 6]), 4],
    ['seeding nothing all week', history([WEEK_H, 0]), 0],
    ['only the last sample before the window counts for its start', history([20 * DAY_H, 100], [8 * DAY_H, 2]), 2],
    ['a step beginning before the window is cut at the window start', history([WEEK_H + 24, 10], [WEEK_H - 24, 3]), (24 * 10 + (WEEK_H - 24) * 3) / WEEK_H],
    ['24 h of history: 48 h of the 72 h minimum count as seeding nothing', history([24, 3]), 1],
    ['12 h of history, seeding 6', history([12, 6]), 1],
    ['exactly 72 h of history', history([72, 3]), 3],
    ['96 h of history: averaged over the 96 h covered, not the week', history([96, 3]), 3],
    ['96 h of history, 0 then 4 for 48 h each', history([96, 0], [48, 4]), 2],
    ['a sample taken right now adds no time', history([24, 3], [0, 50]), 1],
    ['a sample in the future is ignored', history([WEEK_H, 4], [-5, 100]), 4],
    ['of two samples at one instant the last given wins', history([WEEK_H, 9], [WEEK_H, 4]), 4],
  ])('weights by time: %s', (_case, samples, expected) => {
    expect(averageSeeding(samples, NOW)).toBeCloseTo(expected, 12);
  });

  it('does not depend on the order of the samples', () => {
    const samples = history([WEEK_H, 2], [100, 7], [30, 1], [5, 12]);
    expect(averageSeeding([...samples].reverse(), NOW)).toBe(averageSeeding(samples, NOW));
  });

  it.each<[string, number, SeedingSample[], number]>([
    ['a 24 h window ignores older changes', 24 * HOUR_MS, history([48, 100], [24, 5]), 5],
    ['a window shorter than 72 h is its own minimum', 24 * HOUR_MS, history([12, 4]), 2],
    ['an empty window averages 0', 0, history([12, 4]), 0],
  ])('takes a custom window: %s', (_case, windowMs, samples, expected) => {
    expect(averageSeeding(samples, NOW, windowMs)).toBeCloseTo(expected, 12);
  });
});
