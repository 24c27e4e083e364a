import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToUpload } from '@/lib/ratio/bytes-to-upload';
import { meetsRequiredRatio } from '@/lib/ratio/precision';
import { GIB } from '@/lib/ratio/units';

const HUGE = 2n ** 80n;
// 2^80 ≡ 1 (mod 5), so 0.6 * 2^80 = (3 * 2^80) / 5 leaves a remainder of 3: the ceiling adds 2/5 of a byte.
const SIXTY_PERCENT_OF_HUGE = (3n * HUGE + 2n) / 5n;

describe('bytesToUpload', () => {
  it.each<[string, bigint, bigint, number, bigint]>([
    ['nothing downloaded', 0n, 0n, 0.6, 0n],
    ['a requirement of 0', 0n, 50n * GIB, 0, 0n],
    ['already above the requirement', 40n * GIB, 50n * GIB, 0.6, 0n],
    ['exactly at the requirement', 30n * GIB, 50n * GIB, 0.6, 0n],
    ['one byte short', 30n * GIB - 1n, 50n * GIB, 0.6, 1n],
    ['nothing uploaded yet', 0n, 50n * GIB, 0.6, 30n * GIB],
    ['a fractional byte target, rounded up', 0n, 10n, 0.15, 2n],
    ['a requirement with six decimals', 0n, 1_000_000n, 0.123456, 123_456n],
    ['a requirement beyond six decimals, taken to the nearest 1e-6', 0n, 1_000_000n, 0.4333337, 433_334n],
    ['a float requirement like 0.6 * (1 - 1/3)', 0n, 1_000_000n, 0.6 * (1 - 1 / 3), 400_000n],
    ['huge counters beyond 2^53', 0n, HUGE, 0.6, SIXTY_PERCENT_OF_HUGE],
    ['huge counters at the requirement', SIXTY_PERCENT_OF_HUGE, HUGE, 0.6, 0n],
    ['huge counters one byte short', SIXTY_PERCENT_OF_HUGE - 1n, HUGE, 0.6, 1n],
  ])('%s', (_case, uploaded, downloaded, required, expected) => {
    expect(bytesToUpload(uploaded, downloaded, required)).toBe(expected);
  });

  it('returns the least upload that meets the requirement, agreeing with meetsRequiredRatio', () => {
    const bytes = fc.bigInt({ min: 0n, max: 2n ** 90n });
    const ratio = fc.integer({ min: 0, max: 10_000_000 }).map((micros) => micros / 1e6);
    fc.assert(
      fc.property(bytes, bytes, ratio, (uploaded, downloaded, required) => {
        const missing = bytesToUpload(uploaded, downloaded, required);
        expect(missing === 0n).toBe(meetsRequiredRatio(uploaded, downloaded, required));
        expect(meetsRequiredRatio(uploaded + missing, downloaded, required)).toBe(true);
        if (missing > 0n) expect(meetsRequiredRatio(uploaded + missing - 1n, downloaded, required)).toBe(false);
      }),
    );
  });

  it('refuses a requirement that is not a finite number', () => {
    expect(() => bytesToUpload(0n, 1n, Number.NaN)).toThrow('A required ratio must be a finite number, got NaN');
  });
});
