import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseQueryString, parseScrapeQueryString } from '@/lib/tracker/query-string';
import { bin, pct } from './strict-bencode';

function parsed(raw: string): Map<string, Uint8Array> {
  const r = parseQueryString(raw);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('parseQueryString', () => {
  it('decodes each %XX escape to exactly one byte, upper or lower case hex', () => {
    expect(parsed('a=%00%7f%80%FF%fe').get('a')).toEqual(bin('\x00\x7f\x80\xff\xfe'));
  });

  it('keeps unencoded characters as their char codes, including latin1 ones', () => {
    expect(parsed('a=abc-._~\xe4').get('a')).toEqual(bin('abc-._~\xe4'));
  });

  it('keeps + as a literal 0x2B byte instead of a space', () => {
    expect(parsed('key=a+b%2Bc').get('key')).toEqual(bin('a+b+c'));
  });

  it('ignores empty segments and gives a name without = an empty value', () => {
    const params = parsed('&&a=1&&flag&b=&');
    expect([...params.keys()]).toEqual(['a', 'flag', 'b']);
    expect(params.get('flag')).toEqual(new Uint8Array(0));
    expect(params.get('b')).toEqual(new Uint8Array(0));
  });

  it('keeps = inside a value', () => {
    expect(parsed('a=b=c').get('a')).toEqual(bin('b=c'));
  });

  it('decodes percent-encoded names', () => {
    expect(parsed('info%5Fhash=x').get('info_hash')).toEqual(bin('x'));
  });

  it('returns an empty map for an empty query', () => {
    expect(parsed('').size).toBe(0);
  });

  it.each([
    ['a=%', 'a lone %'],
    ['a=%4', 'one hex digit at the end'],
    ['a=%4&b=1', 'one hex digit before &'],
    ['a=%G1', 'a non-hex first digit'],
    ['a=%1G', 'a non-hex second digit'],
    ['a=%%41', 'a doubled %'],
    ['a%=1', 'a malformed escape in a name'],
  ])('rejects %s (%s) as malformed percent-encoding', (raw) => {
    expect(parseQueryString(raw)).toEqual({
      ok: false,
      error: { code: 'malformed-percent', message: 'malformed percent-encoding in query string' },
    });
  });

  it('rejects a character above 0xFF, which cannot be a byte', () => {
    expect(parseQueryString('a=\u20ac')).toEqual({
      ok: false,
      error: { code: 'invalid-character', message: 'invalid character in query string' },
    });
  });

  it('rejects a repeated parameter, naming it', () => {
    expect(parseQueryString('port=1&x=2&port=1')).toEqual({
      ok: false,
      error: { code: 'duplicate', name: 'port', message: 'duplicate parameter: port' },
    });
  });

  it('rejects a repeated info_hash in an announce query', () => {
    const r = parseQueryString(`info_hash=${pct(new Uint8Array(20))}&info_hash=${pct(new Uint8Array(20))}`);
    expect(r.ok || r.error.message).toBe('duplicate parameter: info_hash');
  });

  it('quotes a repeated name that is not plain ASCII', () => {
    const r = parseQueryString('%FF%00=1&%FF%00=2');
    expect(r.ok || r.error.message).toBe('duplicate parameter: "\\xff\\x00"');
  });

  it('accepts a query of exactly maxLength characters and refuses one more', () => {
    const raw = 'a=' + 'x'.repeat(2046);
    expect(parseQueryString(raw).ok).toBe(true);
    expect(parseQueryString(raw + 'x')).toEqual({
      ok: false,
      error: { code: 'too-long', message: 'query string too long' },
    });
    expect(parseQueryString('a=12345', 6).ok).toBe(false);
  });

  it('round-trips any bytes percent-encoded by a client', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.uint8Array({ maxLength: 40 }), (a, b) => {
        const params = parsed(`a=${pct(a)}&b=${pct(b)}`);
        expect(params.get('a')).toEqual(a);
        expect(params.get('b')).toEqual(b);
      }),
    );
  });
});

describe('parseScrapeQueryString', () => {
  it('collects repeated info_hash values in request order', () => {
    const r = parseScrapeQueryString('info_hash=aa&passkey=x&info_hash=bb&info_hash=aa');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.infoHashes).toEqual([bin('aa'), bin('bb'), bin('aa')]);
    expect(r.value.params.get('passkey')).toEqual(bin('x'));
    expect(r.value.params.has('info_hash')).toBe(false);
  });

  it('still refuses other repeated parameters', () => {
    const r = parseScrapeQueryString('info_hash=a&x=1&x=2');
    expect(r.ok || r.error.message).toBe('duplicate parameter: x');
  });

  it('allows 100 escaped hashes by default but caps the length', () => {
    const one = `info_hash=${pct(new Uint8Array(20).fill(0xab))}`;
    const hundred = Array.from({ length: 100 }, () => one).join('&');
    expect(parseScrapeQueryString(hundred).ok).toBe(true);
    const r = parseScrapeQueryString('x'.repeat(8193));
    expect(r.ok || r.error.message).toBe('query string too long');
  });
});
