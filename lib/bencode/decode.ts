import { binaryStringAt } from './binary-string';
import { describeByte, describeKey, errorAt, formatSize, plural } from './messages';
import { E, isDigit, negativeLengthAt, readInteger, readString, type Read } from './scalars';
import type { BDict, BValue, ByteSpan, DecodeError, DecodeOptions, DecodeResult } from './types';

export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
export const DEFAULT_MAX_DEPTH = 256;

const I = 0x69;
const L = 0x6c;
const D = 0x64;

type Frame =
  | { kind: 'list'; start: number; list: BValue[] }
  | { kind: 'dict'; start: number; dict: BDict; key: string | null; lastKey: string | null };

const fail = (error: DecodeError): DecodeResult => ({ ok: false, error });

function checkLimit(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  return value;
}

function endInside(frame: Frame, offset: number): DecodeError {
  if (frame.kind === 'list') return errorAt('unexpected-end', offset, 'the data ends before the list is closed');
  if (frame.key === null) return errorAt('unexpected-end', offset, 'the data ends before the dictionary is closed');
  return errorAt('unexpected-end', offset, `the data ends before the value of dictionary key ${describeKey(frame.key)}`);
}

function readScalar(input: Uint8Array, at: number, expected: string): Read<BValue> {
  const byte = input[at] as number;
  if (byte === I) return readInteger(input, at);
  if (isDigit(byte)) {
    const read = readString(input, at);
    // A view, not a copy: a torrent's multi-megabyte `pieces` string costs nothing to decode.
    return 'code' in read ? read : { value: input.subarray(read.value, read.end), end: read.end };
  }
  return negativeLengthAt(input, at) ?? errorAt('unexpected-byte', at, `unexpected ${describeByte(byte)} where ${expected} was expected`);
}

const KIND_NAMES: Record<number, string> = { [I]: 'an integer', [L]: 'a list', [D]: 'a dictionary' };

/** The next dictionary key, which BEP 3 requires to be a byte string sorting strictly after the previous one. */
function readKey(input: Uint8Array, at: number, frame: Frame & { kind: 'dict' }): Read<string> {
  const byte = input[at] as number;
  const kind = KIND_NAMES[byte];
  if (kind !== undefined) return errorAt('non-string-key', at, `dictionary key must be a string, found ${kind}`);
  if (!isDigit(byte)) {
    return negativeLengthAt(input, at) ?? errorAt('unexpected-byte', at, `unexpected ${describeByte(byte)} where a dictionary key or "e" was expected`);
  }
  const read = readString(input, at);
  if ('code' in read) return read;
  const key = binaryStringAt(input, read.value, read.end);
  // Binary strings compare char by char, i.e. as raw bytes, with a prefix sorting first: BEP 3's order.
  if (frame.lastKey !== null && key <= frame.lastKey) {
    if (key === frame.lastKey) return errorAt('duplicate-key', at, `dictionary key ${describeKey(key)} appears twice`);
    return errorAt('unsorted-keys', at, `dictionary keys are not sorted (${describeKey(key)} after ${describeKey(frame.lastKey)})`);
  }
  return { value: key, end: read.end };
}

/**
 * Strict BEP 3 decoding of untrusted bytes: exactly one canonical value, or an error naming the byte at fault.
 * Linear time, iterative (depth costs heap, never call stack), and nothing is allocated for a claimed length
 * until the input is known to hold it. A top-level `info` value's byte span is reported for infohashing.
 */
export function decode(input: Uint8Array, options: DecodeOptions = {}): DecodeResult {
  const maxBytes = checkLimit('maxBytes', options.maxBytes ?? DEFAULT_MAX_BYTES);
  const maxDepth = checkLimit('maxDepth', options.maxDepth ?? DEFAULT_MAX_DEPTH);
  if (input.length > maxBytes) return fail({ code: 'too-large', offset: maxBytes, message: `The file is larger than ${formatSize(maxBytes)}` });
  if (input.length === 0) return fail({ code: 'empty', offset: 0, message: 'The file is empty' });

  const stack: Frame[] = [];
  let infoSpan: ByteSpan | null = null;
  let pos = 0;
  for (;;) {
    const top = stack[stack.length - 1];
    if (top !== undefined && pos >= input.length) return fail(endInside(top, pos));
    const byte = input[pos];
    let value: BValue;
    let start = pos;
    if (top !== undefined && byte === E) {
      if (top.kind === 'dict' && top.key !== null) {
        return fail(errorAt('unexpected-byte', pos, `dictionary key ${describeKey(top.key)} has no value`));
      }
      stack.pop();
      value = top.kind === 'list' ? top.list : top.dict;
      start = top.start;
      pos++;
    } else if (top?.kind === 'dict' && top.key === null) {
      const key = readKey(input, pos, top);
      if ('code' in key) return fail(key);
      top.key = key.value;
      top.lastKey = key.value;
      pos = key.end;
      continue;
    } else if (byte === L || byte === D) {
      if (stack.length >= maxDepth) {
        return fail({ code: 'too-deep', offset: pos, message: `Invalid bencode: nested deeper than ${maxDepth} levels` });
      }
      stack.push(byte === L ? { kind: 'list', start, list: [] } : { kind: 'dict', start, dict: new Map(), key: null, lastKey: null });
      pos++;
      continue;
    } else {
      const read = readScalar(input, pos, top === undefined ? 'a value' : top.kind === 'list' ? 'a value or "e"' : 'a value');
      if ('code' in read) return fail(read);
      value = read.value;
      pos = read.end;
    }

    const parent = stack[stack.length - 1];
    if (parent === undefined) {
      if (pos < input.length) {
        const extra = input.length - pos;
        return fail(errorAt('trailing-bytes', pos, `${plural(extra, 'unexpected byte')} after the end of the data`));
      }
      return { ok: true, value, infoSpan };
    }
    if (parent.kind === 'list') {
      parent.list.push(value);
    } else if (parent.key !== null) {
      if (stack.length === 1 && parent.key === 'info') infoSpan = { start, end: pos };
      parent.dict.set(parent.key, value);
      parent.key = null;
    }
  }
}
