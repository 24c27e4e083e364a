import { describe, expect, it } from 'vitest';
import { decode, encode, type BEncodable, type BValue } from '@/lib/bencode';
import { bin, latin1, shape } from './helpers';

function decodeOk(input: string | Uint8Array): BValue {
  const result = decode(typeof input === 'string' ? bin(input) : input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const valid: [name: string, input: string, expected: BValue][] = [
  ['zero', 'i0e', 0n],
  ['minus one', 'i-1e', -1n],
  ['2^63 - 1', 'i9223372036854775807e', 2n ** 63n - 1n],
  ['-2^63', 'i-9223372036854775808e', -(2n ** 63n)],
  ['2^53 + 1 without losing precision', 'i9007199254740993e', 9007199254740993n],
  ['an empty string', '0:', new Uint8Array(0)],
  ['a string holding every kind of byte', '4:\x00e:\xff', bin('\x00e:\xff')],
  ['an empty list', 'le', []],
  ['an empty dictionary', 'de', new Map()],
  ['nested empties', 'lledelleee', [[], new Map(), [[]]]],
  ['a dictionary of empties', 'd1:ale1:bdee', new Map<string, BValue>([['a', []], ['b', new Map()]])],
  ['a key sorting after its prefix', 'd1:ai1e2:aai2ee', new Map([['a', 1n], ['aa', 2n]])],
  ['byte 0x80 sorting after "z"', 'd1:zi1e1:\x80i2ee', new Map([['z', 1n], ['\x80', 2n]])],
  ['the empty key first', 'd0:i1e1:\x00i2ee', new Map([['', 1n], ['\x00', 2n]])],
];

describe('decode accepts canonical bencode', () => {
  it.each(valid)('decodes %s', (_name, input, expected) => {
    expect(shape(decodeOk(input))).toEqual(shape(expected));
  });

  it('keeps dictionary keys in file order, which is byte order', () => {
    const value = decodeOk('d1:Ai1e1:ai2e1:zi3e1:\x80i4e1:\xffi5ee');
    expect(value instanceof Map && [...value.keys()]).toEqual(['A', 'a', 'z', '\x80', '\xff']);
  });

  it('reads a view of the input at its own offsets', () => {
    const outer = bin('junk3:abcjunk');
    expect(shape(decodeOk(outer.subarray(4, 9)))).toEqual(shape(bin('abc')));
  });

  it('accepts a Node Buffer, which is a Uint8Array', () => {
    expect(shape(decodeOk(Buffer.from('l4:spami42ee', 'latin1')))).toEqual(shape([bin('spam'), 42n]));
  });
});

describe('decode treats prototype-like keys as data', () => {
  const before = Object.getOwnPropertyNames(Object.prototype).sort();

  it('decodes a __proto__ key into an ordinary Map entry', () => {
    const value = decodeOk('d9:__proto__i1ee');
    expect(value).toBeInstanceOf(Map);
    expect(value instanceof Map && [...value]).toEqual([['__proto__', 1n]]);
  });

  it('leaves Object.prototype untouched by constructor and prototype keys', () => {
    const value = decodeOk('d9:__proto__d8:pollutedi1ee11:constructord9:prototyped8:pollutedi1eeee');
    expect(value instanceof Map && value.get('constructor') instanceof Map).toBe(true);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('decode reports the span of the top-level info value', () => {
  it('spans exactly the info dictionary, so hashing it gives the infohash', async () => {
    const input = bin('d8:announce3:url7:comment0:4:infod6:lengthi5e4:name1:xee');
    const result = decode(input);
    expect(result.ok && result.infoSpan).toEqual({ start: 33, end: 55 });
    if (!result.ok || result.infoSpan === null) throw new Error('expected an info span');
    const infoBytes = input.subarray(result.infoSpan.start, result.infoSpan.end);
    expect(latin1(infoBytes)).toBe('d6:lengthi5e4:name1:xe');
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-1', infoBytes));
    const expected = new Uint8Array(await crypto.subtle.digest('SHA-1', bin('d6:lengthi5e4:name1:xe')));
    expect(digest).toEqual(expected);
  });

  it('spans an info value that is not a dictionary', () => {
    const result = decode(bin('d4:infoi12ee'));
    expect(result.ok && result.infoSpan).toEqual({ start: 7, end: 11 });
  });

  it('spans an info value that is the last key', () => {
    const result = decode(bin('d1:ai1e4:infolee'));
    expect(result.ok && result.infoSpan).toEqual({ start: 13, end: 15 });
  });

  it.each([
    ['there is no info key', 'd4:infa0:e'],
    ['info is nested one level down', 'd1:ad4:infodeee'],
    ['the top level is a list', 'ld4:infodeee'],
    ['the top level is a string', '4:info'],
  ])('is null when %s', (_name, input) => {
    const result = decode(bin(input));
    expect(result).toMatchObject({ ok: true, infoSpan: null });
  });

  it('matches the re-encoded info value', () => {
    const info = new Map<string, BEncodable>([['pieces', new Uint8Array(20).fill(0xab)], ['z', [1, 2]]]);
    const input = encode(new Map<string, BEncodable>([['info', info], ['x', 'y']]));
    const result = decode(input);
    if (!result.ok || result.infoSpan === null) throw new Error('expected an info span');
    expect(input.subarray(result.infoSpan.start, result.infoSpan.end)).toEqual(encode(info));
  });
});
