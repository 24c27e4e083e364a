import pg from 'pg';

const INT8 = 20;
const TIMESTAMP = 1114;

/**
 * node-postgres returns int8 as text and parses `timestamp without time zone` in the process's local zone.
 * Prisma's DateTime is TIMESTAMP(3) holding UTC, and counters are BIGINT: read them as epoch ms and bigint.
 * Set per pool, never on pg's global registry, which other code in the process (Prisma's adapter) shares.
 */
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === INT8 && format !== 'binary') return (value: string) => BigInt(value);
    if (oid === TIMESTAMP && format !== 'binary') return parseUtcTimestamp;
    return pg.types.getTypeParser(oid, format ?? 'text');
  }) as pg.CustomTypesConfig['getTypeParser'],
};

/** `2026-01-01 00:00:00.123` (DateStyle ISO) as UTC epoch milliseconds; NaN for infinities. */
export function parseUtcTimestamp(value: string): number {
  return Date.parse(`${value.replace(' ', 'T')}Z`);
}

/**
 * How long a cache miss waits for a connection (a free one of the pool, or a new one) and then for its answer.
 * An announce waiting on a miss gets `tracker temporarily unavailable` after that, instead of hanging while the
 * server is unreachable or frozen (a refused connection fails at once anyway); the two together stay under the
 * front door's idle timeout (5 s), so the client gets the answer rather than a closed connection.
 */
export const READ_TIMEOUT_MS = 2_000;
/** The reads of whole tables (live peers at start, active members and torrents): large, but not without end. */
export const BULK_READ_TIMEOUT_MS = 120_000;

/** `text` with a longer timeout than the pool's (node-postgres takes query_timeout per query; its types omit it). */
export function bulkRead(text: string): pg.QueryConfig {
  const config: pg.QueryConfig & { query_timeout: number } = { text, query_timeout: BULK_READ_TIMEOUT_MS };
  return config;
}

/** A pool for the tracker's reads: a few connections, so concurrent cache misses run side by side. */
export function openTrackerPool(databaseUrl: string, options: { max: number; log: (line: string) => void }): pg.Pool {
  const pool = new pg.Pool({
    connectionString: databaseUrl, max: options.max, types, idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: READ_TIMEOUT_MS, query_timeout: READ_TIMEOUT_MS, keepAlive: true,
  });
  // An idle connection the server dropped must not crash the process: the pool replaces it on next use.
  pool.on('error', (error) => options.log(`tracker: database connection lost: ${error.message}`));
  return pool;
}
