import Database from 'better-sqlite3';
import { sqlitePath } from '@/lib/env';
import { describe } from '../batch-writer';
import { isBusyError } from '../database';
import { appliedSeq, foldBatches, type FoldLimit, type FoldResult, rememberLivePeerRows } from './fold';
import type { JournalBatch } from './reader';
import type { JournalStore, JournalStoreOptions } from './store';

/** The journal folded into a SQLite file (fold.ts) on a connection of its own. */
export class SqliteJournalStore implements JournalStore {
  private db: Database.Database | null = null;

  constructor(private readonly options: JournalStoreOptions) {}

  async appliedSeq(): Promise<number> {
    return appliedSeq(this.connection(), this.options.journalId);
  }

  async fold(batches: readonly JournalBatch[], limit?: FoldLimit): Promise<FoldResult> {
    return foldBatches(this.connection(), this.options.journalId, batches, limit);
  }

  /**
   * Copies what the WAL holds into the database (PASSIVE: it waits for no one). The site's connection never
   * checkpoints (lib/db/sqlite-adapter.ts), and after a fold this connection does only past wal_autocheckpoint,
   * so without this a quiet tracker would leave the site's writes in the WAL for good.
   */
  async idle(): Promise<void> {
    this.connection().pragma('wal_checkpoint(PASSIVE)');
  }

  failed(error: unknown): void {
    if (isBusyError(error) || this.db === null) return;
    try {
      this.db.close();
    } catch {
      // unusable already
    }
    this.db = null;
  }

  async close(): Promise<void> {
    this.db?.close();
    this.db = null;
  }

  private connection(): Database.Database {
    if (this.db !== null) return this.db;
    const o = this.options;
    const opened = new Database(sqlitePath(o.databaseUrl), { fileMustExist: true, timeout: o.busyTimeoutMs });
    try {
      opened.pragma('journal_mode = WAL');
      opened.pragma(`synchronous = ${o.fsync ? 'FULL' : 'NORMAL'}`);
      opened.pragma('foreign_keys = ON');
      // Folds touch pages all over Peer and UserTorrent: keep them cached and memory-mapped (upper bounds only).
      opened.pragma('cache_size = -131072');
      opened.pragma('mmap_size = 1073741824');
      // Checkpoint less often, so a page that successive folds dirty is copied into the database once.
      opened.pragma('wal_autocheckpoint = 16384');
    } catch (error) {
      opened.close();
      throw error;
    }
    if (o.longLived) {
      try {
        rememberLivePeerRows(opened);
      } catch (error) {
        // Only a head start: folds learn the row ids as they go.
        o.log(`tracker journal: could not load the live peers' row ids: ${describe(error)}`);
      }
    }
    this.db = opened;
    return opened;
  }
}
