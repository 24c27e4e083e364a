import 'server-only';
import { db } from '@/lib/db/client';
import {
  evaluateMember, formatRatio, formatRequiredRatio, GIB,
  type MemberRatioState, type RatioTableVersion, type RatioTransition, type WatchSettings,
} from '@/lib/ratio';
import { notifyTrackerChanged } from '@/lib/tracker-server/invalidate';
import { writeAudit, type AuditEntry } from '../audit';
import { loadRatioInputs } from './ratio-inputs';

export interface MemberEvaluation {
  userId: number;
  kind: RatioTransition['kind'];
  /** Why leeching was disabled, for 'disable-leeching'. */
  disabledBy: 'watch-expired' | 'download-limit' | null;
  /** The state now stored. */
  state: MemberRatioState;
  uploaded: bigint;
  downloaded: bigint;
  required: number;
  averageSeeding: number;
  snatched: number;
  settings: WatchSettings;
}

class StateChanged extends Error {}

/**
 * Runs the ratio rules for one member at `now` and stores the outcome: the transition of lib/ratio
 * evaluateMember, the freshly computed required ratio, and an audit entry (actor null) for every automatic
 * change. The update only applies if the stored state is still the one evaluated (staff may have acted
 * meanwhile); otherwise the evaluation is redone once. The tracker's caches are dropped when the state changed.
 * Returns null for an unknown member. System use case: callers authorize (the scheduler, the download policy).
 */
export async function evaluateMemberRatio(options: {
  userId: number; now?: Date; versions?: readonly RatioTableVersion[]; settings?: WatchSettings;
}): Promise<MemberEvaluation | null> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await evaluateOnce(options, options.now ?? new Date());
    } catch (error) {
      if (!(error instanceof StateChanged) || attempt >= 2) throw error;
    }
  }
}

async function evaluateOnce(
  options: { userId: number; versions?: readonly RatioTableVersion[]; settings?: WatchSettings }, now: Date,
): Promise<MemberEvaluation | null> {
  const inputs = await loadRatioInputs({ ...options, now });
  if (!inputs) return null;
  const { member, required } = inputs;
  const transition = evaluateMember({ now, member, required, settings: inputs.settings });
  const { before, after } = transition;
  const audits = auditEntries(inputs.userId, transition, member, required, inputs.settings);

  await db().$transaction(async (tx) => {
    const w = before.watch;
    const updated = await tx.user.updateMany({
      where: {
        id: inputs.userId,
        leechingDisabled: before.leechingDisabled,
        leechingDisabledReason: inputs.storedReason,
        watchStartedAt: w ? w.startedAt : null,
      },
      data: {
        requiredRatio: required,
        ratioEvaluatedAt: now,
        leechingDisabled: after.leechingDisabled,
        leechingDisabledReason: after.leechingDisabledReason,
        watchStartedAt: after.watch?.startedAt ?? null,
        watchEndsAt: after.watch?.endsAt ?? null,
        watchDownloadedAtStart: after.watch?.downloadedAtStart ?? null,
        watchRequiredAtStart: after.watch?.requiredAtStart ?? null,
      },
    });
    if (updated.count !== 1) throw new StateChanged();
    for (const entry of audits) await writeAudit(entry, tx);
  });

  // The tracker refuses from its cached state and required ratio: drop its caches when either matters.
  const enforced = after.leechingDisabled || after.watch !== null;
  if (transition.kind !== 'none' || (enforced && inputs.storedRequired !== required)) notifyTrackerChanged();
  return {
    userId: inputs.userId,
    kind: transition.kind,
    disabledBy: transition.kind === 'disable-leeching' ? transition.reason : null,
    state: after,
    uploaded: member.uploaded,
    downloaded: member.downloaded,
    required,
    averageSeeding: inputs.averageSeeding,
    snatched: inputs.snatched,
    settings: inputs.settings,
  };
}

function auditEntries(
  userId: number, t: RatioTransition, totals: { uploaded: bigint; downloaded: bigint }, required: number, settings: WatchSettings,
): AuditEntry[] {
  const ratio = formatRatio(totals.uploaded, totals.downloaded);
  const needed = formatRequiredRatio(required);
  const entry = (action: string, reason: string): AuditEntry => ({
    actorId: null, action, targetUserId: userId, before: t.before, after: t.after, reason,
  });
  switch (t.kind) {
    case 'none':
      return [];
    case 'start-watch':
      return [entry('watch.start', `Ratio ${ratio} is below the required ${needed}; the watch ends ${t.after.watch?.endsAt.toISOString()}`)];
    case 'end-watch': {
      const ended = entry('watch.end', `Ratio ${ratio} meets the required ${needed}`);
      return t.leechingRestored ? [ended, entry('leeching.restore', `Ratio ${ratio} meets the required ${needed}`)] : [ended];
    }
    case 'restore-leeching':
      return [entry('leeching.restore', `Ratio ${ratio} meets the required ${needed}`)];
    case 'disable-leeching':
      return [entry('leeching.disable', t.reason === 'watch-expired'
        ? `The watch ended with ratio ${ratio} below the required ${needed}`
        : `Downloaded more than ${gib(settings.maxDownloadDuringWatchBytes)} GiB during the watch (ratio ${ratio}, required ${needed})`)];
  }
}

function gib(bytes: bigint): string {
  return (Number(bytes) / Number(GIB)).toString();
}
