import { env, sqlitePath } from '@/lib/env';
import { PrismaClient } from './generated/client';
import { siteSqliteAdapter } from './sqlite-adapter';

/**
 * The one Prisma client of the process. SQLite runs in WAL mode (readers never block the writer); a write that
 * finds the database locked waits for it without blocking the event loop, and transactions take the write lock
 * when they begin (sqlite-adapter.ts). Secrets are omitted from every query unless a caller selects them
 * explicitly.
 */
/** How long a write waits for another connection's write lock (the tracker's fold) before it fails. */
const LOCK_WAIT_MS = 5000;

function createClient() {
  const adapter = siteSqliteAdapter(`file:${sqlitePath(env().databaseUrl)}`, { waitMs: LOCK_WAIT_MS });
  return new PrismaClient({
    adapter,
    // Starting a transaction includes the adapter's wait for the write lock; Prisma must not give up first (its
    // default is 2 s), or the adapter would hand a begun transaction to nobody.
    transactionOptions: { maxWait: 2 * LOCK_WAIT_MS },
    omit: { user: { passwordHash: true, passkey: true } },
  });
}

export type Db = ReturnType<typeof createClient>;

const globalForDb = globalThis as unknown as { gbDb?: Db; gbDbReady?: Promise<void> };

export function db(): Db {
  globalForDb.gbDb ??= createClient();
  return globalForDb.gbDb;
}

/**
 * Sets the file's journal mode and foreign keys once; callers that write await it before their first query.
 * (`synchronous` and checkpoints are set for every connection by the adapter, sqlite-adapter.ts.)
 */
export function dbReady(): Promise<void> {
  globalForDb.gbDbReady ??= (async () => {
    await db().$queryRawUnsafe('PRAGMA journal_mode = WAL');
    await db().$executeRawUnsafe('PRAGMA foreign_keys = ON');
  })();
  return globalForDb.gbDbReady;
}
