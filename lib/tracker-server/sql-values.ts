/**
 * Column representations that Prisma 7's better-sqlite3 adapter reads back correctly (checked against rows
 * Prisma wrote): DateTime as ISO 8601 text with `+00:00`, Boolean as 0/1, BigInt as INTEGER.
 */
export function sqlDate(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+00:00');
}

const SQLITE_TIMESTAMP = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?$/;

/** Milliseconds of a stored DateTime: ISO text, SQLite's CURRENT_TIMESTAMP form (UTC) or epoch milliseconds. */
export function parseSqlDate(value: unknown): number | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value !== 'string') return null;
  const ms = Date.parse(SQLITE_TIMESTAMP.test(value) ? `${value.replace(' ', 'T')}Z` : value);
  return Number.isNaN(ms) ? null : ms;
}

export function sqlBool(value: boolean): number {
  return value ? 1 : 0;
}

/** SQLite integer read with or without safeIntegers. */
export function toBigInt(value: unknown): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') return BigInt(Math.trunc(value));
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return BigInt(value);
  return 0n;
}
