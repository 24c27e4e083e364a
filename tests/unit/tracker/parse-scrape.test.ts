import { describe, expect, it } from 'vitest';
import { parseScrapeQuery } from '@/lib/tracker/parse-scrape';
import { pct } from './strict-bencode';

const hash = (byte: number) => new Uint8Array(20).fill(byte);
const query = (...hashes: Uint8Array[]) => hashes.map((h) => `info_hash=${pct(h)}`).join('&');

describe('parseScrape', () => {
  it.each([
    ['no info_hash', 'passkey=abc', 'scrape requires info_hash'],
    ['an empty query', '', 'scrape requires info_hash'],
    ['101 hashes', query(...Array.from({ length: 101 }, (_, i) => hash(i))), 'too many info_hash values (max 100)'],
    ['a 19-byte hash', query(hash(1), hash(2).subarray(1)), 'invalid info_hash: must be 20 bytes, got 19'],
    ['a malformed escape', 'info_hash=%F', 'malformed percent-encoding in query string'],
    ['a repeated other parameter', `${query(hash(1))}&a=1&a=2`, 'duplicate parameter: a'],
  ])('rejects %s', (_what, raw, expected) => {
    expect(parseScrapeQuery(raw)).toEqual({ ok: false, error: expected });
  });

  it('accepts 1 to 100 binary hashes in request order', () => {
    expect(parseScrapeQuery(query(hash(0xff)))).toEqual({ ok: true, value: { infoHashes: [hash(0xff)] } });
    const hundred = Array.from({ length: 100 }, (_, i) => hash(i + 0x80));
    expect(parseScrapeQuery(query(...hundred))).toEqual({ ok: true, value: { infoHashes: hundred } });
  });

  it('collapses a repeated hash, keeping first-seen order', () => {
    expect(parseScrapeQuery(query(hash(0x90), hash(0x10), hash(0x90)))).toEqual({
      ok: true,
      value: { infoHashes: [hash(0x90), hash(0x10)] },
    });
  });
});
