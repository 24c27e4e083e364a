import pg from 'pg';
import type { FoldResult } from './fold';
import { appliedSeqPostgres, foldBatchesPostgres } from './fold-postgres';
import type { JournalBatch } from './reader';
import type { JournalStore, JournalStoreOptions } from './store';

const CONNECT_TIMEOUT_MS = 10_000;

/**
 * The journal folded into PostgreSQL (fold-postgres.ts) on a connection of its own. A round that fails on a
 * serialization failure, a deadlock, a lock timeout or a constraint was rolled back and leaves the connection
 * usable; after any other failure (the server went away, the connection broke) the next round connects again.
 */
export class PostgresJournalStore implements JournalStore {
  private client: pg.Client | null = null;
  private connecting: Promise<pg.Client> | null = null;

  constructor(private readonly options: JournalStoreOptions) {}

  async appliedSeq(): Promise<number> {
    return appliedSeqPostgres(await this.connection(), this.options.journalId);
  }

  // One round, whatever its size: PostgreSQL has no single write lock for a long round to hold (FoldLimit).
  async fold(batches: readonly JournalBatch[]): Promise<FoldResult> {
    return foldBatchesPostgres(await this.connection(), this.options.journalId, batches);
  }

  async idle(): Promise<void> {}

  failed(error: unknown): void {
    if (leavesConnectionUsable(error)) return;
    this.drop();
  }

  async close(): Promise<void> {
    const client = this.client ?? (await this.connecting?.catch(() => null)) ?? null;
    this.client = null;
    this.connecting = null;
    await client?.end().catch(() => undefined);
  }

  private connection(): Promise<pg.Client> {
    if (this.client !== null) return Promise.resolve(this.client);
    this.connecting ??= this.connect().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({
      connectionString: this.options.databaseUrl,
      application_name: 'giveback tracker fold',
      // A server that does not answer (frozen, or the network cut) fails the connect, so the next round tries
      // again. A round has no time limit (a large one is slow, not stuck); a connection that died silently under
      // it is found by TCP keep-alive, probing after 10 s of silence instead of the system's two hours.
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      // A site transaction holding a row the round needs delays it this long at most; the round is retried.
      lock_timeout: this.options.busyTimeoutMs,
    });
    // A connection that breaks while idle reports it here (unhandled, it would end the thread): the next round
    // connects again.
    client.on('error', () => {
      if (this.client === client) this.drop();
    });
    try {
      await client.connect();
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    this.client = client;
    return client;
  }

  private drop(): void {
    const client = this.client;
    this.client = null;
    client?.end().catch(() => undefined);
  }
}

/**
 * SQLSTATE classes after which the connection is fine and the round can simply run again: 23 (a constraint, e.g.
 * a row deleted under the round), 40 (serialization failure, deadlock), 55 (lock not available: lock_timeout).
 * Errors without a SQLSTATE are the connection's own (refused, reset, ended).
 */
function leavesConnectionUsable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^(23|40|55)/.test(code);
}
