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
 * The adapter sends that BEGIN through its better-sqlite3 connection's prepare(); connecting fails if the
 * adapter no longer has that shape (tests/integration/db-transactions.test.ts checks the behaviour).
 */
function beginImmediate(factory: PrismaBetterSqlite3): PrismaBetterSqlite3 {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const client = (adapter as unknown as { client?: { prepare?: unknown } }).client;
    if (client === undefined || typeof client.prepare !== 'function') {
      throw new Error('the Prisma better-sqlite3 adapter changed: its connection has no prepare(), so transactions cannot begin IMMEDIATE');
    }
    const prepare = (client.prepare as (sql: string) => unknown).bind(client);
    client.prepare = (sql: string) => prepare(sql === 'BEGIN' ? 'BEGIN IMMEDIATE' : sql);
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
