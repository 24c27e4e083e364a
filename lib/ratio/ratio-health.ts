export type RatioHealth = 'infinite' | 'good' | 'ok' | 'warning' | 'bad';

/**
 * The colour class of a ratio against the member's required ratio:
 * - 'infinite': nothing downloaded;
 * - 'bad': below the required ratio (the member is, or is about to be, on ratio watch);
 * - 'warning': at or above it but less than 10% above (`ratio < required * 1.1`);
 * - 'ok': safely above the requirement but below 1 (taking more than giving back);
 * - 'good': 1 or more and outside the warning band.
 * The band edge is compared in millionths so that 0.44 against 0.40 is 'ok', not lost to float error.
 */
export function ratioHealth(ratio: number, required: number): RatioHealth {
  if (ratio === Number.POSITIVE_INFINITY) return 'infinite';
  if (ratio < required) return 'bad';
  const ratioMicros = Math.round(ratio * 1e6);
  const requiredMicros = Math.round(Math.max(0, required) * 1e6);
  // Within 10% above: one more download without seeding puts the member on watch.
  if (ratioMicros * 10 < requiredMicros * 11) return 'warning';
  return ratio >= 1 ? 'good' : 'ok';
}

/**
 * The colour class of a ratio when the member's required ratio is not known to the viewer (another member's
 * profile, a peer in a swarm), on the scale Gazelle sites use: below 0.5 'bad', below 1 'warning', 1 or more 'good'.
 */
export function ratioHealthAlone(ratio: number): RatioHealth {
  if (ratio === Number.POSITIVE_INFINITY) return 'infinite';
  if (ratio < 0.5) return 'bad';
  return ratio < 1 ? 'warning' : 'good';
}
