import { describe, expect, it } from 'vitest';
import { decode, type DecodeErrorCode } from '@/lib/bencode';
import { bin } from './helpers';

type Case = [name: string, input: string, code: DecodeErrorCode, message: string];

const at = (offset: number, problem: string) => `Invalid bencode at byte ${offset}: ${problem}`;

const integers: Case[] = [
  ['a leading zero', 'i0500e', 'invalid-integer', at(1, 'integer has a leading zero')],
  ['a double zero', 'i00e', 'invalid-integer', at(1, 'integer has a leading zero')],
  ['a negative number with a leading zero', 'i-05e', 'invalid-integer', at(2, 'integer has a leading zero')],
  ['negative zero', 'i-0e', 'invalid-integer', at(1, 'integer is negative zero, which must be written i0e')],
  ['a plus sign', 'i+5e', 'invalid-integer', at(1, 'integer contains "+" where a digit was expected')],
  ['a double minus', 'i--1e', 'invalid-integer', at(2, 'integer contains "-" where a digit was expected')],
  ['a decimal point', 'i1.5e', 'invalid-integer', at(2, 'integer contains "." where a digit or "e" was expected')],
  ['a space', 'i 1e', 'invalid-integer', at(1, 'integer contains " " where a digit was expected')],
  ['no digits', 'ie', 'invalid-integer', at(0, 'integer has no digits')],
  ['only a minus sign', 'i-e', 'invalid-integer', at(0, 'integer has no digits after the minus sign')],
  ['a missing "e"', 'i12', 'unexpected-end', at(3, 'the data ends inside an integer')],
  ['2^63', 'i9223372036854775808e', 'integer-out-of-range', at(0, 'integer 9223372036854775808 is outside the signed 64-bit range')],
  ['-2^63 - 1', 'i-9223372036854775809e', 'integer-out-of-range', at(0, 'integer -9223372036854775809 is outside the signed 64-bit range')],
  ['2^64', 'i18446744073709551616e', 'integer-out-of-range', at(0, 'integer 18446744073709551616 is outside the signed 64-bit range')],
  ['a 25-digit number', `i${'9'.repeat(25)}e`, 'integer-out-of-range', at(0, 'integer with 25 digits is outside the signed 64-bit range')],
];

const strings: Case[] = [
  ['a negative length', '-4:test', 'invalid-string-length', at(0, 'string length cannot be negative')],
  ['a negative length in a list (the npm bencode OOM)', 'l-3:abce', 'invalid-string-length', at(1, 'string length cannot be negative')],
  ['a length past the end', '10:abc', 'string-length-exceeds-input', at(0, 'string length 10 exceeds the remaining 3 bytes')],
  ['a length of 2^53 + 1', '9007199254740993:abc', 'string-length-exceeds-input', at(0, 'string length 9007199254740993 exceeds the remaining 3 bytes')],
  ['a 30-digit length', `${'9'.repeat(30)}:x`, 'string-length-exceeds-input', at(0, 'string length of 30 digits exceeds the remaining 1 byte')],
  ['a length one past the end', '1:', 'string-length-exceeds-input', at(0, 'string length 1 exceeds the remaining 0 bytes')],
  ['a length with a leading zero', '03:abc', 'invalid-string-length', at(0, 'string length has a leading zero')],
  ['a length without a colon', '3x', 'invalid-string-length', at(1, 'string length is followed by "x" instead of ":"')],
  ['a length that ends the data', 'l12', 'unexpected-end', at(3, 'the data ends inside a string length')],
];

