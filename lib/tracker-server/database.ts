import Database from 'better-sqlite3';
import type { TrackerSynchronous } from './settings';
import { prepareStatements, type Statements } from './statements';

export interface OpenConnection {
  db: Database.Database;
  sql: Statements;
}

/**
 * The tracker's own SQLite connection (better-sqlite3, synchronous, prepared statements).
 *
 * WAL so the site's readers never block the tracker's writer and the reverse. `synchronous` (TrackerSynchronous)
 * defaults to NORMAL: in WAL mode a commit is then a write to the log without fsync, which a killed process cannot
 * undo (the data is in the OS page cache) and only an OS crash or power loss can. FULL fsyncs every commit; even
 * with group commit that made the fsync latency the tracker's throughput limit (measured by
 * tests/bench/announce). busy_timeout is short because the wait blocks the event loop.
 *
 * After an error other than "busy", the connection is closed and reopened on next use, so a database that
 * was briefly unavailable (disk full, file replaced, I/O error) heals without a restart.
 */
export class TrackerDatabase {
  private current: OpenConnection | null = null;

  constructor(
    private readonly file: string,
    private readonly busyTimeoutMs: number,
    private readonly synchronous: TrackerSynchronous = 'normal',
  ) {}

  get(): OpenConnection {
    if (this.current !== null) return this.current;
    const db = new Database(this.file, { fileMustExist: true, timeout: this.busyTimeoutMs });
    try {
      db.pragma('journal_mode = WAL');
      db.pragma(`synchronous = ${this.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
      db.pragma('foreign_keys = ON');
      // Each announce dirties rows all over Peer, UserTorrent, User and Torrent. SQLite's default 2 MiB page cache
      // re-reads those pages on every batch; 64 MiB of cache plus memory-mapped reads raised announces per second
      // by about 40% in tests/bench/announce. Both are upper bounds, used only as far as the file is large.
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
