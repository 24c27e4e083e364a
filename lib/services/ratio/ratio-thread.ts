import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { notifyTrackerChanged } from '@/lib/tracker-server/invalidate';
import { takeRatioActivity } from '@/lib/tracker-server/ratio-activity';
import type { RatioThreadMessage, RatioThreadRequest } from './ratio-thread-protocol';

export interface RatioThread {
  /** Resolves once the thread has started its scheduler. */
  ready: Promise<void>;
  /** Stops the scheduler's timers and the thread (a pass under way is abandoned; the next start redoes it). */
  stop(): Promise<void>;
}

/**
 * Runs the ratio scheduler (ratio-scheduler.ts: startRatioScheduler) on a worker thread instead of the event
 * loop the tracker and the site share. Every `forwardMs` the members the tracker reported (ratio-activity.ts) go
 * to the thread; when its evaluations change what the tracker enforces, the tracker's caches are dropped here.
 * The thread does not keep the process alive.
 */
export function startRatioThread(options: {
  log?: (line: string) => void;
  forwardMs?: number;
  /** The scheduler's pass intervals (RatioSchedulerOptions), for tests. */
  activityIntervalMs?: number;
} = {}): RatioThread {
  const log = options.log ?? ((line: string) => console.error(line));
  const here = path.join(process.cwd(), 'lib', 'services', 'ratio');
  const worker = new Worker(path.join(here, 'ratio-thread-boot.mjs'), {
    workerData: { entry: pathToFileURL(path.join(here, 'ratio-thread-entry.ts')).href, activityIntervalMs: options.activityIntervalMs },
  });
  worker.unref();
  const send = (m: RatioThreadRequest) => worker.postMessage(m);
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  worker.on('message', (m: RatioThreadMessage) => {
    if (m.type === 'ready') markReady();
    else if (m.type === 'log') log(m.line);
    else if (m.type === 'tracker-changed') notifyTrackerChanged();
  });
  worker.on('error', (error) => log(`ratio: scheduler thread failed: ${error.message}`));
  const forward = setInterval(() => {
    const activity = takeRatioActivity();
    if (activity.changed.length + activity.urgent.length + activity.seeding.length > 0) send({ type: 'activity', ...activity });
  }, options.forwardMs ?? 1000);
  forward.unref();
  let stopped: Promise<void> | null = null;
  return {
    ready,
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        clearInterval(forward);
        worker.once('exit', () => resolve());
        send({ type: 'stop' });
        // A pass under way holds the thread; it is abandoned, not awaited.
        setTimeout(() => void worker.terminate(), 1000).unref();
      });
      return stopped;
    },
  };
}
