import { meetsRequiredRatio } from './precision';
import { DAY_MS } from './units';
import type { MemberRatioState, RatioWatch, WatchSettings } from './watch-state';

export interface EvaluateMemberInput {
  now: Date;
  member: MemberRatioState & { uploaded: bigint; downloaded: bigint };
  /** From `requiredRatio`, with the table given by `tableForMember`. */
  required: number;
  settings: WatchSettings;
}

type Change = { before: MemberRatioState; after: MemberRatioState };

/**
 * One step of the ratio watch state machine; `after` is the state to store, and every kind but 'none' is an
 * automatic change the server layer records in the audit log with `before` and `after`.
 * - 'start-watch': below the required ratio with no watch running; the watch ends `watchDays` from now.
 * - 'end-watch': a watched member meets the requirement again; leeching is restored if the ratio rule
 *   disabled it (`leechingRestored`), never if staff did.
 * - 'restore-leeching': leeching was disabled by the ratio rule without a watch (e.g. staff cleared it) and
 *   the requirement is met.
 * - 'disable-leeching': still below at or after `endsAt` ('watch-expired', checked first), or more than
 *   `maxDownloadDuringWatchBytes` downloaded since the watch started ('download-limit'). The watch stays
 *   on, so meeting the requirement later ends it and restores leeching.
 * - 'none': nothing changes; also when leeching is already disabled, so staff's reason is never overwritten.
 * A required ratio of 0 (the first table row) is always met, so those members are never put on watch.
 */
export type RatioTransition =
  | ({ kind: 'none' } & Change)
  | ({ kind: 'start-watch' } & Change)
  | ({ kind: 'end-watch'; leechingRestored: boolean } & Change)
  | ({ kind: 'restore-leeching' } & Change)
  | ({ kind: 'disable-leeching'; reason: 'watch-expired' | 'download-limit' } & Change);

export function evaluateMember({ now, member, required, settings }: EvaluateMemberInput): RatioTransition {
  const before: MemberRatioState = {
    leechingDisabled: member.leechingDisabled,
    leechingDisabledReason: member.leechingDisabledReason,
    watch: member.watch,
  };
  const disabledByRatio = before.leechingDisabled && before.leechingDisabledReason === 'ratio';
  const allowed: Pick<MemberRatioState, 'leechingDisabled' | 'leechingDisabledReason'> = {
    leechingDisabled: false,
    leechingDisabledReason: null,
  };

  if (meetsRequiredRatio(member.uploaded, member.downloaded, required)) {
    if (before.watch) {
      const after = disabledByRatio ? { ...before, ...allowed, watch: null } : { ...before, watch: null };
      return { kind: 'end-watch', leechingRestored: disabledByRatio, before, after };
    }
    if (disabledByRatio) return { kind: 'restore-leeching', before, after: { ...before, ...allowed } };
    return { kind: 'none', before, after: before };
  }

  if (!before.watch) {
    const watch: RatioWatch = {
      startedAt: now,
      endsAt: new Date(now.getTime() + settings.watchDays * DAY_MS),
      downloadedAtStart: member.downloaded,
      requiredAtStart: required,
    };
    return { kind: 'start-watch', before, after: { ...before, watch } };
  }
  if (before.leechingDisabled) return { kind: 'none', before, after: before };

  const disabled: MemberRatioState = { ...before, leechingDisabled: true, leechingDisabledReason: 'ratio' };
  if (now.getTime() >= before.watch.endsAt.getTime()) {
    return { kind: 'disable-leeching', reason: 'watch-expired', before, after: disabled };
  }
  if (member.downloaded - before.watch.downloadedAtStart > settings.maxDownloadDuringWatchBytes) {
    return { kind: 'disable-leeching', reason: 'download-limit', before, after: disabled };
  }
  return { kind: 'none', before, after: before };
}
