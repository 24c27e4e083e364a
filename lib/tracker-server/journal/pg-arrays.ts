/**
 * PostgreSQL array literals for the fold's `unnest($1::int[], …)` parameters, built directly as text: a round
 * passes a dozen arrays of up to a few hundred thousand values, and node-postgres would quote and escape every
 * element of a JS array with two regular expressions. Numbers, digits of bigints and ISO times need no quoting
 * in an array literal; bytea goes as hex (`\x…`, its backslash escaped for the array syntax); text is quoted.
 */

export function intArray(values: readonly number[]): string {
  return `{${values.join(',')}}`;
}

/** Null elements become NULL. */
export function bigintArray(values: readonly (bigint | null)[]): string {
  return `{${values.map((v) => (v === null ? 'NULL' : String(v))).join(',')}}`;
}

export function boolArray(values: readonly boolean[]): string {
  return `{${values.map((v) => (v ? 't' : 'f')).join(',')}}`;
}

/** Hex-encoded in one pass over all the values, then cut per value; null elements become NULL. */
export function byteaArray(values: readonly (Uint8Array | null)[]): string {
  const hex = Buffer.concat(values.filter((v) => v !== null)).toString('hex');
  const parts: string[] = new Array<string>(values.length);
  let at = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i] ?? null;
    if (value === null) {
      parts[i] = 'NULL';
      continue;
    }
    const end = at + 2 * value.length;
    parts[i] = `\\\\x${hex.slice(at, end)}`;
    at = end;
  }
  return `{${parts.join(',')}}`;
}

export function textArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`;
}

/**
 * For TIMESTAMP(3) columns, which hold UTC as Prisma writes it: the time zone suffix of the ISO text is ignored by
 * a column without time zone, whatever the server's or the process's time zone. Null elements become NULL.
 */
export function timestampArray(epochMs: readonly (number | null)[]): string {
  // A round's times fall in a few seconds: the text up to the second is made once per second.
  const prefixes = new Map<number, string>();
  const parts: string[] = new Array<string>(epochMs.length);
  for (let i = 0; i < epochMs.length; i++) {
    const value = epochMs[i] ?? null;
    if (value === null) {
      parts[i] = 'NULL';
      continue;
    }
    const ms = Math.floor(value);
    const second = Math.floor(ms / 1000);
    let prefix = prefixes.get(second);
    if (prefix === undefined) {
      prefix = new Date(second * 1000).toISOString().slice(0, 20);
      prefixes.set(second, prefix);
    }
    parts[i] = `${prefix}${String(ms - second * 1000).padStart(3, '0')}Z`;
  }
  return `{${parts.join(',')}}`;
}
