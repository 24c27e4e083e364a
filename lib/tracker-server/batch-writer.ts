import type { Effect } from './effects';

/** One request's share of a batch. */
export interface BatchItem {
  /** null when the request changed nothing that needs storing but must still wait its turn. */
  effect: Effect | null;
  /** Reverts this request's in-memory changes; run newest first when the batch fails. */
  undo: () => void;
  /** Sends the response: the real one after a commit, `tracker temporarily unavailable` after a failure. */
  settle: (committed: boolean) => void;
}

export interface BatchWriterOptions {
  /**
   * How long the first request of a batch waits for others. 0 commits as soon as the event loop has read what
   * arrived (setImmediate): under load, everything that came in during the previous commit forms the next batch.
   */
  windowMs: number;
  maxBatchSize: number;
  /** Writes the effects in one transaction; throws to reject the whole batch. */
  commit: (effects: Effect[]) => void;
  log: (line: string) => void;
}

/**
 * Group commit: requests that arrive within `windowMs` of the first one are written in one transaction (one
 * fsync), and only then answered. On failure the memory changes of the batch are undone and every request of
 * the batch is told to come back later, so memory, database and what clients were told always agree.
 */
export class BatchWriter {
  private items: BatchItem[] = [];
  private cancelTimer: (() => void) | null = null;
  /** Transactions attempted so far (committed or not), for stats and tests of the grouping. */
  batches = 0;

  constructor(private readonly options: BatchWriterOptions) {}

  submit(item: BatchItem): void {
    this.items.push(item);
    if (this.items.length >= this.options.maxBatchSize) this.flush();
    else this.cancelTimer ??= this.schedule();
  }

  private schedule(): () => void {
    if (this.options.windowMs <= 0) {
      const immediate = setImmediate(() => this.flush());
      return () => clearImmediate(immediate);
    }
    const timeout = setTimeout(() => this.flush(), this.options.windowMs);
    return () => clearTimeout(timeout);
  }

  get pending(): number {
    return this.items.length;
  }

  flush(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
    const items = this.items;
    if (items.length === 0) return;
    this.items = [];
    this.batches++;
    let committed = true;
    try {
      this.options.commit(items.flatMap((i) => (i.effect === null ? [] : [i.effect])));
    } catch (error) {
      committed = false;
      this.options.log(`tracker: batch of ${items.length} not stored: ${describe(error)}`);
      for (let i = items.length - 1; i >= 0; i--) guard(() => items[i]?.undo(), this.options.log);
    }
    for (const item of items) guard(() => item.settle(committed), this.options.log);
  }
}

function guard(fn: () => void, log: (line: string) => void): void {
  try {
    fn();
  } catch (error) {
    log(`tracker: ${describe(error)}`);
  }
}

export function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}
