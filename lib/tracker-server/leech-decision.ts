import { evaluateMember, leechDecision as ratioLeechDecision, type MemberRatioState } from '@/lib/ratio';
import { markRatioActivity } from './ratio-activity';

/** What the tracker caches of a member's ratio enforcement (User columns, refreshed on notifyTrackerChanged). */
export interface TrackerRatioState extends MemberRatioState {
  /** The required ratio stored by the member's last evaluation. */
  requiredRatio: number;
}

export interface RatioContext {
  state: TrackerRatioState;
  /** Current credited totals; read only when the state can refuse (leeching disabled or a watch running). */
  totals: () => { uploaded: bigint; downloaded: bigint };
  maxDownloadDuringWatchBytes: bigint;
}

export interface LeechDecisionInput {
  userId: number;
  torrentId: number;
  /** Bytes the client still needs; 0 means seeding, which is always allowed. */
  left: bigint;
  nowMs: number;
  /** The member's ratio enforcement; the tracker always passes it, a caller that omits it restricts nothing. */
  ratio?: RatioContext;
}

export type LeechDecision = { allowed: true } | { allowed: false; message: string };

const ALLOWED: LeechDecision = { allowed: true };

/**
 * Whether this member may download right now, with lib/ratio's message when not. When it refuses (and
 * left > 0), the announce gets `message` as its failure reason, no peers, and the peer is removed from the swarm
 * so others do not see it; seeding is never refused.
 *
 * Members neither disabled nor on a watch cost nothing (no database read): only a running watch can turn into
 * a refusal. For those, the pure state machine runs on fresh totals, and a disabling step it finds (download
 * limit passed, watch expired) is enforced at once, in memory, while the ratio scheduler is asked to persist it
 * (with its audit entry) on its next short tick.
 */
export function leechDecision(input: LeechDecisionInput): LeechDecision {
  const ratio = input.ratio;
  if (ratio === undefined || input.left === 0n) return ALLOWED;
  const { state } = ratio;
  if (!state.leechingDisabled && state.watch === null) return ALLOWED;
  const totals = ratio.totals();
  const transition = evaluateMember({
    now: new Date(input.nowMs),
    member: { ...state, ...totals },
    required: state.requiredRatio,
    // watchDays only matters for starting a watch, which is the scheduler's job, never the tracker's.
    settings: { watchDays: 0, maxDownloadDuringWatchBytes: ratio.maxDownloadDuringWatchBytes },
  });
  const effective = transition.kind === 'disable-leeching' ? transition.after : transition.before;
  if (transition.kind === 'disable-leeching' || transition.kind === 'end-watch' || transition.kind === 'restore-leeching') {
    markRatioActivity(input.userId, true);
  }
  return ratioLeechDecision({ ...effective, ...totals, required: state.requiredRatio });
}
