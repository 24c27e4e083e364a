import { DAY_MS, HOUR_MS } from './units';

/** One step of the seeding history: `seeding` torrents were seeded from `at` until the next sample. */
export interface SeedingSample {
  at: Date;
  seeding: number;
}

export const SEEDING_WINDOW_MS = 7 * DAY_MS;
/** Shorter histories are padded with "seeding nothing" up to this length. */
export const MIN_SEEDING_HISTORY_MS = 72 * HOUR_MS;

/**
 * Time-weighted average of the step function `samples` over the window W = [now - windowMs, now]:
 *
 *   start    = max(now - windowMs, first sample's `at`)      (history before the first sample is unknown)
 *   integral = ∫ seeding(t) dt over [start, now]              (each sample holds until the next, the last until now)
 *   average  = integral / max(now - start, min(72 h, windowMs))
 *
 * So a member with less than 72 hours of history has the missing time counted as seeding nothing, and one
 * with more is averaged over the history actually covered (at most the window). A sample before the window
 * supplies the value at its start; samples after `now` are ignored; no history at all averages 0.
 * Order of `samples` does not matter; of samples sharing an instant, the last one given wins.
 */
export function averageSeeding(samples: readonly SeedingSample[], now: Date, windowMs: number = SEEDING_WINDOW_MS): number {
  const end = now.getTime();
  const windowStart = end - windowMs;
  const steps = samples
    .map((sample) => ({ at: sample.at.getTime(), seeding: sample.seeding }))
    .filter((step) => step.at <= end)
    .sort((a, b) => a.at - b.at);
  const first = steps[0];
  if (!first) return 0;

  let integral = 0;
  steps.forEach((step, index) => {
    const from = Math.max(windowStart, step.at);
    const to = Math.min(end, steps[index + 1]?.at ?? end);
    if (to > from) integral += (to - from) * step.seeding;
  });
  const covered = end - Math.max(windowStart, first.at);
  const denominator = Math.max(covered, Math.min(MIN_SEEDING_HISTORY_MS, windowMs));
  return denominator > 0 ? integral / denominator : 0;
}
