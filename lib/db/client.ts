import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { env, sqlitePath } from '@/lib/env';
import { PrismaClient } from './generated/client';

/**
 * The one Prisma client of the process. SQLite runs in WAL mode (readers never block the writer) with a busy
 * timeout, so a briefly locked database waits instead of failing. Secrets are omitted from every query unless a
 * caller selects them explicitly.
 */
function createClient() {
  const adapter = new PrismaBetterSqlite3({ url: `file:${sqlitePath(env().databaseUrl)}`, timeout: 5000 });
  return new PrismaClient({
    adapter,
    omit: { user: { passwordHash: true, passkey: true } },
  });
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
