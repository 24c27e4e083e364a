import Database from 'better-sqlite3';
import { prepareStatements, type Statements } from './statements';

export interface OpenConnection {
  db: Database.Database;
  sql: Statements;
}

/**
 * The tracker's own SQLite connection on the event loop (better-sqlite3, synchronous, prepared statements). It
 * only reads (cache misses, totals, the Peer table at start, and the journal recovery at start); the announce
 * writes go through the journal and its fold worker. busy_timeout is short because a wait blocks the event loop.
 *
 * After an error other than "busy", the connection is closed and reopened on next use, so a database that
 * was briefly unavailable (disk full, file replaced, I/O error) heals without a restart.
 */
export class TrackerDatabase {
  private current: OpenConnection | null = null;

  constructor(
    private readonly file: string,
    private readonly busyTimeoutMs: number,
  ) {}

  get(): OpenConnection {
    if (this.current !== null) return this.current;
    const db = new Database(this.file, { fileMustExist: true, timeout: this.busyTimeoutMs });
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('foreign_keys = ON');
      // Upper bounds, used only as far as the file is large: cache misses and the start-up load read fast.
      db.pragma('cache_size = -65536');
      db.pragma('mmap_size = 268435456');
      db.pragma(`busy_timeout = ${Math.max(0, Math.floor(this.busyTimeoutMs))}`);
      this.current = { db, sql: prepareStatements(db) };
    } catch (error) {
      db.close();
      throw error;
    }
    return this.current;
  }

  /** Drops the connection unless the error was lock contention or a constraint, after which it stays usable. */
  failed(error: unknown): void {
    if (isBusyError(error) || isConstraintError(error) || this.current === null) return;
    const { db } = this.current;
    this.current = null;
    try {
      db.close();
    } catch {
      // Already unusable; the next get() opens a fresh one.
    }
  }

  close(): void {
    const current = this.current;
    this.current = null;
    current?.db.close();
  }
}

export function isBusyError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

export function isConstraintError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT');
}
