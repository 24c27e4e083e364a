import bencode from 'bencode';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encode, type BEncodable } from '@/lib/bencode';

/**
 * Values both encoders must write identically. Limited to what npm `bencode` handles correctly: ASCII keys (it
 * sorts by UTF-16 code units, which only matches byte order below 0x80), and safe numbers (it drops bigints).
 */
const shared = fc.letrec<{ value: BEncodable; list: BEncodable[]; dict: Map<string, BEncodable> }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.maxSafeInteger(),
    fc.string({ unit: 'grapheme', maxLength: 8 }),
    fc.uint8Array({ maxLength: 12 }),
    tie('list'),
    tie('dict'),
  ),
  list: fc.array(tie('value'), { maxLength: 5 }),
  dict: fc.array(fc.tuple(fc.string({ unit: 'binary-ascii', maxLength: 6 }), tie('value')), { maxLength: 5 }).map((entries) => new Map(entries)),
})).value;

describe('encode agrees with npm bencode on data both support', () => {
  it('writes the same bytes for arbitrary ASCII-key values (property)', () => {
    fc.assert(
      fc.property(shared, (value) => {
        expect(encode(value)).toEqual(new Uint8Array(bencode.encode(value)));
      }),
      { numRuns: 500 },
    );
  });

  it('writes the same bytes for a typical torrent', () => {
    const info = new Map<string, BEncodable>([
      ['name', 'Ubuntu 24.04 ISO'],
      ['piece length', 262_144],
      ['pieces', new Uint8Array(60).fill(0x5a)],
      ['files', [new Map<string, BEncodable>([['length', 1_000_000_000_000], ['path', ['dir', 'file.iso']]])]],
      ['private', 1],
    ]);
    const torrent = new Map<string, BEncodable>([['info', info], ['announce', 'https://example.org/announce'], ['creation date', 1_700_000_000]]);
    expect(encode(torrent)).toEqual(new Uint8Array(bencode.encode(torrent)));
  });
});
