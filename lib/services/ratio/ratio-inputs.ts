import 'server-only';
import { db } from '@/lib/db/client';
import {
  averageSeeding, GIB, requiredRatio, SEEDING_WINDOW_MS, tableForMember,
  type LeechingDisabledReason, type MemberRatioState, type RatioTableVersion, type WatchSettings,
} from '@/lib/ratio';
import { getSetting } from '../settings';
import { loadTableVersions } from './ratio-tables';

export interface RatioInputs {
  userId: number;
  member: MemberRatioState & { uploaded: bigint; downloaded: bigint };
  /** The required ratio stored by the previous evaluation. */
  storedRequired: number;
  /** The stored reason as written (a value other than 'ratio'/'staff' reads as null in `member`). */
  storedReason: string | null;
  required: number;
  averageSeeding: number;
  snatched: number;
  settings: WatchSettings;
}

const MEMBER_SELECT = {
  id: true, uploaded: true, downloaded: true, leechingDisabled: true, leechingDisabledReason: true, requiredRatio: true,
  watchStartedAt: true, watchEndsAt: true, watchDownloadedAtStart: true, watchRequiredAtStart: true,
} as const;

/** The rule settings from the Setting table. */
export async function loadWatchSettings(): Promise<WatchSettings> {
  const [watchDays, maxGiB] = await Promise.all([getSetting('watchDays'), getSetting('maxDownloadDuringWatchGiB')]);
  return { watchDays, maxDownloadDuringWatchBytes: BigInt(Math.floor(maxGiB * Number(GIB))) };
}

/**
 * Everything the ratio rules read about one member at `now`: counters, stored enforcement state, the 7-day
 * seeding average, distinct snatches of torrents still on the site, and the required ratio under the table
 * that governs the member (a running watch keeps the table of its start). Null for an unknown member.
 * `versions` and `settings` may be passed in by a caller evaluating many members.
 */
export async function loadRatioInputs(options: {
  userId: number; now: Date; versions?: readonly RatioTableVersion[]; settings?: WatchSettings;
}): Promise<RatioInputs | null> {
  const { userId, now } = options;
  const windowStart = new Date(now.getTime() - SEEDING_WINDOW_MS);
  const [row, inWindow, beforeWindow, snatched, versions, settings] = await Promise.all([
    db().user.findUnique({ where: { id: userId }, select: MEMBER_SELECT }),
    db().seedingSample.findMany({ where: { userId, at: { gte: windowStart, lte: now } }, select: { at: true, seeding: true } }),
    db().seedingSample.findFirst({
      where: { userId, at: { lt: windowStart } }, orderBy: [{ at: 'desc' }, { id: 'desc' }], select: { at: true, seeding: true },
    }),
    db().userTorrent.count({ where: { userId, completedAt: { not: null }, torrent: { deletedAt: null } } }),
    options.versions ?? loadTableVersions(),
    options.settings ?? loadWatchSettings(),
  ]);
  if (!row) return null;
  const member = memberState(row);
  const average = averageSeeding(beforeWindow ? [beforeWindow, ...inWindow] : inWindow, now);
  const table = tableForMember({ versions, now, watch: member.watch });
  const required = requiredRatio({ table, downloaded: member.downloaded, averageSeeding: average, snatched });
  return {
    userId, member, storedRequired: row.requiredRatio, storedReason: row.leechingDisabledReason,
    required, averageSeeding: average, snatched, settings,
  };
}

type MemberRow = {
  uploaded: bigint; downloaded: bigint; leechingDisabled: boolean; leechingDisabledReason: string | null;
  watchStartedAt: Date | null; watchEndsAt: Date | null; watchDownloadedAtStart: bigint | null; watchRequiredAtStart: number | null;
};

function memberState(row: MemberRow): RatioInputs['member'] {
  const started = row.watchStartedAt;
  const ends = row.watchEndsAt;
  return {
    uploaded: row.uploaded,
    downloaded: row.downloaded,
    leechingDisabled: row.leechingDisabled,
    leechingDisabledReason: toReason(row.leechingDisabledReason),
    watch: started && ends ? {
      startedAt: started, endsAt: ends,
      downloadedAtStart: row.watchDownloadedAtStart ?? 0n, requiredAtStart: row.watchRequiredAtStart ?? 0,
    } : null,
  };
}

function toReason(value: string | null): LeechingDisabledReason | null {
  return value === 'ratio' || value === 'staff' ? value : null;
}
