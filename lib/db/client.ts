import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { env, sqlitePath } from '@/lib/env';
import { PrismaClient } from './generated/client';

/**
 * The one Prisma client of the process. SQLite runs in WAL mode (readers never block the writer) with a busy
 * timeout, so a briefly locked database waits instead of failing. Secrets are omitted from every query unless a
 * caller selects them explicitly.
 */
function createClient() {
  const adapter = beginImmediate(new PrismaBetterSqlite3({ url: `file:${sqlitePath(env().databaseUrl)}`, timeout: 5000 }));
  return new PrismaClient({
    adapter,
    omit: { user: { passwordHash: true, passkey: true } },
  });
}

/**
 * Transactions begin IMMEDIATE: they take the write lock first, waiting (busy timeout) while another connection
 * holds it. The adapter opens them with a plain (deferred) `BEGIN`, and a deferred transaction that reads before
 * it writes fails with "Operation has timed out" (SQLITE_BUSY) when another connection commits in between, as
 * the tracker's fold worker does every few seconds; registration, for one, reads the invite before it writes.
 * Should the lock stay taken past the busy timeout, the transaction begins deferred after all, as before: the
 * adapter holds its own transaction mutex while it sends BEGIN and never releases it if BEGIN throws, which would
 * hang every later transaction. The adapter sends BEGIN through its better-sqlite3 connection's prepare();
 * connecting fails if it no longer has that shape (tests/integration/db-transactions.test.ts checks all this).
 */
function beginImmediate(factory: PrismaBetterSqlite3): PrismaBetterSqlite3 {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const client = (adapter as unknown as { client?: { prepare?: unknown } }).client;
    if (client === undefined || typeof client.prepare !== 'function') {
      throw new Error('the Prisma better-sqlite3 adapter changed: its connection has no prepare(), so transactions cannot begin IMMEDIATE');
    }
    const prepare = (client.prepare as (sql: string) => { run(): unknown }).bind(client);
    const begin = {
      run: () => {
        try {
          return prepare('BEGIN IMMEDIATE').run();
        } catch (error) {
          if ((error as { code?: unknown } | null)?.code !== 'SQLITE_BUSY') throw error;
          return prepare('BEGIN').run();
        }
      },
    };
    client.prepare = (sql: string) => (sql === 'BEGIN' ? begin : prepare(sql));
    return adapter;
  };
  return factory;
}

export type Db = ReturnType<typeof createClient>;

const globalForDb = globalThis as unknown as { gbDb?: Db; gbDbReady?: Promise<void> };

export function db(): Db {
  globalForDb.gbDb ??= createClient();
  return globalForDb.gbDb;
}

/** Sets the connection pragmas once; callers that write await it before their first query. */
export function dbReady(): Promise<void> {
  globalForDb.gbDbReady ??= (async () => {
    await db().$queryRawUnsafe('PRAGMA journal_mode = WAL');
    await db().$executeRawUnsafe('PRAGMA synchronous = NORMAL');
    await db().$executeRawUnsafe('PRAGMA foreign_keys = ON');
  })();
  return globalForDb.gbDbReady;
}
