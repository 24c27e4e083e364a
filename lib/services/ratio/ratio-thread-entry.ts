/**
 * The ratio scheduler's worker thread (started by ratio-thread.ts): the scheduler's passes read and evaluate
 * thousands of members through Prisma, and on the tracker's event loop each slice of them held it for 10-40 ms.
 * Here they run beside it. The thread has its own Prisma client (its own SQLite connection; writes wait for the
 * lock as the site's do), its own copy of the activity queue, which the main thread fills by message, and its
 * own tracker cache generation, whose moves it reports back so the tracker drops its caches.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { markRatioActivity, markSeedingActivity } from '@/lib/tracker-server/ratio-activity';
import { niceCurrentThread } from '@/lib/thread-priority';
import { trackerGeneration } from '@/lib/tracker-server/invalidate';
import type { RatioThreadMessage, RatioThreadRequest } from './ratio-thread-protocol';
import { startSingleRatioScheduler } from './ratio-scheduler';

const port = parentPort;
if (port === null) throw new Error('ratio-thread-entry.ts runs as a worker thread');
const post = (m: RatioThreadMessage) => port.postMessage(m);
/**
 * At niceness 10: on a core the event loop keeps busy, a pass then takes about a tenth of it instead of half, and
 * still makes progress (unlike the fold's idle class, a ratio pass must not wait for the load to ease).
 */
const RATIO_THREAD_NICE = 10;

niceCurrentThread(RATIO_THREAD_NICE);
const { activityIntervalMs } = workerData as { activityIntervalMs?: number };
// Under the site-wide ratio lock: with several tracker processes on one PostgreSQL database only one runs it.
const scheduler = startSingleRatioScheduler({ log: (line) => post({ type: 'log', line }), activityIntervalMs });
let generation = trackerGeneration();
// Evaluations that change what the tracker enforces move this thread's generation; the tracker's is the main
// thread's. Checked often: a member the scheduler just disabled should be refused within a moment.
const watch = setInterval(() => {
  const now = trackerGeneration();
  if (now !== generation) {
    generation = now;
    post({ type: 'tracker-changed' });
  }
}, 250);

port.on('message', (m: RatioThreadRequest) => {
  if (m.type === 'activity') {
    for (const userId of m.changed) markRatioActivity(userId);
    for (const userId of m.urgent) markRatioActivity(userId, true);
    for (const userId of m.seeding) markSeedingActivity(userId);
  } else if (m.type === 'stop') {
    clearInterval(watch);
    // Ending its session gives the lock to another tracker process at once.
    void scheduler.stop().finally(() => port.close());
  }
});
post({ type: 'ready' });
