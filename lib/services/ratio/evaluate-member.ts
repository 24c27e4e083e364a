import 'server-only';
import { db } from '@/lib/db/client';
import { nextTurn, slices } from '@/lib/db/slices';
import {
  evaluateMember, formatRatio, formatRequiredRatio, GIB,
  type MemberRatioState, type RatioTableVersion, type RatioTransition, type WatchSettings,
} from '@/lib/ratio';
import { notifyTrackerOnCommit } from '@/lib/shared-state/tracker-changes';
import { notifyTrackerChanged } from '@/lib/tracker-server/invalidate';
import { writeAudit, type AuditEntry } from '../audit';
import { ratioNotifications } from '../notifications/ratio-notifications';
import { notify } from '../notifications/notify';
import { loadRatioInputs, loadRatioInputsMany, type RatioInputs } from './ratio-inputs';

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
  return store(inputs, evaluateMember({ now, member: inputs.member, required: inputs.required, settings: inputs.settings }), now);
}

/** Writes one evaluation (see evaluateMemberRatio); throws StateChanged when the stored state moved meanwhile. */
async function store(inputs: RatioInputs, transition: RatioTransition, now: Date): Promise<MemberEvaluation> {
  const { member, required } = inputs;
  const { before, after } = transition;
  const audits = auditEntries(inputs.userId, transition, member, required, inputs.settings);

  // The tracker refuses from its cached state and required ratio: drop its caches when either matters.
  const enforced = after.leechingDisabled || after.watch !== null;
  const trackerMustKnow = transition.kind !== 'none' || (enforced && inputs.storedRequired !== required);
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
    for (const content of ratioNotifications(transition, { ...member, required, settings: inputs.settings })) {
      await notify(tx, { userIds: [inputs.userId], content, now });
    }
    if (trackerMustKnow) await notifyTrackerOnCommit(tx);
  });
  if (trackerMustKnow) notifyTrackerChanged();
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

export interface ManyEvaluations {
  /** Members evaluated (unknown ids are skipped). */
  evaluated: number[];
  /** Members whose watch or leeching state changed. */
  changed: number[];
  /** Members whose evaluation failed, with the reason; the others are stored regardless. */
  failed: { userId: number; error: string }[];
}

/**
 * evaluateMemberRatio for many members, as the ratio scheduler runs it (on its own thread under server.ts,
 * ratio-thread.ts): inputs are read a slice of members at a time (one slice per event-loop turn, so on a shared
 * event loop a pass holds it for a slice at most: 22-37 ms per 400 members), and members whose state stays
 * as it is (nearly all) are stored by one statement per group of equal state and required ratio, not one
 * transaction each. A member whose state moves, or whose stored state changed under the bulk write, goes through
 * evaluateMemberRatio, with its audit entries. The outcome for each member is the one evaluateMemberRatio
 * would store.
 */
export async function evaluateMembersRatio(options: {
  userIds: Iterable<number>; now: Date; versions?: readonly RatioTableVersion[]; settings?: WatchSettings;
}): Promise<ManyEvaluations> {
  const { now } = options;
  const ids = [...new Set(options.userIds)];
  const result: ManyEvaluations = { evaluated: [], changed: [], failed: [] };
  let notify = false;
  const one = async (userId: number) => {
    try {
      const e = await evaluateMemberRatio({ userId, now, versions: options.versions, settings: options.settings });
      if (e === null) return;
      result.evaluated.push(userId);
      if (e.kind !== 'none') result.changed.push(userId);
    } catch (error) {
      result.failed.push({ userId, error: reason(error) });
    }
  };
  for (const slice of slices(ids)) {
    // One slice per turn of the event loop.
    await nextTurn();
    let inputs: Map<number, RatioInputs>;
    try {
      inputs = await loadRatioInputsMany({ userIds: slice, now, versions: options.versions, settings: options.settings });
    } catch (error) {
      for (const userId of slice) result.failed.push({ userId, error: reason(error) });
      continue;
    }
    // Unchanged members by what the bulk update must find stored and what it writes.
    const groups = new Map<string, RatioInputs[]>();
    for (const input of inputs.values()) {
      const transition = evaluateMember({ now, member: input.member, required: input.required, settings: input.settings });
      if (transition.kind !== 'none') {
        await one(input.userId);
        continue;
      }
      const key = JSON.stringify([input.required, input.member.leechingDisabled, input.storedReason, input.member.watch?.startedAt.getTime() ?? null]);
      const group = groups.get(key);
      if (group === undefined) groups.set(key, [input]);
      else group.push(input);
    }
    for (const group of groups.values()) {
      const first = group[0] as RatioInputs;
      const w = first.member.watch;
      let count: number;
      try {
        ({ count } = await db().user.updateMany({
          where: {
            id: { in: group.map((input) => input.userId) },
            leechingDisabled: first.member.leechingDisabled,
            leechingDisabledReason: first.storedReason,
            watchStartedAt: w ? w.startedAt : null,
          },
          data: { requiredRatio: first.required, ratioEvaluatedAt: now },
        }));
      } catch (error) {
        for (const input of group) result.failed.push({ userId: input.userId, error: reason(error) });
        continue;
      }
      if (count !== group.length) {
        // Someone's state moved between the read and the write (staff, say): evaluate each afresh.
        for (const input of group) await one(input.userId);
        continue;
      }
      for (const input of group) {
        result.evaluated.push(input.userId);
        const enforced = input.member.leechingDisabled || input.member.watch !== null;
        if (enforced && input.storedRequired !== input.required) notify = true;
      }
    }
  }
  // The tracker refuses from its cached required ratio: drop its caches when an enforced one moved.
  if (notify) {
    await notifyTrackerOnCommit(db());
    notifyTrackerChanged();
  }
  return result;
}

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

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
