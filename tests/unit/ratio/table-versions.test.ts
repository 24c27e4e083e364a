import { describe, expect, it } from 'vitest';
import { DEFAULT_RATIO_TABLE, type RatioTableRow } from '@/lib/ratio/ratio-table';
import { requiredRatio } from '@/lib/ratio/required-ratio';
import { tableForMember, tableInEffect, type RatioTableVersion } from '@/lib/ratio/table-versions';
import { GIB } from '@/lib/ratio/units';

const STRICT: RatioTableRow[] = [{ fromGiB: 0, toGiB: 5, maxRatio: 0, minRatio: 0 }, { fromGiB: 5, toGiB: null, maxRatio: 1, minRatio: 1 }];
const LENIENT: RatioTableRow[] = [{ fromGiB: 0, toGiB: null, maxRatio: 0, minRatio: 0 }];
const V1: RatioTableVersion = { effectiveFrom: new Date('2026-01-01T00:00:00Z'), rows: DEFAULT_RATIO_TABLE };
const V2: RatioTableVersion = { effectiveFrom: new Date('2026-03-01T00:00:00Z'), rows: STRICT };
const V3: RatioTableVersion = { effectiveFrom: new Date('2026-05-01T00:00:00Z'), rows: LENIENT };

describe('tableInEffect', () => {
  it.each<[string, string, RatioTableVersion | null]>([
    ['before every version', '2025-12-31T23:59:59.999Z', null],
    ['at the first effective instant', '2026-01-01T00:00:00.000Z', V1],
    ['one millisecond before the second version', '2026-02-28T23:59:59.999Z', V1],
    ['at the second effective instant', '2026-03-01T00:00:00.000Z', V2],
    ['long after the last version', '2030-01-01T00:00:00.000Z', V3],
  ])('picks the version in effect %s', (_case, at, expected) => {
    expect(tableInEffect([V3, V1, V2], new Date(at))).toBe(expected);
  });

  it('picks the last given of versions sharing an instant', () => {
    const again: RatioTableVersion = { effectiveFrom: V2.effectiveFrom, rows: LENIENT };
    expect(tableInEffect([V1, V2, again], new Date('2026-04-01T00:00:00Z'))).toBe(again);
  });
});

describe('tableForMember', () => {
  const now = new Date('2026-03-10T00:00:00Z');

  it('uses the table in effect now for a member not on watch', () => {
    expect(tableForMember({ versions: [V1, V2], now, watch: null })).toBe(STRICT);
  });

  it('keeps the table in effect when a running watch started, so a stricter table is not retroactive', () => {
    const watch = { startedAt: new Date('2026-02-25T00:00:00Z') };
    const rows = tableForMember({ versions: [V1, V2], now, watch });
    expect(rows).toBe(DEFAULT_RATIO_TABLE);
    expect(requiredRatio({ table: rows, downloaded: 50n * GIB, averageSeeding: 0, snatched: 5 })).toBe(0.6);
  });

  it('falls back to the default table before any saved version', () => {
    expect(tableForMember({ versions: [V2], now: new Date('2026-01-15T00:00:00Z'), watch: null })).toBe(DEFAULT_RATIO_TABLE);
  });
});
