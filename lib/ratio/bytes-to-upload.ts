import { RATIO_SCALE, ratioToMicros } from './precision';

/**
 * Bytes still to upload before `uploaded / downloaded` reaches `required`, or 0n when it already does.
 * Exact for any size: the target is ceil(downloaded * required) with `required` taken to 1e-6, so the
 * result is 0n exactly when `meetsRequiredRatio` holds.
 */
export function bytesToUpload(uploaded: bigint, downloaded: bigint, required: number): bigint {
  const product = downloaded * ratioToMicros(required);
  const target = (product + RATIO_SCALE - 1n) / RATIO_SCALE;
  return target > uploaded ? target - uploaded : 0n;
}
