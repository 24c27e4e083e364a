/**
 * PostgreSQL arrays for the fold's `unnest($1::int[], …)` parameters, in the binary format of array_send: a round
 * passes a dozen arrays of up to a few hundred thousand values. node-postgres sends a Buffer parameter as binary,
 * so neither side formats or parses a digit: building the text literals (numbers joined, bytea in hex, ISO times)
 * took about as much of the fold worker's CPU as the rest of the round, and PostgreSQL's array_in parsing them a
 * tenth of the statements' time. Each array's element type must be the one the statement casts it to (array_recv
 * checks it): intArray for int[], bigintArray for bigint[], and so on.
 */

const INT4 = 23;
const INT8 = 20;
const BOOL = 16;
const BYTEA = 17;
const TEXT = 25;
const TIMESTAMP = 1114;
/** One dimension: ndim, has-nulls flag, element type, then its length and lower bound. */
const HEADER_BYTES = 20;

/** A buffer with the array header written; elements go from HEADER_BYTES on (nothing after the header when empty). */
function header(count: number, elementBytes: number, type: number, hasNulls: boolean): Buffer {
  const buf = Buffer.allocUnsafe(count === 0 ? 12 : HEADER_BYTES + elementBytes);
  buf.writeInt32BE(count === 0 ? 0 : 1, 0);
  buf.writeInt32BE(hasNulls ? 1 : 0, 4);
  buf.writeInt32BE(type, 8);
  if (count > 0) {
    buf.writeInt32BE(count, 12);
    buf.writeInt32BE(1, 16);
  }
  return buf;
}

export function intArray(values: readonly number[]): Buffer {
  const buf = header(values.length, values.length * 8, INT4, false);
  let at = HEADER_BYTES;
  for (const v of values) {
    buf.writeInt32BE(4, at);
    buf.writeInt32BE(v, at + 4);
    at += 8;
  }
  return buf;
}

/** Null elements become NULL; numbers must be whole (and below 2^53). */
export function bigintArray(values: readonly (bigint | number | null)[]): Buffer {
  return int64Array(values, INT8, (buf, v, at) => (typeof v === 'bigint' ? buf.writeBigInt64BE(v, at) : writeInt64(buf, v, at)));
}

/** An array of 8-byte elements (int8, timestamp), null elements as NULL; `write` puts one value at `at`. */
function int64Array<T>(values: readonly (T | null)[], type: number, write: (buf: Buffer, value: T, at: number) => void): Buffer {
  let nulls = 0;
  for (const v of values) if (v === null) nulls++;
  const buf = header(values.length, (values.length - nulls) * 12 + nulls * 4, type, nulls > 0);
  let at = HEADER_BYTES;
  for (const v of values) {
    if (v === null) {
      buf.writeInt32BE(-1, at);
      at += 4;
      continue;
    }
    buf.writeInt32BE(8, at);
    write(buf, v, at + 4);
    at += 12;
  }
  return buf;
}

export function boolArray(values: readonly boolean[]): Buffer {
  const buf = header(values.length, values.length * 5, BOOL, false);
  let at = HEADER_BYTES;
  for (const v of values) {
    buf.writeInt32BE(1, at);
    buf[at + 4] = v ? 1 : 0;
    at += 5;
  }
  return buf;
}

/** Null elements become NULL. */
export function byteaArray(values: readonly (Uint8Array | null)[]): Buffer {
  let bytes = 0;
  let nulls = 0;
  for (const v of values) {
    if (v === null) nulls++;
    else bytes += v.length;
  }
  const buf = header(values.length, values.length * 4 + bytes, BYTEA, nulls > 0);
  let at = HEADER_BYTES;
  for (const v of values) {
    if (v === null) {
      buf.writeInt32BE(-1, at);
      at += 4;
      continue;
    }
    buf.writeInt32BE(v.length, at);
    buf.set(v, at + 4);
    at += 4 + v.length;
  }
  return buf;
}

export function textArray(values: readonly string[]): Buffer {
  let bytes = 0;
  for (const v of values) bytes += Buffer.byteLength(v, 'utf8');
  const buf = header(values.length, values.length * 4 + bytes, TEXT, false);
  let at = HEADER_BYTES;
  for (const v of values) {
    const length = buf.write(v, at + 4, 'utf8');
    buf.writeInt32BE(length, at);
    at += 4 + length;
  }
  return buf;
}

/** Microseconds from the Unix epoch to PostgreSQL's (2000-01-01 00:00:00). */
const POSTGRES_EPOCH_US = 946_684_800_000_000;

/**
 * For TIMESTAMP(3) columns, which hold UTC as Prisma writes it: a timestamp without time zone is sent as its
 * microseconds since 2000-01-01, so neither side's time zone plays any part. Null elements become NULL.
 */
export function timestampArray(epochMs: readonly (number | null)[]): Buffer {
  // Whole milliseconds times 1000 stay exact in a double (below 2^53) far beyond any date a tracker sees.
  return int64Array(epochMs, TIMESTAMP, (buf, ms, at) => writeInt64(buf, Math.floor(ms) * 1000 - POSTGRES_EPOCH_US, at));
}

/** A whole number of magnitude below 2^53 as a big-endian int64, without a BigInt. */
function writeInt64(buf: Buffer, value: number, at: number): void {
  const high = Math.floor(value / 0x1_0000_0000);
  buf.writeInt32BE(high, at);
  buf.writeUInt32BE(value - high * 0x1_0000_0000, at + 4);
}
