import { describe, expect, it } from 'vitest';
import { DEFAULT_RATIO_TABLE, rowForDownloaded } from '@/lib/ratio/ratio-table';
import { requiredRatio } from '@/lib/ratio/required-ratio';
import { GIB } from '@/lib/ratio/units';

/** `gib` in bytes, exact to the hundredth of a GiB (99.99 GiB is 99.99 * 2^30 bytes, rounded down). */
function gib(amount: number): bigint {
  return (BigInt(Math.round(amount * 100)) * GIB) / 100n;
}

describe('requiredRatio with the default table', () => {
  it.each<[string, bigint, number, number, number]>([
    // [downloaded, average seeding, snatched, required]
    ['0 B', 0n, 0, 0, 0],
    ['one byte under 5 GiB', gib(5) - 1n, 0, 10, 0],
    ['exactly 5 GiB, seeding nothing', gib(5), 0, 10, 0.15],
    ['exactly 5 GiB, seeding everything', gib(5), 10, 10, 0],
    ['exactly 5 GiB, seeding half', gib(5), 5, 10, 0.075],
    ['one byte under 10 GiB', gib(10) - 1n, 0, 10, 0.15],
    ['exactly 10 GiB', gib(10), 0, 10, 0.2],
    ['exactly 20 GiB, seeding everything', gib(20), 4, 4, 0.05],
    ['exactly 20 GiB, seeding half: 0.30 * 0.5 is above the 0.05 floor', gib(20), 2, 4, 0.15],
    ['30 GiB, seeding three quarters: 0.40 * 0.25 meets the 0.10 floor', gib(30), 3, 4, 0.1],
    ['45 GiB, seeding nothing', gib(45), 0, 7, 0.5],
    ['50 GiB, seeding a third: 0.60 * 2/3', gib(50), 1, 3, 0.4],
    ['60 GiB, seeding half: the 0.40 floor wins over 0.30', gib(60), 5, 10, 0.4],
    ['80 GiB, seeding nothing', gib(80), 0, 10, 0.6],
    ['99.99 GiB, seeding nothing', gib(99.99), 0, 10, 0.6],
    ['99.99 GiB, seeding everything', gib(99.99), 10, 10, 0.5],
    ['one byte under 100 GiB, seeding everything', gib(100) - 1n, 10, 10, 0.5],
    ['exactly 100 GiB, seeding everything', gib(100), 10, 10, 0.6],
    ['exactly 100 GiB, seeding nothing', gib(100), 0, 10, 0.6],
    ['2^64 bytes', 2n ** 64n, 3, 10, 0.6],
  ])('requires the right ratio at %s', (_case, downloaded, averageSeeding, snatched, required) => {
    expect(requiredRatio({ table: DEFAULT_RATIO_TABLE, downloaded, averageSeeding, snatched })).toBe(required);
  });

  it.each<[string, number, number, number]>([
    ['seeding more than was snatched (own uploads) counts as seeding everything', 25, 10, 0.2],
    ['a negative seeding average counts as seeding nothing', -3, 10, 0.5],
    ['nothing snatched takes the 0% seeding column, even while seeding', 5, 0, 0.5],
    ['a negative snatched count takes the 0% seeding column', 5, -1, 0.5],
  ])('clamps the seeding fraction: %s', (_case, averageSeeding, snatched, required) => {
    expect(requiredRatio({ table: DEFAULT_RATIO_TABLE, downloaded: gib(45), averageSeeding, snatched })).toBe(required);
  });

  it('rounds the requirement to 1e-6 so a float product compares equal to its decimal', () => {
    const required = requiredRatio({ table: DEFAULT_RATIO_TABLE, downloaded: gib(35), averageSeeding: 7, snatched: 10 });
    expect(required).toBe(0.12);
    expect(0.4 * (1 - 7 / 10)).not.toBe(0.12);
  });
});

describe('rowForDownloaded', () => {
  it('throws on an empty table', () => {
    expect(() => rowForDownloaded([], 0n)).toThrow('The ratio table has no rows');
  });
});
