import { formatRatio, formatRequiredRatio } from './format-ratio';
import { meetsRequiredRatio } from './precision';
import type { LeechingDisabledReason } from './watch-state';

export interface LeechDecisionInput {
  leechingDisabled: boolean;
  leechingDisabledReason: LeechingDisabledReason | null;
  /** Credited totals; the ratio is formatted from them exactly as `formatRatio` shows it on the site. */
  uploaded: bigint;
  downloaded: bigint;
  /** The member's current required ratio (`requiredRatio`). */
  required: number;
}

export type LeechDecision = { allowed: true } | { allowed: false; message: string };

/**
 * Whether the member may download, and the one message the tracker (as a BEP 3 `failure reason`) and the
 * site both show when not. Seeding is never refused. Leeching disabled by the ratio rule is allowed again as
 * soon as the ratio meets the requirement, without waiting for the next evaluation to clear the flag;
 * leeching disabled by staff (or with no recorded reason) stays refused whatever the ratio.
 */
export function leechDecision(input: LeechDecisionInput): LeechDecision {
  if (!input.leechingDisabled) return { allowed: true };
  if (input.leechingDisabledReason !== 'ratio') {
    return { allowed: false, message: 'Leeching disabled by staff; seeding is still allowed' };
  }
  if (meetsRequiredRatio(input.uploaded, input.downloaded, input.required)) return { allowed: true };
  const ratio = formatRatio(input.uploaded, input.downloaded);
  const required = formatRequiredRatio(input.required);
  return { allowed: false, message: `Leeching disabled: ratio ${ratio} is below the required ${required}; seed to recover` };
}
