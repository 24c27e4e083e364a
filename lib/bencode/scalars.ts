import { describeByte, describeDigits, errorAt, MAX_DIGITS_SHOWN, plural } from './messages';
import type { DecodeError } from './types';

export const ZERO = 0x30;
export const COLON = 0x3a;
export const MINUS = 0x2d;
export const E = 0x65;

const MIN_INT64 = -(2n ** 63n);
const MAX_INT64 = 2n ** 63n - 1n;
// Without leading zeros, 20 digits already exceed 2^63; longer runs never reach BigInt (which is quadratic).
const MAX_INT64_DIGITS = 19;
// Up to 15 digits a Number is exact (< 2^53), and summing digits is far cheaper than BigInt parsing text.
const SAFE_DIGITS = 15;

export type Read<T> = { value: T; end: number } | DecodeError;

export function isDigit(byte: number | undefined): byte is number {
  return byte !== undefined && byte >= ZERO && byte <= 0x39;
}

function skipDigits(input: Uint8Array, from: number): number {
  let p = from;
  while (isDigit(input[p])) p++;
  return p;
}

/** `i<digits>e` at `start` (BEP 3): one canonical form per number, so no leading zeros, no `-0`, no `+`. */
export function readInteger(input: Uint8Array, start: number): Read<bigint> {
  const negative = input[start + 1] === MINUS;
  const digitsStart = start + 1 + (negative ? 1 : 0);
  const end = skipDigits(input, digitsStart);
  const count = end - digitsStart;
  const next = input[end];
  if (next === undefined) return errorAt('unexpected-end', end, 'the data ends inside an integer');
  if (next !== E) {
    const expected = count === 0 ? 'a digit' : 'a digit or "e"';
    return errorAt('invalid-integer', end, `integer contains ${describeByte(next)} where ${expected} was expected`);
  }
  if (count === 0) {
    return errorAt('invalid-integer', start, negative ? 'integer has no digits after the minus sign' : 'integer has no digits');
  }
  if (input[digitsStart] === ZERO) {
    if (count > 1) return errorAt('invalid-integer', digitsStart, 'integer has a leading zero');
    if (negative) return errorAt('invalid-integer', start + 1, 'integer is negative zero, which must be written i0e');
  }
  if (count <= SAFE_DIGITS) {
    let n = 0;
    for (let p = digitsStart; p < end; p++) n = n * 10 + ((input[p] as number) - ZERO);
    return { value: BigInt(negative ? -n : n), end: end + 1 };
  }
  const text = `${negative ? '-' : ''}${describeDigits(input, digitsStart, end)}`;
  const value = count > MAX_INT64_DIGITS ? null : BigInt(text);
  if (value === null || value < MIN_INT64 || value > MAX_INT64) {
    const shown = count > MAX_DIGITS_SHOWN ? `with ${plural(count, 'digit')}` : text;
    return errorAt('integer-out-of-range', start, `integer ${shown} is outside the signed 64-bit range`);
  }
  return { value, end: end + 1 };
}

/**
 * `<length>:<bytes>` at `start` (BEP 3); the value is where the bytes begin, they end at `end`. The length is
 * compared with what is left of the input before anything is allocated, so a claimed length of 2^53 costs nothing.
 */
export function readString(input: Uint8Array, start: number): Read<number> {
  if (input[start] === ZERO && isDigit(input[start + 1])) {
    return errorAt('invalid-string-length', start, 'string length has a leading zero');
  }
  let length = 0;
  let p = start;
  for (let byte = input[p]; isDigit(byte); byte = input[++p]) length = length * 10 + (byte - ZERO);
  const next = input[p];
  if (next === undefined) return errorAt('unexpected-end', p, 'the data ends inside a string length');
  if (next !== COLON) {
    return errorAt('invalid-string-length', p, `string length is followed by ${describeByte(next)} instead of ":"`);
  }
  const dataStart = p + 1;
  const remaining = input.length - dataStart;
  // Past 2^53 `length` is inexact but still far above any `remaining`, so the comparison stays right.
  if (length > remaining) {
    const shown = describeDigits(input, start, p);
    return errorAt('string-length-exceeds-input', start, `string length ${shown} exceeds the remaining ${plural(remaining, 'byte')}`);
  }
  return { value: dataStart, end: dataStart + length };
}

/** `-4:test`: a writer that meant a string but emitted a signed length deserves a clearer word than "unexpected". */
export function negativeLengthAt(input: Uint8Array, start: number): DecodeError | null {
  if (input[start] !== MINUS || !isDigit(input[start + 1])) return null;
  if (input[skipDigits(input, start + 1)] !== COLON) return null;
  return errorAt('invalid-string-length', start, 'string length cannot be negative');
}
