import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { DriverAdapterError } from '@prisma/driver-adapter-utils';

/**
 * The site's Prisma adapter for SQLite: Prisma's better-sqlite3 adapter with two changes, both about the write
 * lock that the tracker's fold worker takes on its own connection every few seconds.
 *
 * The connection leaves checkpoints to the tracker's fold worker (see waitOffTheEventLoop).
 *
 * Transactions begin IMMEDIATE. The adapter opens them with a plain (deferred) `BEGIN`, and a deferred
 * transaction that reads before it writes fails with "Operation has timed out" (SQLITE_BUSY) when another
 * connection commits in between; registration, for one, reads the invite before it writes.
 *
 * Waiting for the lock happens between event-loop turns. better-sqlite3 is synchronous: with a busy timeout, a
 * write that meets the fold's lock stops the whole process (tracker replies included) until the fold commits,
 * up to the timeout. Here the connection's busy timeout is 0; a statement outside a transaction that finds the
 * lock taken, or a transaction's BEGIN IMMEDIATE, is tried again after a short pause, until `waitMs` have
 * passed. Then SQLITE_BUSY is reported as the adapter reports it (Prisma: "Operation has timed out"). A failed
 * statement in autocommit mode changed nothing, so trying it again is safe. Statements inside a transaction are
 * not retried: it holds the write lock already.
 *
 * This reaches into the adapter (its `client`, its `startTransaction` sending `BEGIN` through `prepare()` while
 * holding its transaction mutex, and a `rollback()` that only releases that mutex); connecting fails if those
 * are not there. tests/integration/db-transactions.test.ts checks the behaviour.
 */
export function siteSqliteAdapter(url: string, options: { waitMs?: number } = {}): PrismaBetterSqlite3 {
  const waitMs = options.waitMs ?? 5000;
  const factory = new PrismaBetterSqlite3({ url, timeout: 0 });
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    waitOffTheEventLoop(adapter, waitMs);
    return adapter;
  };
  return factory;
}

type Adapter = Awaited<ReturnType<PrismaBetterSqlite3['connect']>>;
interface Statement {
  run(): unknown;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
/** 1, 2, 4, 8, 16, then every 25 ms: short enough to catch the pause between two fold rounds (50 ms). */
const pause = (attempt: number) => Math.min(25, 2 ** attempt);

const busyCode = (code: unknown) => typeof code === 'string' && code.startsWith('SQLITE_BUSY');
/** better-sqlite3's own error. */
const isBusy = (error: unknown) => busyCode((error as { code?: unknown } | null)?.code);
/** The adapter's report of it: a DriverAdapterError whose cause keeps SQLite's code. */
const isBusyReport = (error: unknown) => busyCode((error as { cause?: { originalCode?: unknown } } | null)?.cause?.originalCode);

function waitOffTheEventLoop(adapter: Adapter, waitMs: number): void {
  const client = (adapter as unknown as { client?: { prepare?: unknown } }).client;
  if (client === undefined || typeof client.prepare !== 'function' || typeof adapter.startTransaction !== 'function') {
    throw new Error('the Prisma better-sqlite3 adapter changed: no client.prepare() or startTransaction(), so waits for the write lock cannot be moved off the event loop');
  }
  const prepare = (client.prepare as (sql: string) => Statement).bind(client);
  // Commits sync the WAL at checkpoints only (it was dbReady()'s, which only registration called); and it never
  // checkpoints. With SQLite's default (every commit past 1000 WAL pages), the first site write after a fold
  // copied the fold's pages into the database on the event loop: 86 ms after a 27 MB fold, tracker stalled.
  // The fold worker checkpoints instead, after its folds and when it has none (journal/worker.ts).
  prepare('PRAGMA synchronous = NORMAL').run();
  prepare('PRAGMA wal_autocheckpoint = 0').run();
  // Whether the last BEGIN IMMEDIATE found the lock taken. The adapter sends BEGIN holding its transaction
  // mutex, which only rollback() or commit() releases, so no other BEGIN runs before the caller reads it.
  let beganBusy = false;
  const begin: Statement = {
    run: () => {
      beganBusy = false;
      try {
        return prepare('BEGIN IMMEDIATE').run();
      } catch (error) {
        // Throwing here would leave the adapter's transaction mutex held for ever: report it instead.
        if (!isBusy(error)) throw error;
        beganBusy = true;
        return undefined;
      }
    },
  };
  client.prepare = (sql: string) => (sql === 'BEGIN' ? begin : prepare(sql));

  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) => {
    const deadline = Date.now() + waitMs;
    for (let attempt = 0; ; attempt++) {
      const transaction = await startTransaction(isolationLevel);
      if (!beganBusy) return transaction;
      await transaction.rollback(); // nothing began: this only releases the adapter's mutex
      if (Date.now() >= deadline) {
        throw new DriverAdapterError({ kind: 'SocketTimeout', originalCode: 'SQLITE_BUSY', originalMessage: 'database is locked' });
      }
      await sleep(pause(attempt));
    }
  };

  for (const method of ['queryRaw', 'executeRaw'] as const) {
    const run = adapter[method].bind(adapter) as (query: never) => Promise<unknown>;
    (adapter as unknown as Record<typeof method, (query: never) => Promise<unknown>>)[method] = async (query: never) => {
      const deadline = Date.now() + waitMs;
      for (let attempt = 0; ; attempt++) {
        try {
          return await run(query);
        } catch (error) {
          if (!isBusyReport(error) || Date.now() >= deadline) throw error;
        }
        await sleep(pause(attempt));
      }
    };
  }
}