const dictionaries: Case[] = [
  ['unsorted keys', 'd1:ci1e1:bi2ee', 'unsorted-keys', at(7, 'dictionary keys are not sorted ("b" after "c")')],
  ['a longer key before its prefix', 'd2:abi1e1:ai2ee', 'unsorted-keys', at(8, 'dictionary keys are not sorted ("a" after "ab")')],
  ['byte 0x80 sorted before "z"', 'd1:\x80i1e1:zi2ee', 'unsorted-keys', at(7, 'dictionary keys are not sorted ("z" after "\\x80")')],
  ['a long unsorted key, cut short', `d40:${'a'.repeat(40)}i1e1:ai2ee`, 'unsorted-keys', at(47, `dictionary keys are not sorted ("a" after "${'a'.repeat(32)}...")`)],
  ['a duplicate key', 'd1:ai1e1:ai2ee', 'duplicate-key', at(7, 'dictionary key "a" appears twice')],
  ['a duplicate key with quotes', 'd2:"\\i1e2:"\\i2ee', 'duplicate-key', at(8, 'dictionary key "\\"\\\\" appears twice')],
  ['an integer key', 'di1ei1ee', 'non-string-key', at(1, 'dictionary key must be a string, found an integer')],
  ['a list key', 'dlei1ee', 'non-string-key', at(1, 'dictionary key must be a string, found a list')],
  ['a dictionary key', 'ddei1ee', 'non-string-key', at(1, 'dictionary key must be a string, found a dictionary')],
  ['a negative key length', 'd-1:ai1ee', 'invalid-string-length', at(1, 'string length cannot be negative')],
  ['junk where a key belongs', 'dxe', 'unexpected-byte', at(1, 'unexpected "x" where a dictionary key or "e" was expected')],
  ['a key without a value', 'd3:fooe', 'unexpected-byte', at(6, 'dictionary key "foo" has no value')],
  ['the data ending before a value', 'd3:foo', 'unexpected-end', at(6, 'the data ends before the value of dictionary key "foo"')],
  ['the data ending before "e"', 'd3:fooi1e', 'unexpected-end', at(9, 'the data ends before the dictionary is closed')],
  ['a miscounted __proto__ key', 'd8:__proto__i1ee', 'unexpected-byte', at(11, 'unexpected "_" where a value was expected')],
];

const structure: Case[] = [
  ['an unclosed list', 'li1e', 'unexpected-end', at(4, 'the data ends before the list is closed')],
  ['junk inside a list', 'li1ex', 'unexpected-byte', at(4, 'unexpected "x" where a value or "e" was expected')],
  ['a stray "e"', 'e', 'unexpected-byte', at(0, 'unexpected "e" where a value was expected')],
  ['trailing bytes', 'i1eabc', 'trailing-bytes', at(3, '3 unexpected bytes after the end of the data')],
  ['one trailing byte', 'lee', 'trailing-bytes', at(2, '1 unexpected byte after the end of the data')],
  ['two values', '0:0:', 'trailing-bytes', at(2, '2 unexpected bytes after the end of the data')],
  ['a trailing newline', 'de\n', 'trailing-bytes', at(2, '1 unexpected byte after the end of the data')],
  ['plain text', 'hello', 'unexpected-byte', at(0, 'unexpected "h" where a value was expected')],
  ['an HTML page', '<html><body>Not found</body></html>', 'unexpected-byte', at(0, 'unexpected "<" where a value was expected')],
  ['JSON', '{"announce":"x"}', 'unexpected-byte', at(0, 'unexpected "{" where a value was expected')],
  ['a control byte', '\n', 'unexpected-byte', at(0, 'unexpected 0x0A where a value was expected')],
  ['a high byte', '\xff', 'unexpected-byte', at(0, 'unexpected 0xFF where a value was expected')],
  ['a minus sign not starting a length', '-x', 'unexpected-byte', at(0, 'unexpected "-" where a value was expected')],
  ['an integer without "i"', '-3e', 'unexpected-byte', at(0, 'unexpected "-" where a value was expected')],
];

describe.each([
  ['integers', integers],
  ['byte strings', strings],
  ['dictionaries', dictionaries],
  ['structure', structure],
])('decode rejects malformed %s', (_group, cases) => {
  it.each(cases)('rejects %s (%j)', (_name, input, code, message) => {
    const result = decode(bin(input));
    expect(result).toEqual({ ok: false, error: { code, message, offset: expect.any(Number) } });
  });

  it.each(cases)('reports the offset named in the message for %s', (_name, input) => {
    const result = decode(bin(input));
    if (result.ok) throw new Error('expected a failure');
    expect(result.error.message).toContain(`at byte ${result.error.offset}:`);
  });
});

describe('decode rejects empty input', () => {
  it('says the file is empty', () => {
    expect(decode(new Uint8Array(0))).toEqual({ ok: false, error: { code: 'empty', message: 'The file is empty', offset: 0 } });
  });
});
