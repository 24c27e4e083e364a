import 'server-only';
import { isStaff } from '@/lib/auth/roles';
import type { SessionUser } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import {
  bytesToUpload, evaluateMember, formatRatio, formatRequiredRatio, leechDecision, ratioHealth, ratioValue,
  type LeechingDisabledReason, type MemberRatioState, type RatioHealth,
} from '@/lib/ratio';
import { loadRatioInputs } from './ratio-inputs';

export interface RatioStatus {
  uploaded: bigint;
  downloaded: bigint;
  /** formatRatio: two decimals truncated, or '∞'. */
  ratio: string;
  /** The required ratio, and its display text rounded up (formatRequiredRatio). */
  required: number;
  requiredText: string;
  health: RatioHealth;
  /** Time-weighted torrents seeded over 7 days, and distinct snatches of torrents still on the site. */
  averageSeeding: number;
  snatched: number;
  /** Bytes to upload to meet the requirement; 0n when met. */
  bytesToUpload: bigint;
  watch: {
    startedAt: Date;
    endsAt: Date;
    requiredAtStart: number;
    downloadedSinceStart: bigint;
    /** Downloading more than this during the watch disables leeching at once. */
    downloadLimitBytes: bigint;
  } | null;
  leechingDisabled: boolean;
  leechingDisabledReason: LeechingDisabledReason | null;
  /** What the tracker and the download page say when refusing; null while downloading is allowed. */
  leechingMessage: string | null;
}

/**
 * What a member's pages show about their ratio: the member themself or staff only. It only reads: the state the
 * last evaluation stored (the ratio scheduler's, lib/services/ratio/ratio-scheduler.ts) with its required ratio,
 * as the tracker enforces it, current totals, seeding average and snatches. Like the tracker
 * (lib/tracker-server/leech-decision.ts), it applies at once a disabling step the rules give now (a watch run out,
 * the download limit passed) that the scheduler has not stored yet, so the page never says "allowed" while the
 * tracker refuses. A page view never writes: it must work while something else holds the write lock.
 */
export async function getRatioStatus(options: { actor: SessionUser; userId: number; now?: Date }): Promise<RatioStatus> {
  if (options.actor.id !== options.userId && !isStaff(options.actor.role)) {
    throw new AppError('FORBIDDEN', { userMessage: 'You can only see your own ratio status' });
  }
  const now = options.now ?? new Date();
  const inputs = await loadRatioInputs({ userId: options.userId, now });
  if (inputs === null) throw new AppError('NOT_FOUND', { userMessage: 'No such member' });
  const { member, storedRequired: required, settings } = inputs;
  const { uploaded, downloaded } = member;
  const transition = evaluateMember({ now, member, required, settings });
  const state: MemberRatioState = transition.kind === 'disable-leeching' ? transition.after : transition.before;
  const decision = leechDecision({ ...state, uploaded, downloaded, required });
  return {
    uploaded,
    downloaded,
    ratio: formatRatio(uploaded, downloaded),
    required,
    requiredText: formatRequiredRatio(required),
    health: ratioHealth(ratioValue(uploaded, downloaded), required),
    averageSeeding: inputs.averageSeeding,
    snatched: inputs.snatched,
    bytesToUpload: bytesToUpload(uploaded, downloaded, required),
    watch: state.watch && {
      startedAt: state.watch.startedAt,
      endsAt: state.watch.endsAt,
      requiredAtStart: state.watch.requiredAtStart,
      downloadedSinceStart: downloaded - state.watch.downloadedAtStart,
      downloadLimitBytes: settings.maxDownloadDuringWatchBytes,
    },
    leechingDisabled: state.leechingDisabled,
    leechingDisabledReason: state.leechingDisabledReason,
    leechingMessage: decision.allowed ? null : decision.message,
  };
}
