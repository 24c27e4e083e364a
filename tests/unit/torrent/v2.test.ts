import { describe, expect, it } from 'vitest';
import { bytesToBinaryString, encode, type BEncodable } from '@/lib/bencode';
import { parseTorrent, type TorrentErrorCode } from '@/lib/torrent';
import { dict, fakeRoot, text, torrent, v1Info, v2Parts, v2Torrent, type FileSpec } from './build';

const FILES: FileSpec[] = [
  { path: ['big.bin'], length: 5 * 16384 + 1 },
  { path: ['dir', 'mid.bin'], length: 2 * 16384 },
  { path: ['dir', 'small.bin'], length: 100 },
];

function v2Info(fileTree: BEncodable): Map<string, BEncodable> {
  return dict({ name: text('sample'), 'piece length': 16384, 'meta version': 2, 'file tree': fileTree });
}

function refusal(bytes: Uint8Array) {
  const result = parseTorrent(bytes);
  return result.ok ? null : result.error;
}

describe('v2 file tree', () => {
  const leaf = (entries: Record<string, BEncodable>) => dict({ '': dict(entries) });

  it.each<[string, BEncodable, TorrentErrorCode, string]>([
    ['a file tree that is a list', [], 'invalid-structure', '"file tree" in the info dictionary must be a dictionary'],
    ['a node that is not a dictionary', dict({ a: 1 }), 'invalid-file-tree', 'Invalid file tree: "a" must be a dictionary'],
    ['an empty directory', dict({ a: dict({ b: dict({}) }) }), 'invalid-file-tree', 'Invalid file tree: the directory "a/b" is empty'],
    ['a file that is also a directory', dict({ a: dict({ '': dict({ length: 1 }), b: leaf({ length: 1 }) }) }), 'invalid-file-tree', 'Invalid file tree: "a" is both a file and a directory'],
    ['a file entry that is not a dictionary', dict({ a: dict({ '': 5 }) }), 'invalid-structure', '"" in file "a" must be a dictionary'],
    ['a file without length', dict({ a: leaf({ 'pieces root': fakeRoot(0) }) }), 'invalid-structure', 'Missing "length" in file "a"'],
    ['a file without pieces root', dict({ d: dict({ a: leaf({ length: 1 }) }) }), 'invalid-file-tree', 'Invalid file tree: "d/a" needs a 32-byte "pieces root"'],
    ['a 31-byte pieces root', dict({ a: leaf({ length: 1, 'pieces root': new Uint8Array(31) }) }), 'invalid-file-tree', 'Invalid file tree: "a" needs a 32-byte "pieces root"'],
    ['an integer pieces root', dict({ a: leaf({ length: 1, 'pieces root': 7 }) }), 'invalid-structure', '"pieces root" in file "a" must be a byte string'],
  ])('refuses %s', (_case, fileTree, code, message) => {
    expect(refusal(torrent(v2Info(fileTree)))).toEqual({ code, message });
  });

  it('lists files depth-first in key order and needs no pieces root for empty files', () => {
    const fileTree = dict({
      b: dict({ '': dict({ length: 1, 'pieces root': fakeRoot(0) }) }),
      a: dict({ z: dict({ '': dict({ length: 0 }) }), y: dict({ '': dict({ length: 2, 'pieces root': fakeRoot(1) }) }) }),
    });
    const result = parseTorrent(torrent(v2Info(fileTree)));
    expect(result.ok && result.value).toMatchObject({
      version: 'v2',
      files: [{ path: ['a', 'y'], length: 2 }, { path: ['a', 'z'], length: 0 }, { path: ['b'], length: 1 }],
      totalSize: 3,
      pieceCount: 2,
      pieceLayers: [],
    });
  });

  it('reports the layers of files larger than a piece', () => {
    const result = parseTorrent(encode(v2Torrent(FILES).root));
    expect(result.ok && result.value.pieceLayers.map((l) => [l.path.join('/'), l.hashes.length, l.piecesRoot[0]])).toEqual([
      ['big.bin', 6 * 32, 1],
      ['dir/mid.bin', 2 * 32, 2],
    ]);
  });
});

