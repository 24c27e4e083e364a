import 'server-only';
import { isStaff } from '@/lib/auth/roles';
import type { SessionUser } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import {
  bytesToUpload, formatRatio, formatRequiredRatio, leechDecision, ratioHealth, ratioValue,
  type LeechingDisabledReason, type RatioHealth,
} from '@/lib/ratio';
import { evaluateMemberRatio } from './evaluate-member';

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
 * What a member's pages show about their ratio: the member themself or staff only. The member is evaluated
 * first, so the page shows the state the rules give now (e.g. a watch just started), never a stale one.
 */
export async function getRatioStatus(options: { actor: SessionUser; userId: number; now?: Date }): Promise<RatioStatus> {
  if (options.actor.id !== options.userId && !isStaff(options.actor.role)) {
    throw new AppError('FORBIDDEN', { userMessage: 'You can only see your own ratio status' });
  }
  const e = await evaluateMemberRatio({ userId: options.userId, now: options.now ?? new Date() });
  if (e === null) throw new AppError('NOT_FOUND', { userMessage: 'No such member' });
  const { uploaded, downloaded, required, state } = e;
  const decision = leechDecision({ ...state, uploaded, downloaded, required });
  return {
    uploaded,
    downloaded,
    ratio: formatRatio(uploaded, downloaded),
    required,
    requiredText: formatRequiredRatio(required),
    health: ratioHealth(ratioValue(uploaded, downloaded), required),
    averageSeeding: e.averageSeeding,
    snatched: e.snatched,
    bytesToUpload: bytesToUpload(uploaded, downloaded, required),
    watch: state.watch && {
      startedAt: state.watch.startedAt,
      endsAt: state.watch.endsAt,
      requiredAtStart: state.watch.requiredAtStart,
      downloadedSinceStart: downloaded - state.watch.downloadedAtStart,
      downloadLimitBytes: e.settings.maxDownloadDuringWatchBytes,
    },
    leechingDisabled: state.leechingDisabled,
    leechingDisabledReason: state.leechingDisabledReason,
    leechingMessage: decision.allowed ? null : decision.message,
  };
}
