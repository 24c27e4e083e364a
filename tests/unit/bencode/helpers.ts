import fc from 'fast-check';
import { bytesToBinaryString, type BDict, type BValue } from '@/lib/bencode';

/** Test inputs are written as binary strings: one char per byte, so '\x80' is the byte 0x80. */
export const bin = (s: string): Uint8Array<ArrayBuffer> => Uint8Array.from(s, (c) => c.charCodeAt(0));
export const latin1 = (bytes: Uint8Array): string => bytesToBinaryString(bytes);

export type Shape = string | { int: string } | { bytes: number[] } | Shape[] | { dict: [string, Shape][] };

/** A plain, order-preserving picture of a value, so equality also checks key order and byte contents. */
export function shape(value: BValue): Shape {
  if (typeof value === 'bigint') return { int: value.toString() };
  if (value instanceof Uint8Array) return { bytes: [...value] };
  if (Array.isArray(value)) return value.map(shape);
  return { dict: [...value].map(([k, v]): [string, Shape] => [k, shape(v)]) };
}

const compareKeys = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export const int64 = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n });
/** Mostly ASCII-ish keys with some arbitrary bytes, so byte-order sorting past 0x7F is exercised. */
export const binaryKey = fc.oneof(
  fc.string({ unit: 'grapheme-ascii', maxLength: 6 }),
  fc.uint8Array({ maxLength: 6 }).map(bytesToBinaryString),
);

/** Arbitrary decoded values: dictionaries hold unique keys in BEP 3 order, as a decoder produces them. */
export const bvalue = fc.letrec<{ value: BValue; list: BValue[]; dict: BDict }>((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, int64, fc.uint8Array({ maxLength: 12 }), tie('list'), tie('dict')),
  list: fc.array(tie('value'), { maxLength: 5 }),
  dict: fc
    .uniqueArray(fc.tuple(binaryKey, tie('value')), { selector: ([key]) => key, maxLength: 5 })
    .map((entries) => new Map(entries.sort(([a], [b]) => compareKeys(a, b)))),
})).value;
