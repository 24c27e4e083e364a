import 'server-only';
import { db } from '@/lib/db/client';
import { SEEDING_WINDOW_MS } from '@/lib/ratio';
import { holdLeadership, LOCK_KEYS } from '@/lib/shared-state/leader';
import { takeRatioActivity } from '@/lib/tracker-server/ratio-activity';
import { dayOf } from '@/lib/history/days';
import { takeDailySnapshots, type SnapshotResult } from '../history/take-daily-snapshots';
import { pruneNotifications } from '../notifications/prune-notifications';
import { evaluateMembersRatio } from './evaluate-member';
import { loadWatchSettings } from './ratio-inputs';
import { loadTableVersions } from './ratio-tables';
import { pruneSeedingSamples, sampleSeeding } from './seeding-samples';

export interface RatioSchedulerOptions {
  /** Injectable clock, so tests drive passes without waiting. */
  now?: () => Date;
  /** The full pass: seeding samples of everyone, deadlines, drifting averages. Default 10 minutes. */
  sweepIntervalMs?: number;
  /** The pass over members the tracker reported. Default 15 seconds. */
  activityIntervalMs?: number;
  /** How often to check whether the day's history snapshot is due. Default 1 minute. */
  snapshotIntervalMs?: number;
  /** A member with ordinary tracker activity is evaluated at most this often; urgent ones at once. Default 1 minute. */
  minEvaluationGapMs?: number;
  log?: (line: string) => void;
}

export interface RatioPassResult {
  evaluated: number;
  changed: number;
}

export interface RatioScheduler {
  /** Samples and evaluates the members the tracker reported since the last pass. */
  processActivity(): Promise<RatioPassResult>;
  /** The periodic full pass. */
  sweep(): Promise<RatioPassResult>;
  /** Takes the day's history snapshot (lib/services/history) unless this day's is already done. */
  snapshot(): Promise<SnapshotResult | null>;
  stop(): void;
}

/**
 * Keeps the stored ratio state current without evaluating every member on every announce:
 * - the tracker queues members whose credited bytes or seeding changed (lib/tracker-server/ratio-activity);
 *   a short pass samples the seeding of those whose peers started, stopped or finished, and evaluates them
 *   at most once a minute each, except "urgent" ones
 *   (the tracker already refused them for a download limit or an expired watch), which are persisted at once;
 * - a 10-minute sweep samples everyone's seeding and evaluates the members whose state can move without any
 *   announce: watches past their deadline, members on a watch or disabled by the ratio rule, members with
 *   seeding history in the 7-day window (their average drifts), everyone with a download when a new table took
 *   effect, and everyone with a download on the first sweep (the activity queue does not survive a restart);
 *   the sweep also deletes old read notifications.
 * Passes never overlap. `createRatioScheduler` starts no timers; `startRatioScheduler` does.
 */
export function createRatioScheduler(options: RatioSchedulerOptions = {}): RatioScheduler {
  const now = options.now ?? (() => new Date());
  const gapMs = options.minEvaluationGapMs ?? 60_000;
  const log = options.log ?? ((line: string) => console.error(line));
  const lastEvaluated = new Map<number, number>();
  const deferred = new Set<number>();
  let lastSweepMs: number | null = null;
  let snapshotDay: string | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  const serial = <T>(run: () => Promise<T>): Promise<T> => {
    const result = queue.then(run);
    queue = result.catch(() => undefined);
    return result;
  };

  async function evaluateAll(userIds: Iterable<number>, at: Date): Promise<RatioPassResult> {
    const [versions, settings] = await Promise.all([loadTableVersions(), loadWatchSettings()]);
    const ids = [...userIds];
    const outcome = await evaluateMembersRatio({ userIds: ids, now: at, versions, settings });
    const failed = new Set<number>();
    for (const { userId, error } of outcome.failed) {
      failed.add(userId);
      log(`ratio: evaluating member ${userId} failed: ${error}`);
    }
    // Members that no longer exist are done with too; failed ones stay due.
    for (const userId of ids) {
      if (failed.has(userId)) continue;
      lastEvaluated.set(userId, at.getTime());
      deferred.delete(userId);
    }
    return { evaluated: outcome.evaluated.length, changed: outcome.changed.length };
  }

  const processActivity = () => serial(async () => {
    const at = now();
    const activity = takeRatioActivity();
    // Only members whose Peer rows started, stopped or finished can seed another number of torrents.
    if (activity.seeding.length > 0) await sampleSeeding({ now: at, userIds: activity.seeding });
    for (const userId of activity.changed) deferred.add(userId);
    const urgent = new Set(activity.urgent);
    const due = [...deferred].filter((userId) => urgent.has(userId) || at.getTime() - (lastEvaluated.get(userId) ?? -Infinity) >= gapMs);
    return evaluateAll(new Set([...urgent, ...due]), at);
  });

  const sweep = () => serial(async () => {
    const at = now();
    const sampled = await sampleSeeding({ now: at });
    await pruneSeedingSamples({ now: at });
    await pruneNotifications({ now: at });
    const members = await sweepMembers(at, lastSweepMs);
    lastSweepMs = at.getTime();
    return evaluateAll(new Set([...sampled, ...deferred, ...members]), at);
  });

  // Between ratio passes, never during one: the snapshot reads the figures those passes write.
  const snapshot = () => serial(async () => {
    const at = now();
    if (snapshotDay === dayOf(at)) return null;
    const result = await takeDailySnapshots({ now: at });
    snapshotDay = result.day;
    if (result.taken) log(`history: snapshot of ${result.day} taken (${result.members} member rows)`);
    return result;
  });

  return { processActivity, sweep, snapshot, stop: () => undefined };
}