describe('v2 piece layers', () => {
  const { fileTree, pieceLayers } = v2Parts(FILES);
  const info = v2Info(fileTree);
  const withLayers = (layers: BEncodable | undefined) => torrent(info, layers === undefined ? {} : { 'piece layers': layers });
  const layersWith = (change: (layers: Map<string, BEncodable>) => void) => {
    const copy = new Map(pieceLayers);
    change(copy);
    return withLayers(copy);
  };
  const bigKey = bytesToBinaryString(fakeRoot(0));
  const message = (detail: string) => `piece layers do not match the file tree: ${detail}`;

  it.each<[string, Uint8Array, string]>([
    ['no piece layers at all', withLayers(undefined), message('no layer for "big.bin"')],
    ['a missing layer', layersWith((l) => l.delete(bytesToBinaryString(fakeRoot(1)))), message('no layer for "dir/mid.bin"')],
    ['a layer one hash short', layersWith((l) => l.set(bigKey, new Uint8Array(5 * 32))), message('the layer for "big.bin" is 160 bytes, expected 192')],
    ['a layer one byte long', layersWith((l) => l.set(bigKey, new Uint8Array(6 * 32 + 1))), message('the layer for "big.bin" is 193 bytes, expected 192')],
    ['a layer that is a list', layersWith((l) => l.set(bigKey, [])), message('the layer for "big.bin" must be a byte string')],
    ['a layer for the small file', layersWith((l) => l.set(bytesToBinaryString(fakeRoot(2)), new Uint8Array(32))), message(`unexpected layer for pieces root ${'03'.repeat(32)}`)],
    ['a layer nobody asked for', layersWith((l) => l.set(bytesToBinaryString(new Uint8Array(32).fill(0xab)), new Uint8Array(64))), message(`unexpected layer for pieces root ${'ab'.repeat(32)}`)],
  ])('refuses %s', (_case, bytes, expected) => {
    expect(refusal(bytes)).toEqual({ code: 'piece-layers-mismatch', message: expected });
  });

  it('refuses piece layers that are not a dictionary', () => {
    expect(refusal(withLayers([]))).toEqual({ code: 'invalid-structure', message: '"piece layers" in the torrent must be a dictionary' });
  });

  it('accepts a torrent without piece layers when no file is larger than a piece', () => {
    const small = v2Parts([{ path: ['a'], length: 16384 }, { path: ['b'], length: 1 }]);
    expect(parseTorrent(torrent(v2Info(small.fileTree))).ok).toBe(true);
  });
});

describe('hybrid torrents', () => {
  const pad = (length: number): FileSpec => ({ path: ['.pad', String(length)], length, attr: 'p' });
  const v1Files: FileSpec[] = [FILES[0] as FileSpec, pad(16384 - 1), FILES[1] as FileSpec, FILES[2] as FileSpec];

  function hybrid(v1: FileSpec[], v2: FileSpec[]): Uint8Array {
    const { fileTree, pieceLayers } = v2Parts(v2);
    const info = v1Info(v1);
    info.set('meta version', 2).set('file tree', fileTree);
    return torrent(info, { 'piece layers': pieceLayers });
  }

  it('accepts matching v1 and v2 file lists, padding aside', () => {
    const result = parseTorrent(hybrid(v1Files, FILES));
    expect(result.ok && [result.value.version, result.value.totalSize, result.value.files.length]).toEqual(['hybrid', 7 * 16384 + 101, 4]);
  });

  it.each<[string, FileSpec[], string]>([
    ['a missing v1 file', v1Files.slice(0, 3), 'The v1 and v2 file lists differ: 2 files in "files", 3 in "file tree"'],
    ['a different length', [...v1Files.slice(0, 3), { path: ['dir', 'small.bin'], length: 99 }], 'The v1 and v2 file lists differ at file 3: "dir/small.bin" (99 bytes) in "files", "dir/small.bin" (100 bytes) in "file tree"'],
    ['a different path', [...v1Files.slice(0, 3), { path: ['dir', 'other.bin'], length: 100 }], 'The v1 and v2 file lists differ at file 3: "dir/other.bin" (100 bytes) in "files", "dir/small.bin" (100 bytes) in "file tree"'],
    ['another order', [v1Files[0] as FileSpec, v1Files[1] as FileSpec, v1Files[3] as FileSpec, v1Files[2] as FileSpec], 'The v1 and v2 file lists differ at file 2: "dir/small.bin" (100 bytes) in "files", "dir/mid.bin" (32768 bytes) in "file tree"'],
  ])('refuses %s', (_case, v1, message) => {
    expect(refusal(hybrid(v1, FILES))).toEqual({ code: 'hybrid-mismatch', message });
  });

  it('checks the v1 half of a hybrid as strictly as a v1 torrent', () => {
    const bytes = hybrid(v1Files, FILES);
    const info = v1Info(v1Files, { pieces: new Uint8Array(21) });
    const { fileTree, pieceLayers } = v2Parts(FILES);
    info.set('meta version', 2).set('file tree', fileTree);
    expect(parseTorrent(bytes).ok).toBe(true);
    expect(refusal(torrent(info, { 'piece layers': pieceLayers }))).toEqual({
      code: 'invalid-pieces',
      message: '"pieces" must be a multiple of 20 bytes long, got 21 bytes',
    });
  });
});
