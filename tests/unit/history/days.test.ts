import { describe, expect, it } from 'vitest';
import { addDays, dailyTraffic, dayOf, daysFrom, fillForward, ratioOf } from '@/lib/history/days';

describe('daily history helpers', () => {
  it('names the UTC day of an instant and counts days across month and leap-year ends', () => {
    expect(dayOf(new Date('2026-01-01T23:59:59.999Z'))).toBe('2026-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysFrom('2026-12-30', '2027-01-02')).toEqual(['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02']);
    expect(daysFrom('2026-01-02', '2026-01-01')).toEqual([]);
  });

  it('carries a row forward over the days without one, from a row before the period, and leaves out days before the first row', () => {
    const rows = [{ day: '2026-01-01', v: 1 }, { day: '2026-01-04', v: 2 }];
    expect(fillForward(rows, '2026-01-03', '2026-01-05')).toEqual([
      { day: '2026-01-03', v: 1 }, { day: '2026-01-04', v: 2 }, { day: '2026-01-05', v: 2 },
    ]);
    expect(fillForward([{ day: '2026-01-04', v: 2 }], '2026-01-03', '2026-01-04')).toEqual([{ day: '2026-01-04', v: 2 }]);
  });

  it('turns running totals into traffic per day, none for totals that went down', () => {
    expect(dailyTraffic([
      { day: '2026-01-01', uploaded: 10n, downloaded: 5n },
      { day: '2026-01-02', uploaded: 25n, downloaded: 5n },
      { day: '2026-01-05', uploaded: 20n, downloaded: 9n },
    ])).toEqual([
      { day: '2026-01-01', uploaded: 15n, downloaded: 0n },
      { day: '2026-01-02', uploaded: 0n, downloaded: 4n },
    ]);
  });

  it('gives no ratio while nothing was downloaded', () => {
    expect(ratioOf(5n, 0n)).toBeNull();
    expect(ratioOf(1n, 3n)).toBe(0.3333);
  });
});
