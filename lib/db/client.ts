import { PrismaPg } from '@prisma/adapter-pg';
import { env, sqlitePath } from '@/lib/env';
import { PrismaClient } from './generated/client';
import { PrismaClient as PostgresPrismaClient } from './generated-postgres/client';
import { databaseProvider } from './provider';
import { siteSqliteAdapter } from './sqlite-adapter';

/**
 * The one Prisma client of the process, for the database DATABASE_URL names (provider.ts). SQLite runs in WAL
 * mode (readers never block the writer); a write that finds the database locked waits for it without blocking the
 * event loop, and transactions take the write lock when they begin (sqlite-adapter.ts). PostgreSQL goes through
 * Prisma's pg adapter and a pool per process. Secrets are omitted from every query unless a caller selects them
 * explicitly.
 */
/** How long a write waits for another connection's write lock (the tracker's fold) before it fails. */
const LOCK_WAIT_MS = 5000;

/** Connections per process to PostgreSQL (several web processes and one tracker share the server's limit). */
const POSTGRES_POOL = 10;

function createClient(): Db {
  const { databaseUrl } = env();
  if (databaseProvider(databaseUrl) === 'sqlite') return createSqliteClient();
  // The PostgreSQL client is generated from the same models (prisma/postgres/schema.prisma is derived from
  // schema.prisma), so its API is the SQLite client's; only its type declarations are a separate copy.
  const client = new PostgresPrismaClient({
    adapter: new PrismaPg({ connectionString: databaseUrl, max: POSTGRES_POOL, connectionTimeoutMillis: LOCK_WAIT_MS }),
    transactionOptions: { maxWait: 2 * LOCK_WAIT_MS },
    omit: { user: { passwordHash: true, passkey: true, rssKey: true, totpSecret: true, totpPendingSecret: true } },
  });
  return client as unknown as Db;
}

function createSqliteClient() {
  const adapter = siteSqliteAdapter(`file:${sqlitePath(env().databaseUrl)}`, { waitMs: LOCK_WAIT_MS });
  return new PrismaClient({
    adapter,
    // Starting a transaction includes the adapter's wait for the write lock; Prisma must not give up first (its
    // default is 2 s), or the adapter would hand a begun transaction to nobody.
    transactionOptions: { maxWait: 2 * LOCK_WAIT_MS },
    omit: { user: { passwordHash: true, passkey: true, rssKey: true, totpSecret: true, totpPendingSecret: true } },
  });
}

export type Db = ReturnType<typeof createSqliteClient>;

const globalForDb = globalThis as unknown as { gbDb?: Db; gbDbReady?: Promise<void> };

export function db(): Db {
  globalForDb.gbDb ??= createClient();
  return globalForDb.gbDb;
}

/**
 * SQLite: sets the file's journal mode and foreign keys once; callers that write await it before their first
 * query. Nothing to do on PostgreSQL.
 * (`synchronous` and checkpoints are set for every connection by the adapter, sqlite-adapter.ts.)
 */
export function dbReady(): Promise<void> {
  globalForDb.gbDbReady ??= (async () => {
    if (databaseProvider(env().databaseUrl) !== 'sqlite') return;
    await db().$queryRawUnsafe('PRAGMA journal_mode = WAL');
    await db().$executeRawUnsafe('PRAGMA foreign_keys = ON');
  })();
  return globalForDb.gbDbReady;
}
