import 'server-only';
import { recordAnnounceMinutes } from './record-announce-minutes';

const PRUNE_EVERY_MS = 3_600_000;

export interface AnnounceMinuteWriter {
  /** Stores what the tracker counted so far (and prunes when due); a failed write is retried at the next one. */
  flush(): Promise<void>;
  /** Stops the timer and stores what is left. */
  stop(): Promise<void>;
}

/**
 * The tracker process's writer of announces per minute: every `intervalMs` it takes the tracker's in-memory
 * counts and adds them to the AnnounceMinute rows, so the staff chart trails the tracker by a few seconds and the
 * announce path never waits on the database. Runs wherever the tracker runs (GIVEBACK_ROLE all or tracker).
 */
export function startAnnounceMinuteWriter(options: {
  take: () => Map<number, number>;
  now?: () => Date;
  intervalMs?: number;
  log?: (line: string) => void;
}): AnnounceMinuteWriter {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? ((line: string) => console.error(line));
  let pending = new Map<number, number>();
  let lastPrune = Number.NEGATIVE_INFINITY;
  let queue: Promise<void> = Promise.resolve();
  const merge = (into: Map<number, number>, from: ReadonlyMap<number, number>) => {
    for (const [minute, n] of from) into.set(minute, (into.get(minute) ?? 0) + n);
  };
  async function write(): Promise<void> {
    merge(pending, options.take());
    const counts = pending;
    pending = new Map();
    const at = now();
    const prune = at.getTime() - lastPrune >= PRUNE_EVERY_MS;
    try {
      await recordAnnounceMinutes({ counts, now: at, prune });
      if (prune) lastPrune = at.getTime();
    } catch (error) {
      merge(pending, counts);
      log(`tracker: could not store the announces per minute (retrying): ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  // One write at a time, in order.
  const flush = () => (queue = queue.then(write));
  const timer = setInterval(() => void flush(), options.intervalMs ?? 10_000);
  timer.unref();
  return {
    flush,
    stop: () => {
      clearInterval(timer);
      return flush();
    },
  };
}
