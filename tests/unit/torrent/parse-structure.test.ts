import { describe, expect, it } from 'vitest';
import { encode, type BEncodable } from '@/lib/bencode';
import { parseTorrent } from '@/lib/torrent';
import { dict, text, torrent, v1Info, v1SingleInfo, type Dict } from './build';

function without(info: Dict, key: string): Dict {
  const copy = new Map(info);
  copy.delete(key);
  return copy;
}

function withKey(info: Dict, key: string, value: BEncodable): Dict {
  return new Map(info).set(key, value);
}

const single = v1SingleInfo(100_000);

describe('parseTorrent structure', () => {
  it('refuses bytes that are not bencode, passing the decoder message through', () => {
    expect(parseTorrent(text('d4:info'))).toEqual({
      ok: false,
      error: { code: 'not-bencode', message: 'Invalid bencode at byte 7: the data ends before the value of dictionary key "info"' },
    });
  });

  it('refuses input larger than maxBytes', () => {
    const result = parseTorrent(torrent(single), { maxBytes: 10 });
    expect(result).toEqual({ ok: false, error: { code: 'not-bencode', message: 'The file is larger than 10 bytes' } });
  });

  it.each<[string, Uint8Array, string]>([
    ['a list at the top level', encode([1, 2]), 'Not a valid torrent file: the top level must be a dictionary'],
    ['no info', encode(dict({ announce: text('http://x') })), 'Missing "info" in the torrent'],
    ['an info that is a list', encode(dict({ info: [] })), '"info" in the torrent must be a dictionary'],
    ['no name', torrent(without(single, 'name')), 'Missing "name" in the info dictionary'],
    ['an integer name', torrent(withKey(single, 'name', 5)), '"name" in the info dictionary must be a byte string'],
    ['no piece length', torrent(without(single, 'piece length')), 'Missing "piece length" in the info dictionary'],
    ['a string piece length', torrent(withKey(single, 'piece length', text('16384'))), '"piece length" in the info dictionary must be an integer'],
    ['no pieces', torrent(without(single, 'pieces')), 'Missing "pieces" in the info dictionary'],
    ['pieces as a list', torrent(withKey(single, 'pieces', [])), '"pieces" in the info dictionary must be a byte string'],
    ['neither length nor files', torrent(without(single, 'length')), 'The info dictionary must have either "length" (one file) or "files" (several files)'],
    ['both length and files', torrent(withKey(single, 'files', [])), 'The info dictionary must have either "length" (one file) or "files" (several files), not both'],
    ['files as a dictionary', torrent(withKey(without(single, 'length'), 'files', new Map())), '"files" in the info dictionary must be a list'],
    ['a files entry that is not a dictionary', torrent(withKey(without(single, 'length'), 'files', [5])), 'Entry 1 of "files" must be a dictionary'],
    ['a file without path', torrent(withKey(without(single, 'length'), 'files', [dict({ length: 1 })])), 'Missing "path" in file 1 of "files"'],
    ['a path that is not a list of strings', torrent(withKey(without(single, 'length'), 'files', [dict({ length: 1, path: [1] })])), '"path" in file 1 of "files" must be a list of byte strings'],
    ['a file without length', torrent(withKey(without(single, 'length'), 'files', [dict({ path: [text('a')] })])), 'Missing "length" in file "a"'],
    ['a string attr', torrent(withKey(without(single, 'length'), 'files', [dict({ path: [text('a')], length: 1, attr: 1 })])), '"attr" in file "a" must be a byte string'],
    ['meta version 1', torrent(withKey(single, 'meta version', 1)), 'Unsupported "meta version" 1: only 2 (BitTorrent v2) is known'],
    ['meta version 3', torrent(withKey(single, 'meta version', 3)), 'Unsupported "meta version" 3: only 2 (BitTorrent v2) is known'],
    ['a string meta version', torrent(withKey(single, 'meta version', text('2'))), '"meta version" in the info dictionary must be an integer'],
    ['meta version 2 without a file tree', torrent(dict({ name: text('x'), 'piece length': 16384, 'meta version': 2 })), 'Missing "file tree" in the info dictionary'],
  ])('refuses %s', (_case, bytes, message) => {
    expect(parseTorrent(bytes)).toEqual({ ok: false, error: { code: expect.any(String), message } });
  });

  it('accepts a minimal single-file v1 torrent', () => {
    const result = parseTorrent(torrent(v1Info([{ path: ['a.txt'], length: 10 }])));
    expect(result.ok && result.value.version).toBe('v1');
  });
});
