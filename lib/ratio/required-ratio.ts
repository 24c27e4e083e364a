import { quantizeRatio } from './precision';
import { rowForDownloaded, type RatioTableRow } from './ratio-table';

export interface RequiredRatioInput {
  table: readonly RatioTableRow[];
  /** Credited downloaded bytes. */
  downloaded: bigint;
  /** Time-weighted average number of torrents seeded over the last 7 days (`averageSeeding`). */
  averageSeeding: number;
  /** Distinct torrents, still on the site, that the member completed. */
  snatched: number;
}

/**
 * Gazelle's required ratio: `max(minRatio, maxRatio * (1 - seeding / snatched))` from the table row of the
 * member's download, with `seeding / snatched` clamped to [0, 1] (seeding torrents one never snatched,
 * e.g. one's own uploads, cannot push the requirement below the 100% column).
 * With nothing snatched the seeding fraction is undefined; like Gazelle we take it as 0, i.e. `maxRatio`.
 * The result is rounded to 1e-6 so equal requirements compare equal however they were computed.
 */
export function requiredRatio({ table, downloaded, averageSeeding, snatched }: RequiredRatioInput): number {
  const { maxRatio, minRatio } = rowForDownloaded(table, downloaded);
  const fraction = seedingFraction(averageSeeding, snatched);
  return quantizeRatio(Math.max(minRatio, maxRatio * (1 - fraction)));
}

function seedingFraction(seeding: number, snatched: number): number {
  if (!(snatched > 0)) return 0;
  const fraction = seeding / snatched;
  if (!(fraction > 0)) return 0;
  return Math.min(1, fraction);
}
