import { err, ok, type Result } from './result';

const MAX_UINT63 = (1n << 63n) - 1n;

/**
 * Parses an ASCII `^\d+$` byte string as an exact bigint below 2^63 (the byte counters of BEP 3; 63 bits so
 * they fit a signed 64-bit database column). Short values take a Number fast path, which is exact below 2^53.
 */
export function parseUint63(
  bytes: Uint8Array, start = 0, end = bytes.length,
): Result<bigint, 'not-an-integer' | 'exceeds-63-bits'> {
  if (end <= start) return err('not-an-integer');
  let firstSignificant = -1;
  for (let i = start; i < end; i++) {
    const b = bytes[i] ?? 0;
    if (b < 0x30 || b > 0x39) return err('not-an-integer');
    if (firstSignificant === -1 && b !== 0x30) firstSignificant = i;
  }
  if (firstSignificant === -1) return ok(0n);
  const digits = end - firstSignificant;
  if (digits <= 15) {
    let n = 0;
    for (let i = firstSignificant; i < end; i++) n = n * 10 + ((bytes[i] ?? 0) - 0x30);
    return ok(BigInt(n));
  }
  if (digits > 19) return err('exceeds-63-bits');
  let s = '';
  for (let i = firstSignificant; i < end; i++) s += String.fromCharCode(bytes[i] ?? 0);
  const value = BigInt(s);
  return value > MAX_UINT63 ? err('exceeds-63-bits') : ok(value);
}

/**
 * Parses `^\d+$` as a number that saturates at `cap`, so huge values clamp instead of overflowing.
 * Returns -1 when the bytes are not a non-negative integer.
 */
export function parseSaturatingUint(bytes: Uint8Array, cap: number, start = 0, end = bytes.length): number {
  if (end <= start) return -1;
  let n = 0;
  for (let i = start; i < end; i++) {
    const b = bytes[i] ?? 0;
    if (b < 0x30 || b > 0x39) return -1;
    n = n * 10 + (b - 0x30);
    if (n > cap) n = cap;
  }
  return n;
}
