/**
 * The announce `interval` (BEP 3) with +/-10% jitter, so peers that started together (after a tracker restart,
 * say) drift apart instead of announcing in bursts. `random01` is in [0, 1); the result is a whole number of
 * seconds, at least 1.
 */
export function jitteredInterval(baseSeconds: number, random01: number): number {
  const factor = 0.9 + 0.2 * Math.min(Math.max(random01, 0), 1);
  return Math.max(1, Math.round(baseSeconds * factor));
}
