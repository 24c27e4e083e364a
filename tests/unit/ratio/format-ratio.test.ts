import { describe, expect, it } from 'vitest';
import { formatRatio, formatRequiredRatio, ratioValue } from '@/lib/ratio/format-ratio';
import { ratioHealth, ratioHealthAlone, type RatioHealth } from '@/lib/ratio/ratio-health';

const HUGE = 2n ** 80n;

describe('formatRatio', () => {
  it.each<[string, bigint, bigint, string]>([
    ['nothing downloaded', 5n, 0n, '∞'],
    ['nothing transferred at all', 0n, 0n, '∞'],
    ['nothing uploaded', 0n, 10n, '0.00'],
    ['0.599 truncated, never rounded up to 0.60', 599n, 1000n, '0.59'],
    ['exactly 0.60', 600n, 1000n, '0.60'],
    ['0.29, where 0.29 * 100 in floats is 28.999…', 29n, 100n, '0.29'],
    ['one third', 1n, 3n, '0.33'],
    ['two thirds truncated', 2n, 3n, '0.66'],
    ['a whole ratio', 5n, 1n, '5.00'],
    ['a large ratio', 123_456n, 100n, '1234.56'],
    ['huge counters with two exact decimals', 12_345n * HUGE, 100n * HUGE, '123.45'],
    ['one byte short of 1 beyond 2^53 (floats would print 1.00)', HUGE - 1n, HUGE, '0.99'],
  ])('formats %s', (_case, uploaded, downloaded, text) => {
    expect(formatRatio(uploaded, downloaded)).toBe(text);
  });
});

describe('formatRequiredRatio', () => {
  it.each<[number, string]>([
    [0, '0.00'],
    [0.4, '0.40'],
    [0.6, '0.60'],
    [0.15, '0.15'],
    [0.1 + 0.2, '0.30'],
    [0.4333, '0.44'],
    [0.075, '0.08'],
    [0.0000001, '0.00'],
  ])('shows %s rounded up to two decimals as %s', (required, text) => {
    expect(formatRequiredRatio(required)).toBe(text);
  });
});

describe('ratioValue', () => {
  it('is Infinity with nothing downloaded and the quotient otherwise', () => {
    expect([ratioValue(3n, 0n), ratioValue(3n, 4n)]).toEqual([Number.POSITIVE_INFINITY, 0.75]);
  });
});

describe('ratioHealth', () => {
  it.each<[number, number, RatioHealth]>([
    [Number.POSITIVE_INFINITY, 0.6, 'infinite'],
    [0.59, 0.6, 'bad'],
    [0, 0.15, 'bad'],
    [0.6, 0.6, 'warning'],
    [0.65, 0.6, 'warning'],
    [0.66, 0.6, 'ok'],
    [0.4399, 0.4, 'warning'],
    [0.44, 0.4, 'ok'],
    [0.95, 0.6, 'ok'],
    [1, 0.6, 'good'],
    [1.05, 1, 'warning'],
    [1.1, 1, 'good'],
    [0, 0, 'ok'],
    [0.5, 0, 'ok'],
    [2, 0, 'good'],
  ])('rates a ratio of %s against a requirement of %s as %s', (ratio, required, health) => {
    expect(ratioHealth(ratio, required)).toBe(health);
  });
});

describe('ratioHealthAlone, when the viewer does not know the required ratio', () => {
  it.each<[number, RatioHealth]>([
    [Number.POSITIVE_INFINITY, 'infinite'],
    [0, 'bad'],
    [0.49, 'bad'],
    [0.5, 'warning'],
    [0.99, 'warning'],
    [1, 'good'],
    [3.2, 'good'],
  ])('rates a ratio of %s as %s (a 0.00 ratio is never green)', (ratio, health) => {
    expect(ratioHealthAlone(ratio)).toBe(health);
  });
});
