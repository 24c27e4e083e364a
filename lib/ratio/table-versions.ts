import { DEFAULT_RATIO_TABLE, type RatioTableRow } from './ratio-table';
import type { RatioWatch } from './watch-state';

/** A ratio table as saved by an admin, applying from `effectiveFrom` until a later version applies. */
export interface RatioTableVersion {
  effectiveFrom: Date;
  rows: readonly RatioTableRow[];
}

/**
 * The version in effect at `at`: the latest `effectiveFrom` at or before it (of versions sharing an instant,
 * the last given). Null when `at` precedes every version.
 */
export function tableInEffect(versions: readonly RatioTableVersion[], at: Date): RatioTableVersion | null {
  let inEffect: RatioTableVersion | null = null;
  for (const version of versions) {
    const from = version.effectiveFrom.getTime();
    if (from <= at.getTime() && (!inEffect || from >= inEffect.effectiveFrom.getTime())) inEffect = version;
  }
  return inEffect;
}

/**
 * The instant whose table governs a member: a running watch keeps the table that was in effect when it
 * started, so a stricter table saved mid-watch never shortens or fails a watch retroactively.
 */
export function tableReferenceTime({ now, watch }: { now: Date; watch: Pick<RatioWatch, 'startedAt'> | null }): Date {
  return watch ? watch.startedAt : now;
}

/** The rows to compute a member's required ratio with; `DEFAULT_RATIO_TABLE` before any saved version. */
export function tableForMember(options: {
  versions: readonly RatioTableVersion[];
  now: Date;
  watch: Pick<RatioWatch, 'startedAt'> | null;
}): readonly RatioTableRow[] {
  return tableInEffect(options.versions, tableReferenceTime(options))?.rows ?? DEFAULT_RATIO_TABLE;
}
