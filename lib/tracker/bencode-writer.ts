/**
 * Minimal bencode (BEP 3) writing for the fixed-shape tracker responses: the caller sums the exact size with
 * the `*Size` functions, allocates one buffer, then writes into it, so a response costs one allocation.
 * Keys are written from precomputed `<len>:<key>` byte strings; the callers list them in raw-byte order.
 */

const textEncoder = new TextEncoder();

/** `<len>:<key>` as bytes, computed once per key at module load. */
export function keyBytes(key: string): Uint8Array {
  return textEncoder.encode(`${key.length}:${key}`);
}

export function utf8(text: string): Uint8Array {
  return textEncoder.encode(text);
}

function digitCount(n: number): number {
  let d = 1;
  while (n >= 10) {
    n = Math.floor(n / 10);
    d++;
  }
  return d;
}

/** Refuses what bencode cannot express exactly: a fraction or a number beyond 2^53 is a caller bug. */
function assertInteger(n: number): void {
  if (!Number.isSafeInteger(n)) throw new RangeError(`bencode integer must be a safe integer, got ${n}`);
}

export function intSize(n: number): number {
  assertInteger(n);
  return 2 + (n < 0 ? 1 + digitCount(-n) : digitCount(n));
}

export function bytesSize(length: number): number {
  return digitCount(length) + 1 + length;
}

function writeDigits(out: Uint8Array, at: number, n: number): number {
  const end = at + digitCount(n);
  let i = end;
  do {
    out[--i] = 0x30 + (n % 10);
    n = Math.floor(n / 10);
  } while (n > 0);
  return end;
}

export function writeInt(out: Uint8Array, at: number, n: number): number {
  out[at++] = 0x69;
  if (n < 0) {
    out[at++] = 0x2d;
    n = -n;
  }
  at = writeDigits(out, at, n);
  out[at++] = 0x65;
  return at;
}

export function writeBytes(out: Uint8Array, at: number, bytes: Uint8Array): number {
  at = writeDigits(out, at, bytes.length);
  out[at++] = 0x3a;
  out.set(bytes, at);
  return at + bytes.length;
}

export function writeRaw(out: Uint8Array, at: number, raw: Uint8Array): number {
  out.set(raw, at);
  return at + raw.length;
}

/** Structural bytes: 'd' opens a dictionary, 'l' a list, 'e' ends either. */
export const DICT = 0x64;
export const LIST = 0x6c;
export const END = 0x65;
