import { GIB } from './units';

/** Who disabled leeching: the automatic ratio rule (restored automatically) or staff (never restored automatically). */
export type LeechingDisabledReason = 'ratio' | 'staff';

/** A running ratio watch: the member has until `endsAt` to reach the required ratio. */
export interface RatioWatch {
  startedAt: Date;
  endsAt: Date;
  downloadedAtStart: bigint;
  /** For display and audit; the requirement itself is recomputed at each evaluation (seeding lowers it). */
  requiredAtStart: number;
}

/** The part of a member the ratio rules read and change. */
export interface MemberRatioState {
  leechingDisabled: boolean;
  /** Null while leeching is allowed; a disabled member with no reason is treated as disabled by staff. */
  leechingDisabledReason: LeechingDisabledReason | null;
  watch: RatioWatch | null;
}

export interface WatchSettings {
  /** Length of a watch; 14 in Gazelle. */
  watchDays: number;
  /** Downloading more than this during a watch disables leeching before the deadline. */
  maxDownloadDuringWatchBytes: bigint;
}

export const DEFAULT_WATCH_SETTINGS: Readonly<WatchSettings> = Object.freeze({
  watchDays: 14,
  maxDownloadDuringWatchBytes: 10n * GIB,
});
