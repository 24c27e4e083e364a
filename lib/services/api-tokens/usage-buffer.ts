import 'server-only';
import { db } from '@/lib/db/client';

/** How often pending last-use times are written. */
export const FLUSH_INTERVAL_MS = 10_000;

export interface TokenUse {
  at: Date;
  ip: string;
}

export type UsageWriter = (uses: ReadonlyMap<number, TokenUse>) => Promise<void>;

/**
 * Last-use times of API tokens, kept in memory and written every FLUSH_INTERVAL_MS (and on shutdown, and before
 * a member's token list is read) instead of one write per request: a tool polling every few seconds would
 * otherwise write a row per call. Each process keeps its own; the write only moves a token's time forward, so
 * processes flushing in any order leave the latest use.
 */
export class TokenUsageBuffer {
  private pending = new Map<number, TokenUse>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly write: UsageWriter,
    private readonly intervalMs = FLUSH_INTERVAL_MS,
  ) {}

  record(tokenId: number, use: TokenUse): void {
    const seen = this.pending.get(tokenId);
    if (!seen || seen.at <= use.at) this.pending.set(tokenId, use);
    if (this.timer === null && this.intervalMs > 0) {
      this.timer = setTimeout(() => void this.flush().catch((error: unknown) => console.error('api tokens: last use not written:', error instanceof Error ? error.message : error)), this.intervalMs);
      this.timer.unref();
    }
  }

  get size(): number {
    return this.pending.size;
  }

  /** Writes what is pending; uses recorded meanwhile wait for the next flush. A failed write keeps its uses. */
  flush(): Promise<void> {
    // One write at a time; a failed one does not fail the next.
    this.flushing = this.flushing.catch(() => undefined).then(async () => {
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      if (this.pending.size === 0) return;
      const batch = this.pending;
      this.pending = new Map();
      try {
        await this.write(batch);
      } catch (error) {
        for (const [id, use] of batch) if (!this.pending.has(id)) this.pending.set(id, use);
        throw error;
      }
    });
    return this.flushing;
  }
}

/** The database writer: one conditional updateMany per token, all in one transaction. */
export const writeTokenUsage: UsageWriter = async (uses) => {
  const client = db();
  await client.$transaction(
    [...uses].map(([id, use]) =>
      client.apiToken.updateMany({
        where: { id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: use.at } }] },
        data: { lastUsedAt: use.at, lastUsedIp: use.ip },
      }),
    ),
  );
};

// Next.js bundles its own copy of this module beside the custom server's, which flushes at shutdown: the
// process's one buffer is kept on globalThis so both reach the same pending uses.
const KEY = Symbol.for('giveback.tokenUsage');

export function tokenUsage(): TokenUsageBuffer {
  const holder = globalThis as { [KEY]?: TokenUsageBuffer };
  holder[KEY] ??= new TokenUsageBuffer(writeTokenUsage);
  return holder[KEY];
}

/** Writes the pending last-use times now (shutdown, the token list). */
export function flushTokenUsage(): Promise<void> {
  const holder = globalThis as { [KEY]?: TokenUsageBuffer };
  return holder[KEY]?.flush() ?? Promise.resolve();
}
