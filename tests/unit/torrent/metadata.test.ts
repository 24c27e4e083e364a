import { describe, expect, it } from 'vitest';
import type { BEncodable } from '@/lib/bencode';
import { parseTorrent } from '@/lib/torrent';
import { text, torrent, v1SingleInfo } from './build';

function parsed(infoExtras: Record<string, BEncodable>, rootExtras: Record<string, BEncodable> = {}) {
  const info = v1SingleInfo(1);
  for (const [key, value] of Object.entries(infoExtras)) info.set(key, value);
  const result = parseTorrent(torrent(info, rootExtras));
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('informational fields', () => {
  it.each<[string, BEncodable | undefined, boolean]>([
    ['private = 1', 1, true],
    ['private = 0', 0, false],
    ['private = 2', 2, false],
    ['private as the string "1"', text('1'), false],
    ['no private key', undefined, false],
  ])('reads %s as isPrivate %s', (_case, value, expected) => {
    expect(parsed(value === undefined ? {} : { private: value }).isPrivate).toBe(expected);
  });

  it('reads source, comment, created by and creation date', () => {
    const torrent = parsed({ source: text('Site') }, { comment: text('c'), 'created by': text('tool 1.0'), 'creation date': 1_700_000_000 });
    expect([torrent.source, torrent.comment, torrent.createdBy, torrent.creationDate]).toEqual(['Site', 'c', 'tool 1.0', 1_700_000_000]);
  });

  it.each<[string, Record<string, BEncodable>]>([
    ['a comment that is not UTF-8', { comment: new Uint8Array([0xff]) }],
    ['a comment that is an integer', { comment: 5 }],
    ['a negative creation date', { 'creation date': -1 }],
    ['a creation date beyond 2^53', { 'creation date': 2n ** 60n }],
    ['a creation date as text', { 'creation date': text('2024') }],
  ])('shows nothing for %s instead of refusing the torrent', (_case, rootExtras) => {
    const torrent = parsed({}, rootExtras);
    expect([torrent.comment, torrent.creationDate]).toEqual([null, null]);
  });
});
