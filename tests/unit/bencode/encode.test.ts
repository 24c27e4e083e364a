import { describe, expect, it } from 'vitest';
import { encode, type BEncodable } from '@/lib/bencode';
import { bin, latin1 } from './helpers';

const dict = (...entries: [string, BEncodable][]) => new Map<string, BEncodable>(entries);

describe('encode writes canonical bencode', () => {
  it.each<[string, BEncodable, string]>([
    ['zero', 0, 'i0e'],
    ['negative zero as zero', -0, 'i0e'],
    ['a negative number', -42, 'i-42e'],
    ['the largest safe number', Number.MAX_SAFE_INTEGER, 'i9007199254740991e'],
    ['2^63 - 1 as a bigint', 2n ** 63n - 1n, 'i9223372036854775807e'],
    ['-2^63 as a bigint', -(2n ** 63n), 'i-9223372036854775808e'],
    ['an empty string', '', '0:'],
    ['a JS string as UTF-8', 'é€', '5:\xc3\xa9\xe2\x82\xac'],
    ['an astral character as 4 bytes', '😀', '4:\xf0\x9f\x98\x80'],
    ['raw bytes', bin('\x00\xffe:'), '4:\x00\xffe:'],
    ['an empty list', [], 'le'],
    ['an empty dictionary', dict(), 'de'],
    ['nested values', [1, ['a', dict(['k', []])]], 'li1el1:ad1:kleeee'],
    ['a dictionary value that is a Uint8Array', dict(['peers', bin('\x7f\x00\x00\x01\x1a\xe1')]), 'd5:peers6:\x7f\x00\x00\x01\x1a\xe1e'],
  ])('encodes %s', (_name, value, expected) => {
    expect(latin1(encode(value))).toBe(expected);
  });

  it('sorts dictionary keys as raw bytes whatever their insertion order', () => {
    const value = dict(['\x80', 1], ['z', 2], ['ab', 3], ['a', 4], ['', 5], ['B', 6]);
    expect(latin1(encode(value))).toBe('d0:i5e1:Bi6e1:ai4e2:abi3e1:zi2e1:\x80i1ee');
  });

  it('leaves the dictionary it encodes unchanged', () => {
    const value = dict(['b', 1], ['a', 2]);
    encode(value);
    expect([...value.keys()]).toEqual(['b', 'a']);
  });

  it('writes a value shared by two parents twice, since only cycles are refused', () => {
    const shared = [1];
    expect(latin1(encode([shared, dict(['x', shared])]))).toBe('lli1eed1:xli1eeee');
  });

  it('returns a buffer exactly as long as the encoding', () => {
    const out = encode([new Uint8Array(1_000_000), 'tail']);
    expect(out.length).toBe(out.buffer.byteLength);
    expect(out.length).toBe('l1000000:'.length + 1_000_000 + '4:taile'.length);
    expect(latin1(out.subarray(-7))).toBe('4:taile');
  });
});

describe('encode refuses what bencode cannot represent', () => {
  const cyclicList: BEncodable[] = [];
  cyclicList.push(cyclicList);
  const cyclicDict = new Map<string, BEncodable>();
  cyclicDict.set('self', [cyclicDict]);

  it.each<[string, unknown, string]>([
    ['a fraction', 1.5, 'Cannot bencode 1.5: numbers must be safe integers (use a bigint beyond 2^53)'],
    ['NaN', Number.NaN, 'Cannot bencode NaN: numbers must be safe integers (use a bigint beyond 2^53)'],
    ['Infinity', Infinity, 'Cannot bencode Infinity: numbers must be safe integers (use a bigint beyond 2^53)'],
    ['an unsafe number', 2 ** 53, 'Cannot bencode 9007199254740992: numbers must be safe integers (use a bigint beyond 2^53)'],
    ['a bigint of 2^63', 2n ** 63n, 'Cannot bencode 9223372036854775808: it is outside the signed 64-bit range'],
    ['a bigint below -2^63', -(2n ** 63n) - 1n, 'Cannot bencode -9223372036854775809: it is outside the signed 64-bit range'],
    ['a lone surrogate', 'a\ud800b', 'Cannot bencode a string with a lone UTF-16 surrogate'],
    ['a key above 0xFF', dict(['a€', 1]), 'Cannot bencode the dictionary key "a\\u20AC": it has a char above 0xFF, so it is not a binary string'],
    ['a non-string key', new Map([[1, 1]]), 'Cannot bencode a dictionary key that is a number'],
    ['null', [null], 'Cannot bencode null'],
    ['undefined', dict(['a', undefined as unknown as BEncodable]), 'Cannot bencode undefined'],
    ['a hole in a list', [1, , 2], 'Cannot bencode undefined'],
    ['a boolean', true, 'Cannot bencode true'],
    ['a plain object', { a: 1 }, 'Cannot bencode a plain object (dictionaries must be Maps)'],
    ['another typed array', new Int8Array(2), 'Cannot bencode an Int8Array'],
    ['a Set', new Set([1]), 'Cannot bencode a Set'],
    ['a symbol', Symbol('x'), 'Cannot bencode a symbol'],
    ['a list that contains itself', cyclicList, 'Cannot bencode a list or dictionary that contains itself'],
    ['a dictionary that contains itself', cyclicDict, 'Cannot bencode a list or dictionary that contains itself'],
  ])('throws a TypeError for %s', (_name, value, message) => {
    expect(() => encode(value as BEncodable)).toThrow(new TypeError(message));
  });
});
