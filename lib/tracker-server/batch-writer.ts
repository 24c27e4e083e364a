import type { JournalRecord } from './journal/records';

/** One request's share of a batch. */
export interface BatchItem {
  /** null when the request changed nothing that needs storing but must still wait its turn. */
  record: JournalRecord | null;
  /** Reverts this request's in-memory changes; run newest first when the batch fails. */
  undo: () => void;
  /** Sends the response: the real one once stored, `tracker temporarily unavailable` after a failure. */
  settle: (committed: boolean) => void;
}

export interface BatchWriterOptions {
  /**
   * How long the first request of a batch waits for others. 0 commits as soon as the event loop has read what
   * arrived (setImmediate): under load, everything that came in during the previous commit forms the next batch.
   */
  windowMs: number;
  maxBatchSize: number;
  /**
   * Stores the records as one journal frame. Throws when nothing was stored (the batch is rejected and undone);
   * the promise resolves once the frame is durable (at once without fsync) and rejects if it never became so.
   */
  commit: (records: JournalRecord[]) => Promise<void>;
  log: (line: string) => void;
}

/**
 * Group commit: requests that arrive within `windowMs` of the first one are written as one journal frame (one
 * write, one fsync when configured), and only then answered. If the write fails, the memory changes of the
 * batch are undone and every request of the batch is told to come back later, so memory, journal and what
 * clients were told always agree. If only the fsync fails, the frame was written and will be folded: the
 * requests are told to come back, and their next announces continue from the stored baselines.
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
    let durable: Promise<void>;
    try {
      const records: JournalRecord[] = [];
      for (const item of items) if (item.record !== null) records.push(item.record);
      durable = this.options.commit(records);
    } catch (error) {
      this.options.log(`tracker: batch of ${items.length} not stored: ${describe(error)}`);
      for (let i = items.length - 1; i >= 0; i--) {
        try {
          items[i]?.undo();
        } catch (undoError) {
          this.options.log(`tracker: ${describe(undoError)}`);
        }
      }
      this.settleAll(items, false);
      return;
    }
    durable.then(
      () => this.settleAll(items, true),
      (error: unknown) => {
        this.options.log(`tracker: batch of ${items.length} written but not synced: ${describe(error)}`);
        this.settleAll(items, false);
      },
    );
  }

  /** Answers every request of a batch; one that throws does not keep the others from their answers. */
  private settleAll(items: readonly BatchItem[], committed: boolean): void {
    for (const item of items) {
      try {
        item.settle(committed);
      } catch (error) {
        this.options.log(`tracker: ${describe(error)}`);
      }
    }
  }
}

export function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}
