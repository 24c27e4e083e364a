import type { TrackerRatioState } from '../leech-decision';

/** The User columns of ratio enforcement, as each store reads them (booleans, epoch ms). */
export interface RatioColumns {
  leechingDisabled: boolean;
  leechingDisabledReason: string | null;
  requiredRatio: number;
  watchStartedAtMs: number | null;
  watchEndsAtMs: number | null;
  watchDownloadedAtStart: bigint | null;
  watchRequiredAtStart: number | null;
}

export function ratioState(row: RatioColumns): TrackerRatioState {
  const reason = row.leechingDisabledReason;
  const { watchStartedAtMs: startedAt, watchEndsAtMs: endsAt } = row;
  return {
    leechingDisabled: row.leechingDisabled,
    leechingDisabledReason: reason === 'ratio' || reason === 'staff' ? reason : null,
    requiredRatio: Number(row.requiredRatio),
    watch: startedAt === null || endsAt === null ? null : {
      startedAt: new Date(startedAt),
      endsAt: new Date(endsAt),
      downloadedAtStart: row.watchDownloadedAtStart ?? 0n,
      requiredAtStart: row.watchRequiredAtStart ?? 0,
    },
  };
}
