import { databaseProvider } from '@/lib/db/provider';
import type { FoldLimit, FoldResult } from './fold';
import type { JournalBatch } from './reader';
import { PostgresJournalStore } from './store-postgres';
import { SqliteJournalStore } from './store-sqlite';

/**
 * Where a journal is folded: the one seam between the journal (recovery.ts, the fold worker) and the database.
 * SQLite folds with fold.ts (synchronous, on its own connection); PostgreSQL with fold-postgres.ts. Either way
 * one transaction per round holds the journal's position (TrackerJournal, keyed by journal id) with its rows.
 * Connections are opened on first use and again after a failure that left them unusable.
 */
export interface JournalStore {
  /** The journal's applied sequence number as stored (0 before its first fold). */
  appliedSeq(): Promise<number>;
  /** Folds the batches not yet applied; `limit` bounds how long SQLite's write lock is held (FoldLimit). */
  fold(batches: readonly JournalBatch[], limit?: FoldLimit): Promise<FoldResult>;
  /** After a round with nothing to fold. */
  idle(): Promise<void>;
  /** After a failed round: closes the connection unless the error left it usable. */
  failed(error: unknown): void;
  close(): Promise<void>;
}

export interface JournalStoreOptions {
  /** `file:` (SQLite) or `postgresql://` URL. */
  databaseUrl: string;
  journalId: string;
  /** How long a fold waits for a lock the site holds before the round fails (and is retried). */
  busyTimeoutMs: number;
  /** Commits durable against power loss (SQLite synchronous=FULL; PostgreSQL commits are always flushed). */
  fsync: boolean;
  /** Whether this store folds for long (the worker): SQLite then loads the live peers' row ids first. */
  longLived: boolean;
  log: (line: string) => void;
}

export function openJournalStore(options: JournalStoreOptions): JournalStore {
  return databaseProvider(options.databaseUrl) === 'postgres' ? new PostgresJournalStore(options) : new SqliteJournalStore(options);
}
