import { GIB } from './units';

/**
 * One row of the required-ratio table (Gazelle's "Ratio requirements"): members whose credited download
 * is in [fromGiB, toGiB) GiB must keep between `minRatio` (when seeding everything they snatched) and
 * `maxRatio` (when seeding nothing). `toGiB` null means "and more" and is allowed on the last row only.
 */
export interface RatioTableRow {
  fromGiB: number;
  toGiB: number | null;
  /** Required ratio at 0% seeding. */
  maxRatio: number;
  /** Required ratio at 100% seeding. */
  minRatio: number;
}

function row(fromGiB: number, toGiB: number | null, maxRatio: number, minRatio: number): RatioTableRow {
  return Object.freeze({ fromGiB, toGiB, maxRatio, minRatio });
}

/** Gazelle's table. The first row requires nothing, so new members can download before being measured. */
export const DEFAULT_RATIO_TABLE: readonly RatioTableRow[] = Object.freeze([
  row(0, 5, 0, 0),
  row(5, 10, 0.15, 0),
  row(10, 20, 0.2, 0),
  row(20, 30, 0.3, 0.05),
  row(30, 40, 0.4, 0.1),
  row(40, 50, 0.5, 0.2),
  row(50, 60, 0.6, 0.3),
  row(60, 80, 0.6, 0.4),
  row(80, 100, 0.6, 0.5),
  row(100, null, 0.6, 0.6),
]);

/**
 * The row covering `downloaded` bytes: the last row starting at or below it, which on a table accepted by
 * `validateRatioTable` is the one row whose range contains it. Throws a RangeError on an empty table.
 */
export function rowForDownloaded(table: readonly RatioTableRow[], downloaded: bigint): RatioTableRow {
  let found: RatioTableRow | undefined;
  for (const candidate of table) {
    if (BigInt(candidate.fromGiB) * GIB <= downloaded) found = candidate;
  }
  const first = table[0];
  if (found) return found;
  if (first) return first;
  throw new RangeError('The ratio table has no rows');
}
