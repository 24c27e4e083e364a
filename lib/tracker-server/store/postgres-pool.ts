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

/** A pool for the tracker's reads: a few connections, so concurrent cache misses run side by side. */
export function openTrackerPool(databaseUrl: string, options: { max: number; log: (line: string) => void }): pg.Pool {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: options.max, types, idleTimeoutMillis: 30_000 });
  // An idle connection the server dropped must not crash the process: the pool replaces it on next use.
  pool.on('error', (error) => options.log(`tracker: database connection lost: ${error.message}`));
  return pool;
}
