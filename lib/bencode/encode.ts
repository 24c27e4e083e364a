import { ByteWriter } from './byte-writer';
import { describeKey } from './messages';
import type { BEncodable } from './types';

const MIN_INT64 = -(2n ** 63n);
const MAX_INT64 = 2n ** 63n - 1n;
const L = 0x6c;
const D = 0x64;
const E = 0x65;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const textEncoder = new TextEncoder();

type Frame =
  | { container: object; items: readonly BEncodable[]; index: number }
  | { container: object; dict: ReadonlyMap<string, BEncodable>; keys: string[]; index: number };

const withArticle = (noun: string) => `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;

function describeValue(value: unknown): string {
  if (value === null || value === undefined || typeof value === 'boolean') return String(value);
  if (typeof value !== 'object') return withArticle(typeof value);
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === null || proto === Object.prototype) return 'a plain object (dictionaries must be Maps)';
  const name: unknown = (proto as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === 'string' && name !== '' ? withArticle(name) : 'an object';
}

/** Writes a scalar, or the opening byte of a container and returns its frame. */
function open(writer: ByteWriter, value: BEncodable | undefined, ancestors: Set<object>): Frame | null {
  switch (typeof value) {
    case 'bigint':
      if (value < MIN_INT64 || value > MAX_INT64) throw new TypeError(`Cannot bencode ${value}: it is outside the signed 64-bit range`);
      writer.binaryString(`i${value}e`);
      return null;
    case 'number':
      if (!Number.isSafeInteger(value)) throw new TypeError(`Cannot bencode ${value}: numbers must be safe integers (use a bigint beyond 2^53)`);
      writer.binaryString(`i${value}e`);
      return null;
    case 'string': {
      // TextEncoder would silently turn a lone surrogate into U+FFFD, changing the data.
      if (LONE_SURROGATE.test(value)) throw new TypeError('Cannot bencode a string with a lone UTF-16 surrogate');
      const bytes = textEncoder.encode(value);
      writer.binaryString(`${bytes.length}:`);
      writer.bytes(bytes);
      return null;
    }
  }
  if (value instanceof Uint8Array) {
    writer.binaryString(`${value.length}:`);
    writer.bytes(value);
    return null;
  }
  const isList = Array.isArray(value);
  if (!isList && !(value instanceof Map)) throw new TypeError(`Cannot bencode ${describeValue(value)}`);
  if (ancestors.has(value)) throw new TypeError('Cannot bencode a list or dictionary that contains itself');
  ancestors.add(value);
  if (isList) {
    writer.byte(L);
    return { container: value, items: value as readonly BEncodable[], index: 0 };
  }
  const dict = value as ReadonlyMap<string, BEncodable>;
  const keys = [...dict.keys()];
  for (const key of keys) if (typeof key !== 'string') throw new TypeError(`Cannot bencode a dictionary key that is ${describeValue(key)}`);
  // Default sort compares UTF-16 code units, which for binary strings is BEP 3's raw-byte order.
  keys.sort();
  writer.byte(D);
  return { container: value, dict, keys, index: 0 };
}

/**
 * Canonical BEP 3 encoding: dictionary keys sorted as raw bytes, integers in shortest form, JS strings as UTF-8.
 * Iterative, so nesting depth is bounded by memory, not the call stack. Throws a TypeError for anything bencode
 * cannot represent faithfully (non-integers, unsafe numbers, keys with chars above 0xFF, cycles, other objects).
 */
export function encode(value: BEncodable): Uint8Array {
  const writer = new ByteWriter();
  const ancestors = new Set<object>();
  const stack: Frame[] = [];
  const first = open(writer, value, ancestors);
  if (first !== null) stack.push(first);
  for (let top = stack[stack.length - 1]; top !== undefined; top = stack[stack.length - 1]) {
    let child: BEncodable | undefined;
    if ('items' in top) {
      if (top.index === top.items.length) {
        writer.byte(E);
        ancestors.delete(top.container);
        stack.pop();
        continue;
      }
      child = top.items[top.index++];
    } else {
      const key = top.keys[top.index++];
      if (key === undefined) {
        writer.byte(E);
        ancestors.delete(top.container);
        stack.pop();
        continue;
      }
      writer.binaryString(`${key.length}:`);
      if (!writer.binaryString(key)) {
        throw new TypeError(`Cannot bencode the dictionary key ${describeKey(key)}: it has a char above 0xFF, so it is not a binary string`);
      }
      child = top.dict.get(key);
    }
    const frame = open(writer, child, ancestors);
    if (frame !== null) stack.push(frame);
  }
  return writer.finish();
}