async function sweepMembers(at: Date, lastSweepMs: number | null): Promise<number[]> {
  const tableTookEffect = lastSweepMs === null || (await db().ratioTableVersion.count({
    where: { effectiveFrom: { gt: new Date(lastSweepMs), lte: at } },
  })) > 0;
  const windowStart = new Date(at.getTime() - SEEDING_WINDOW_MS);
  const rows = await db().user.findMany({
    where: {
      OR: [
        ...(tableTookEffect ? [{ downloaded: { gt: 0n } }] : []),
        { watchEndsAt: { not: null } },
        { leechingDisabled: true, leechingDisabledReason: 'ratio' },
        { seedingSamples: { some: { at: { gte: windowStart } } } },
      ],
    },
    select: { id: true },
  });
  return rows.map((row) => row.id);
}

const KEY = Symbol.for('giveback.ratioScheduler');
type Holder = { [KEY]?: RatioScheduler };

/**
 * Starts the scheduler's timers once per process (a second call returns the running one), e.g. from server.ts.
 * The timers are unref'd so they never keep a finished process alive.
 */
export function startRatioScheduler(options: RatioSchedulerOptions = {}): RatioScheduler {
  const holder = globalThis as Holder;
  if (holder[KEY]) return holder[KEY];
  const scheduler = runRatioScheduler(options);
  const running: RatioScheduler = {
    ...scheduler,
    stop() {
      scheduler.stop();
      delete holder[KEY];
    },
  };
  holder[KEY] = running;
  return running;
}

/**
 * Runs the scheduler in one process of the whole site: while this process holds the ratio lock
 * (lib/shared-state/leader: always on SQLite, a PostgreSQL advisory lock otherwise). Two schedulers would sample
 * seeding twice and repeat each other's audited transitions. A process that loses the lock stops its timers at
 * once; one that takes it over starts afresh (its first sweep evaluates everyone with a download, as after a
 * restart).
 */
export function startSingleRatioScheduler(options: RatioSchedulerOptions & { lockRetryMs?: number } = {}): { stop(): Promise<void> } {
  let running: RatioScheduler | null = null;
  const leadership = holdLeadership({
    name: 'ratio scheduler',
    lockKey: LOCK_KEYS.ratioScheduler,
    retryMs: options.lockRetryMs,
    log: options.log,
    onAcquired: () => {
      running = startRatioScheduler(options);
    },
    onLost: () => {
      running?.stop();
      running = null;
    },
  });
  return { stop: () => leadership.stop() };
}

function runRatioScheduler(options: RatioSchedulerOptions): RatioScheduler {
  const scheduler = createRatioScheduler(options);
  const log = options.log ?? ((line: string) => console.error(line));
  const guard = (pass: () => Promise<unknown>, what = 'ratio: pass') => () => {
    pass().catch((error: unknown) => log(`${what} failed: ${error instanceof Error ? error.message : String(error)}`));
  };
  const activity = setInterval(guard(scheduler.processActivity), options.activityIntervalMs ?? 15_000);
  const sweep = setInterval(guard(scheduler.sweep), options.sweepIntervalMs ?? 600_000);
  const snapshot = setInterval(guard(scheduler.snapshot, 'history: snapshot'), options.snapshotIntervalMs ?? 60_000);
  activity.unref();
  sweep.unref();
  snapshot.unref();
  guard(scheduler.sweep)();
  guard(scheduler.snapshot, 'history: snapshot')();
  return {
    ...scheduler,
    stop() {
      clearInterval(activity);
      clearInterval(sweep);
      clearInterval(snapshot);
    },
  };
}
