import { ratioToMicros } from './precision';

/**
 * Gazelle-style ratio text: '∞' when nothing was downloaded, otherwise two decimals truncated toward zero
 * (0.599 shows as 0.59, never 0.60, so a member just under a requirement never appears to meet it).
 * Exact bigint arithmetic, however large the counters.
 */
export function formatRatio(uploaded: bigint, downloaded: bigint): string {
  if (downloaded <= 0n) return '∞';
  return hundredthsText((uploaded * 100n) / downloaded);
}

/**
 * A required ratio for display, rounded UP to two decimals. Paired with the truncated member ratio this
 * guarantees that a ratio below the requirement always prints smaller ("0.43 is below 0.44", never
 * "0.43 is below 0.43" for a requirement of 0.4333).
 */
export function formatRequiredRatio(required: number): string {
  const micros = ratioToMicros(required);
  return hundredthsText((micros + 9_999n) / 10_000n);
}

/** The ratio as a number for colouring and sorting; Infinity when nothing was downloaded. */
export function ratioValue(uploaded: bigint, downloaded: bigint): number {
  if (downloaded <= 0n) return Number.POSITIVE_INFINITY;
  return Number(uploaded) / Number(downloaded);
}

function hundredthsText(hundredths: bigint): string {
  const whole = hundredths / 100n;
  const fraction = (hundredths % 100n).toString().padStart(2, '0');
  return `${whole}.${fraction}`;
}
