import { describe, expect, it } from 'vitest';
import { DEFAULT_RATIO_TABLE, type RatioTableRow } from '@/lib/ratio/ratio-table';
import { validateRatioTable } from '@/lib/ratio/validate-ratio-table';

function row(fromGiB: number, toGiB: number | null, maxRatio: number, minRatio: number): RatioTableRow {
  return { fromGiB, toGiB, maxRatio, minRatio };
}

describe('validateRatioTable', () => {
  it('accepts the default table', () => {
    expect(validateRatioTable(DEFAULT_RATIO_TABLE)).toEqual({ ok: true, value: DEFAULT_RATIO_TABLE });
  });

  it('accepts a single open-ended row requiring nothing', () => {
    expect(validateRatioTable([row(0, null, 0, 0)]).ok).toBe(true);
  });

  it.each<[string, RatioTableRow[], string, string]>([
    ['an empty table', [], 'empty',
      'The ratio table has no rows; it needs at least one row starting at 0 GiB with no upper bound'],
    ['a first row not starting at 0', [row(1, 5, 0, 0), row(5, null, 0.6, 0.6)], 'first-row-not-at-zero',
      'Row 1 starts at 1 GiB; the first row must start at 0 GiB'],
    ['a first row requiring a ratio', [row(0, 5, 0.1, 0), row(5, null, 0.6, 0.6)], 'first-row-requires-ratio',
      'Row 1 requires a ratio (0.1 at 0% seeding, 0 at 100%); the first row must require 0 so new members are never put on watch'],
    ['a gap between rows', [row(0, 5, 0, 0), row(6, null, 0.6, 0.6)], 'not-contiguous',
      'Row 2 starts at 6 GiB but row 1 ends at 5 GiB; rows must be sorted and follow on without gaps'],
    ['an open-ended row before the last', [row(0, 5, 0, 0), row(5, null, 0.3, 0), row(5, null, 0.6, 0.6)], 'open-ended-not-last',
      'Row 2 has no upper bound but is not the last row'],
    ['a row ending where it starts', [row(0, 5, 0, 0), row(5, 5, 0.2, 0), row(5, null, 0.6, 0.6)], 'empty-range',
      'Row 2 ends at 5 GiB, which is not above its start (5 GiB)'],
    ['a last row with an upper bound', [row(0, 5, 0, 0), row(5, 200, 0.6, 0.6)], 'last-not-open-ended',
      'The last row (row 2) ends at 200 GiB; it must have no upper bound so every amount is covered'],
    ['a ratio above 10', [row(0, 5, 0, 0), row(5, null, 12, 0.6)], 'ratio-out-of-range',
      'Row 2: the required ratio at 0% seeding is 12; it must be between 0 and 10'],
    ['a negative ratio', [row(0, 5, 0, 0), row(5, null, 0.6, -0.1)], 'ratio-out-of-range',
      'Row 2: the required ratio at 100% seeding is -0.1; it must be between 0 and 10'],
    ['a ratio that is not a number', [row(0, 5, 0, 0), row(5, null, Number.NaN, 0)], 'ratio-out-of-range',
      'Row 2: the required ratio at 0% seeding is NaN; it must be between 0 and 10'],
    ['the 100% column above the 0% column', [row(0, 5, 0, 0), row(5, null, 0.2, 0.3)], 'min-above-max',
      'Row 2: the required ratio at 100% seeding (0.3) is above the one at 0% seeding (0.2)'],
  ])('rejects %s', (_case, rows, code, message) => {
    expect(validateRatioTable(rows)).toEqual({ ok: false, error: [expect.objectContaining({ code, message })] });
  });

  it('rejects rows out of order as not contiguous', () => {
    const result = validateRatioTable([row(0, 5, 0, 0), row(10, null, 0.6, 0.6), row(5, 10, 0.3, 0)]);
    expect(result.ok ? [] : result.error.map((e) => e.message)).toEqual([
      'Row 2 starts at 10 GiB but row 1 ends at 5 GiB; rows must be sorted and follow on without gaps',
      'Row 2 has no upper bound but is not the last row',
      'The last row (row 3) ends at 10 GiB; it must have no upper bound so every amount is covered',
    ]);
  });

  it('rejects fractional GiB at both ends of a boundary', () => {
    const result = validateRatioTable([row(0, 5, 0, 0), row(5, 7.5, 0.2, 0), row(7.5, null, 0.6, 0.6)]);
    expect(result.ok ? [] : result.error.map((e) => [e.code, e.message])).toEqual([
      ['not-whole-gib', 'Row 2 ends at 7.5 GiB; amounts must be whole GiB, 0 or more'],
      ['not-whole-gib', 'Row 3 starts at 7.5 GiB; amounts must be whole GiB, 0 or more'],
    ]);
  });

  it('rejects a negative start', () => {
    const result = validateRatioTable([row(0, 5, 0, 0), row(-5, null, 0.6, 0.6)]);
    expect(result.ok ? [] : result.error.map((e) => e.message)).toEqual([
      'Row 2 starts at -5 GiB; amounts must be whole GiB, 0 or more',
      'Row 2 starts at -5 GiB but row 1 ends at 5 GiB; rows must be sorted and follow on without gaps',
    ]);
  });

  it('reports every problem at once, with its 1-based row', () => {
    const result = validateRatioTable([row(0, 5, 0, 0), row(6, 10, 11, 0), row(10, 20, 0.3, 0.4)]);
    expect(result).toEqual({
      ok: false,
      error: [
        { code: 'not-contiguous', row: 2, message: 'Row 2 starts at 6 GiB but row 1 ends at 5 GiB; rows must be sorted and follow on without gaps' },
        { code: 'ratio-out-of-range', row: 2, message: 'Row 2: the required ratio at 0% seeding is 11; it must be between 0 and 10' },
        { code: 'last-not-open-ended', row: 3, message: 'The last row (row 3) ends at 20 GiB; it must have no upper bound so every amount is covered' },
        { code: 'min-above-max', row: 3, message: 'Row 3: the required ratio at 100% seeding (0.4) is above the one at 0% seeding (0.3)' },
      ],
    });
  });
});
