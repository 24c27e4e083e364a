import 'server-only';
import { db } from '@/lib/db/client';
import { slices } from '@/lib/db/slices';
import {
  averageSeeding, GIB, requiredRatio, SEEDING_WINDOW_MS, tableForMember,
  type LeechingDisabledReason, type MemberRatioState, type RatioTableVersion, type SeedingSample, type WatchSettings,
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
  const found = await loadRatioInputsMany({ ...options, userIds: [options.userId] });
  return found.get(options.userId) ?? null;
}

/**
 * loadRatioInputs for many members in a few queries per slice of members instead of four per member: the
 * scheduler evaluates every active member of a busy site each minute, and per-member queries on the event loop
 * it shares with the tracker cost the tracker a third of its announces (bench:announce). Unknown ids are left out.
 */
export async function loadRatioInputsMany(options: {
  userIds: readonly number[]; now: Date; versions?: readonly RatioTableVersion[]; settings?: WatchSettings;
}): Promise<Map<number, RatioInputs>> {
  const { now } = options;
  const [versions, settings] = await Promise.all([options.versions ?? loadTableVersions(), options.settings ?? loadWatchSettings()]);
  const out = new Map<number, RatioInputs>();
  const ids = [...new Set(options.userIds)];
  for (const slice of slices(ids)) {
    const [rows, samples, snatches] = await Promise.all([
      db().user.findMany({ where: { id: { in: slice } }, select: MEMBER_SELECT }),
      seedingSamplesOf(slice, now),
      db().userTorrent.groupBy({
        by: ['userId'],
        where: { userId: { in: slice }, completedAt: { not: null }, torrent: { deletedAt: null } },
        _count: { _all: true },
      }),
    ]);
    const snatched = new Map(snatches.map((row) => [row.userId, row._count._all]));
    for (const row of rows) {
      const member = memberState(row);
      const average = averageSeeding(samples.get(row.id) ?? [], now);
      const table = tableForMember({ versions, now, watch: member.watch });
      const count = snatched.get(row.id) ?? 0;
      const required = requiredRatio({ table, downloaded: member.downloaded, averageSeeding: average, snatched: count });
      out.set(row.id, {
        userId: row.id, member, storedRequired: row.requiredRatio, storedReason: row.leechingDisabledReason,
        required, averageSeeding: average, snatched: count, settings,
      });
    }
  }
  return out;
}

/**
 * The samples the 7-day average of each member reads: those in the window, and the member's latest one before
 * it (latest by time, then by id), which supplies the count at the window's start.
 */
async function seedingSamplesOf(userIds: readonly number[], now: Date): Promise<Map<number, SeedingSample[]>> {
  const windowStart = new Date(now.getTime() - SEEDING_WINDOW_MS);
  const [inWindow, latestBefore] = await Promise.all([
    db().seedingSample.findMany({
      where: { userId: { in: [...userIds] }, at: { gte: windowStart, lte: now } },
      orderBy: [{ at: 'asc' }, { id: 'asc' }],
      select: { userId: true, at: true, seeding: true },
    }),
    db().seedingSample.groupBy({ by: ['userId'], where: { userId: { in: [...userIds] }, at: { lt: windowStart } }, _max: { at: true } }),
  ]);
  const out = new Map<number, SeedingSample[]>();
  const before = latestBefore.flatMap((row) => (row._max.at === null ? [] : [{ userId: row.userId, at: row._max.at }]));
  if (before.length > 0) {
    const rows = await db().seedingSample.findMany({
      where: { OR: before },
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
      select: { userId: true, at: true, seeding: true },
    });
    for (const row of rows) if (!out.has(row.userId)) out.set(row.userId, [{ at: row.at, seeding: row.seeding }]);
  }
  for (const row of inWindow) {
    const list = out.get(row.userId);
    if (list === undefined) out.set(row.userId, [{ at: row.at, seeding: row.seeding }]);
    else list.push({ at: row.at, seeding: row.seeding });
  }
  return out;
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
