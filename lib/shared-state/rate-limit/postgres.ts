import pg from 'pg';
import { RateLimiterPostgres } from 'rate-limiter-flexible';
import { memoryLimiter } from './memory';
import { DEFAULT_LIMIT_PREFIX, type LimitRule, type LimitStore } from './store';

/**
 * Counters in one PostgreSQL table, `rate_limit` (key, points, expire), which rate-limiter-flexible creates itself
 * (`CREATE TABLE IF NOT EXISTS`, safe when several processes start at once) and prunes every 5 minutes. It is not
 * part of the Prisma schema: it belongs to the library, like the keys it writes to Redis, and a migration would add
 * an unused table to SQLite. Every rule shares the table; keys carry the prefix and the rule's name.
 *
 * A small pool of its own: the limiter speaks `pg` directly, and a login must not wait behind the site's queries.
 * While the database does not answer, each process counts in memory (the library's insurance limiter) instead of
 * refusing every login.
 */
export const RATE_LIMIT_TABLE = 'rate_limit';

export function postgresLimitStore(options: { databaseUrl: string; prefix?: string; log?: (line: string) => void }): LimitStore {
  const prefix = options.prefix ?? DEFAULT_LIMIT_PREFIX;
  const log = options.log ?? ((line: string) => console.error(line));
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 3, allowExitOnIdle: true });
  // An idle connection the server closed (a restart, a dropped test database) must not crash the process.
  pool.on('error', (error) => log(`rate limits: PostgreSQL connection lost: ${error.message}`));
  let table: Promise<void> | null = null;
  const createTable = () => {
    table ??= new Promise<void>((resolve, reject) => {
      // This instance also runs the library's periodic clean-up of expired rows, once per store.
      new RateLimiterPostgres(
        { storeClient: pool, storeType: 'pool', tableName: RATE_LIMIT_TABLE, keyPrefix: `${prefix}:clean-up`, points: 1, duration: 1 },
        (error?: Error) => (error ? reject(error) : resolve()),
      );
    }).catch((error: unknown) => {
      table = null;
      throw error;
    });
    return table;
  };
  return {
    kind: 'postgres',
    shared: true,
    async limiter(rule: LimitRule) {
      await createTable();
      return new RateLimiterPostgres({
        storeClient: pool,
        storeType: 'pool',
        tableName: RATE_LIMIT_TABLE,
        tableCreated: true,
        clearExpiredByTimeout: false,
        keyPrefix: `${prefix}:${rule.name}`,
        points: rule.points,
        duration: rule.durationSeconds,
        insuranceLimiter: memoryLimiter(prefix, rule),
      });
    },
    close: () => pool.end(),
  };
}
