/**
 * PostgreSQL array literals for the fold's `unnest($1::int[], …)` parameters, built directly as text: a round
 * passes a dozen arrays of up to a few hundred thousand values, and node-postgres would quote and escape every
 * element of a JS array with two regular expressions. Numbers, digits of bigints and ISO times need no quoting
 * in an array literal; bytea goes as hex (`\x…`, its backslash escaped for the array syntax); text is quoted.
 */

export function intArray(values: readonly number[]): string {
  return `{${values.join(',')}}`;
}

export function bigintArray(values: readonly bigint[]): string {
  return `{${values.join(',')}}`;
}

export function boolArray(values: readonly boolean[]): string {
  return `{${values.map((v) => (v ? 't' : 'f')).join(',')}}`;
}

export function byteaArray(values: readonly Uint8Array[]): string {
  return `{${values.map((v) => `\\\\x${Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex')}`).join(',')}}`;
}

export function textArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`;
}

/**
 * For TIMESTAMP(3) columns, which hold UTC as Prisma writes it: the time zone suffix of the ISO text is ignored by
 * a column without time zone, whatever the server's or the process's time zone.
 */
export function timestampArray(epochMs: readonly number[]): string {
  return `{${epochMs.map((ms) => new Date(ms).toISOString()).join(',')}}`;
}
