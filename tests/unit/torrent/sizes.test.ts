import { describe, expect, it } from 'vitest';
import { parseTorrent, type TorrentErrorCode } from '@/lib/torrent';
import { dict, text, torrent, v1Info, v1SingleInfo, v2Bytes } from './build';

function refusal(bytes: Uint8Array, options?: { maxFiles?: number }) {
  const result = parseTorrent(bytes, options);
  return result.ok ? null : result.error;
}

describe('piece length', () => {
  it.each<[string, bigint | number]>([
    ['0', 0],
    ['3', 3],
    ['2^14 - 1', 2 ** 14 - 1],
    ['2^14 + 2^13 (not a power of two)', 2 ** 14 + 2 ** 13],
    ['2^13 (a power of two below 16 KiB)', 2 ** 13],
    ['2^27 (above 64 MiB)', 2 ** 27],
    ['-16384', -16384],
    ['2^62', 2n ** 62n],
  ])('refuses %s', (_case, pieceLength) => {
    const info = v1SingleInfo(100_000);
    info.set('piece length', pieceLength);
    expect(refusal(torrent(info))).toEqual({
      code: 'invalid-piece-length',
      message: `"piece length" must be a power of two between 16 KiB and 64 MiB, got ${pieceLength}`,
    });
  });

  it.each([2 ** 14, 2 ** 20, 2 ** 26])('accepts %i', (pieceLength) => {
    const result = parseTorrent(torrent(v1SingleInfo(100_000, { pieceLength })));
    expect(result.ok && result.value.pieceLength).toBe(pieceLength);
  });
});

describe('v1 pieces and lengths', () => {
  const withPieces = (length: number, pieces: number) => {
    return torrent(v1SingleInfo(length, { name: 'a.bin', pieces: new Uint8Array(pieces) }));
  };

  it.each<[string, Uint8Array, TorrentErrorCode, string]>([
    ['pieces not a multiple of 20', withPieces(40_000, 59), 'invalid-pieces', '"pieces" must be a multiple of 20 bytes long, got 59 bytes'],
    ['one piece hash too few', withPieces(40_000, 40), 'invalid-pieces', '"pieces" holds 2 piece hashes, but 40000 bytes in pieces of 16384 bytes need 3'],
    ['one piece hash too many', withPieces(40_000, 80), 'invalid-pieces', '"pieces" holds 4 piece hashes, but 40000 bytes in pieces of 16384 bytes need 3'],
    ['a negative single-file length', torrent(v1SingleInfo(-1, { name: 'a.bin' })), 'invalid-length', 'Invalid length for file "a.bin": must be an integer between 0 and 2^53, got -1'],
    ['a negative file length in a list', torrent(v1Info([{ path: ['d', 'f'], length: -5 }])), 'invalid-length', 'Invalid length for file "d/f": must be an integer between 0 and 2^53, got -5'],
    ['a length above 2^53', torrent(v1Info([{ path: ['f'], length: 2n ** 53n + 1n }], { pieces: new Uint8Array() })), 'invalid-length', 'Invalid length for file "f": must be an integer between 0 and 2^53, got 9007199254740993'],
    ['a total above 2^53', torrent(v1Info([{ path: ['f'], length: 2n ** 53n }, { path: ['g'], length: 1 }], { pieces: new Uint8Array() })), 'too-large', 'The torrent is larger than 2^53 bytes'],
    ['more than 2^21 pieces', withPieces((2 ** 21 + 1) * 16384, 0), 'too-many-pieces', 'The torrent has 2097153 pieces; at most 2097152 are allowed'],
    ['an empty files list', torrent(v1Info([])), 'no-data', 'The torrent contains no data'],
    ['only empty files', torrent(v1Info([{ path: ['a'], length: 0 }, { path: ['b'], length: 0 }])), 'no-data', 'The torrent contains no data'],
    ['only padding', torrent(v1Info([{ path: ['.pad', '1'], length: 1, attr: 'p' }])), 'no-data', 'The torrent contains no data'],
    ['a single empty file', torrent(v1SingleInfo(0)), 'no-data', 'The torrent contains no data'],
  ])('refuses %s', (_case, bytes, code, message) => {
    expect(refusal(bytes)).toEqual({ code, message });
  });

  it('accepts exactly 2^21 pieces', () => {
    const result = parseTorrent(withPieces(2 ** 21 * 16384, 20 * 2 ** 21), { maxBytes: 50_000_000 });
    expect(result.ok && result.value.pieceCount).toBe(2 ** 21);
  });

  it('lets a length of exactly 2^53 through to the piece count check', () => {
    const info = v1SingleInfo(2n ** 53n, { name: 'f', pieceLength: 2 ** 26, pieces: new Uint8Array() });
    expect(refusal(torrent(info))).toEqual({ code: 'too-many-pieces', message: 'The torrent has 134217728 pieces; at most 2097152 are allowed' });
  });

  it('counts padding in the pieces but not in the total size', () => {
    const files = [{ path: ['a'], length: 100 }, { path: ['.pad', '16284'], length: 16284, attr: 'p' }, { path: ['b'], length: 100 }];
    const result = parseTorrent(torrent(v1Info(files)));
    expect(result.ok && [result.value.pieceCount, result.value.totalSize]).toEqual([2, 200]);
  });
});

describe('file count limit', () => {
  const files = (n: number) => Array.from({ length: n }, (_, i) => ({ path: [`f${i}`], length: 1 }));

  it.each<[string, Uint8Array]>([
    ['v1', torrent(v1Info(files(4)))],
    ['v2', v2Bytes(files(4))],
  ])('refuses a %s torrent with more files than maxFiles', (_case, bytes) => {
    expect(refusal(bytes, { maxFiles: 3 })).toEqual({ code: 'too-many-files', message: 'The torrent has more than 3 files' });
    expect(parseTorrent(bytes, { maxFiles: 4 }).ok).toBe(true);
  });

  it('defaults to 10,000 files', () => {
    expect(refusal(torrent(v1Info(files(10_001))))).toEqual({ code: 'too-many-files', message: 'The torrent has more than 10000 files' });
    expect(parseTorrent(torrent(v1Info(files(10_000)))).ok).toBe(true);
  });
});

describe('v2 sizes', () => {
  it.each<[string, Uint8Array, TorrentErrorCode, string]>([
    ['only empty files', v2Bytes([{ path: ['a'], length: 0 }]), 'no-data', 'The torrent contains no data'],
    ['a negative length', v2Bytes([{ path: ['d', 'a'], length: -1 }]), 'invalid-length', 'Invalid length for file "d/a": must be an integer between 0 and 2^53, got -1'],
    ['an empty file tree', torrent(dict({ name: text('x'), 'piece length': 16384, 'meta version': 2, 'file tree': dict({}) })), 'no-data', 'The torrent contains no data'],
  ])('refuses %s', (_case, bytes, code, message) => {
    expect(refusal(bytes)).toEqual({ code, message });
  });

  it('counts pieces per file', () => {
    const result = parseTorrent(v2Bytes([{ path: ['a'], length: 16385 }, { path: ['b'], length: 1 }, { path: ['c'], length: 0 }]));
    expect(result.ok && [result.value.pieceCount, result.value.totalSize]).toEqual([3, 16386]);
  });
});
