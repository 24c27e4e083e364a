import { describe, expect, it } from 'vitest';
import { binaryStringToBytes, bytesToBinaryString, utf8 } from '@/lib/bencode';
import { bin } from './helpers';

describe('binary strings', () => {
  const everyByte = Uint8Array.from({ length: 256 }, (_, i) => i);

  it('map each byte to the char with the same code, including 0x80-0x9F', () => {
    const s = bytesToBinaryString(everyByte);
    expect(s.length).toBe(256);
    expect([...s].map((c) => c.charCodeAt(0))).toEqual([...everyByte]);
  });

  it('round-trip every byte value', () => {
    expect(binaryStringToBytes(bytesToBinaryString(everyByte))).toEqual(everyByte);
  });

  it('round-trip strings longer than one conversion chunk', () => {
    const big = Uint8Array.from({ length: 300_000 }, (_, i) => (i * 7) % 256);
    expect(binaryStringToBytes(bytesToBinaryString(big))).toEqual(big);
  });

  it('read ASCII keys naturally', () => {
    expect(bytesToBinaryString(bin('info'))).toBe('info');
    expect(binaryStringToBytes('info')).toEqual(new TextEncoder().encode('info'));
  });

  it('refuse a char above 0xFF', () => {
    expect(() => binaryStringToBytes('ab€')).toThrow(new TypeError('Not a binary string: char 2 is U+20AC, above 0xFF'));
  });
});

describe('utf8', () => {
  it.each([
    ['ASCII', 'name', 'name'],
    ['two-byte characters', 'caf\xc3\xa9', 'café'],
    ['an astral character', '\xf0\x9f\x98\x80', '😀'],
    ['a leading byte order mark, kept', '\xef\xbb\xbfx', '\ufeffx'],
    ['the empty string', '', ''],
  ])('decodes %s', (_name, input, expected) => {
    expect(utf8(bin(input))).toBe(expected);
  });

  it.each([
    ['a truncated sequence', 'caf\xc3'],
    ['a stray continuation byte', '\x80'],
    ['an overlong encoding', '\xc0\xaf'],
    ['an encoded surrogate', '\xed\xa0\x80'],
    ['a code point above U+10FFFF', '\xf4\x90\x80\x80'],
    ['latin-1 text', 'caf\xe9'],
  ])('returns null for %s', (_name, input) => {
    expect(utf8(bin(input))).toBeNull();
  });

  it('still decodes after rejecting invalid input', () => {
    expect(utf8(bin('\xff'))).toBeNull();
    expect(utf8(bin('ok'))).toBe('ok');
  });
});
