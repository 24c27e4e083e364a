/**
 * Ratios are numbers, byte counts are bigints. Every comparison between the two goes through a ratio
 * quantized to 1e-6 ("micros") so that `meetsRequiredRatio` and `bytesToUpload` agree exactly, whatever
 * the size of the byte counts: a member meets the requirement exactly when nothing is left to upload.
 */
export const RATIO_SCALE = 1_000_000n;

/** `ratio` in millionths, rounded to the nearest; negative ratios count as 0. Throws on NaN or infinity. */
export function ratioToMicros(ratio: number): bigint {
  if (!Number.isFinite(ratio)) throw new RangeError(`A required ratio must be a finite number, got ${ratio}`);
  return ratio <= 0 ? 0n : BigInt(Math.round(ratio * 1e6));
}

/** The ratio rounded to 1e-6, so a float like 0.6 * (1 - 1/3) compares as the 0.4 it stands for. */
export function quantizeRatio(ratio: number): number {
  return Math.round(ratio * 1e6) / 1e6;
}

/** Exact `uploaded / downloaded >= required`; with nothing downloaded the ratio is infinite and always meets it. */
export function meetsRequiredRatio(uploaded: bigint, downloaded: bigint, required: number): boolean {
  if (downloaded <= 0n) return true;
  return uploaded * RATIO_SCALE >= downloaded * ratioToMicros(required);
}
