import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decode, encode, type BEncodable } from '@/lib/bencode';
import { bin, binaryKey, bvalue, shape } from './helpers';

/** One-byte edits of a canonical encoding: the inputs a strict decoder is most likely to accept by mistake. */
const mutated = fc
  .tuple(bvalue.map(encode), fc.nat(), fc.integer({ min: 0, max: 255 }), fc.constantFrom('insert', 'delete', 'replace'))
  .map(([bytes, at, byte, edit]) => {
    const i = bytes.length === 0 ? 0 : at % bytes.length;
    const head = [...bytes.subarray(0, i)];
    const tail = [...bytes.subarray(edit === 'insert' ? i : i + 1)];
    return Uint8Array.from(edit === 'delete' ? [...head, ...tail] : [...head, byte, ...tail]);
  });

/** Random text over the bencode alphabet reaches far more decoder states than random bytes. */
const bencodeish = fc.string({ unit: fc.constantFrom(...'ilde0123456789:-x'), maxLength: 40 }).map(bin);

describe('bencode round trips (property)', () => {
  it('decodes what it encodes to the same value, key order and bytes included', () => {
    fc.assert(
      fc.property(bvalue, (value) => {
        const result = decode(encode(value));
        expect(result.ok && shape(result.value)).toEqual(shape(value));
      }),
    );
  });

  it('re-encodes a canonical input to the same bytes', () => {
    fc.assert(
      fc.property(bvalue.map(encode), (bytes) => {
        const result = decode(bytes);
        expect(result.ok && encode(result.value)).toEqual(bytes);
      }),
    );
  });

  it('accepts only canonical encodings: whatever it decodes re-encodes byte for byte', () => {
    fc.assert(
      fc.property(fc.oneof(mutated, bencodeish, fc.uint8Array({ maxLength: 40 })), (bytes) => {
        const result = decode(bytes);
        if (result.ok) expect(encode(result.value)).toEqual(bytes);
        else expect(result.error.message).toMatch(/^(Invalid bencode|The file is)/);
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts a dictionary exactly when its keys strictly increase as bytes', () => {
    const key = fc.oneof(fc.constantFrom('', 'a', 'ab', 'b', '\x80'), binaryKey);
    const entries = fc.array(fc.tuple(key, bvalue), { maxLength: 5 });
    fc.assert(
      fc.property(entries, (pairs) => {
        const body = pairs.map(([key, value]) => [...encode(bin(key)), ...encode(value)]).flat();
        const result = decode(Uint8Array.from([0x64, ...body, 0x65]));
        const increasing = pairs.every(([key], i) => i === 0 || (pairs[i - 1] as [string, unknown])[0] < key);
        expect(result.ok).toBe(increasing);
      }),
    );
  });

  it('spans the encoding of the top-level info value', () => {
    const withInfo = fc
      .tuple(bvalue, fc.array(fc.tuple(binaryKey, bvalue), { maxLength: 4 }))
      .map(([info, others]) => ({ info, root: new Map<string, BEncodable>([...others, ['info', info]]) }));
    fc.assert(
      fc.property(withInfo, ({ info, root }) => {
        const bytes = encode(root);
        const result = decode(bytes);
        if (!result.ok || result.infoSpan === null) throw new Error('expected an info span');
        expect(bytes.subarray(result.infoSpan.start, result.infoSpan.end)).toEqual(encode(info));
      }),
    );
  });
});
