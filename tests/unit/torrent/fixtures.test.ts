import { describe, expect, it } from 'vitest';
import { parseTorrent } from '@/lib/torrent';
import { infoHashes, v2Truncated, verifyPieceLayers } from '@/lib/torrent/hashes';
import { expectedFixtures, fixtureBytes } from './fixtures';

function parsed(file: string) {
  const result = parseTorrent(fixtureBytes(file));
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('real torrents from mktorrent and libtorrent', () => {
  it('has the six fixtures', () => {
    expect(expectedFixtures.map((f) => f.file)).toEqual([
      'v1-multi.torrent',
      'v1-single.torrent',
      'v2-multi.torrent',
      'hybrid-multi.torrent',
      'hybrid-single.torrent',
      'v2-single-64k.torrent',
    ]);
  });

  it.each(expectedFixtures)('parses $file as libtorrent does', (expected) => {
    const torrent = parsed(expected.file);
    expect({
      version: torrent.version,
      name: torrent.name,
      pieceLength: torrent.pieceLength,
      pieceCount: torrent.pieceCount,
      totalSize: torrent.totalSize,
      files: torrent.files.map((f) => ({ path: f.path, length: f.length, padding: f.padding ?? false })),
    }).toEqual({
      version: expected.version,
      name: expected.name,
      pieceLength: expected.pieceLength,
      pieceCount: expected.pieceCount,
      totalSize: expected.totalSize,
      files: expected.files,
    });
  });

  it.each(expectedFixtures)('computes the infohashes libtorrent reports for $file', (expected) => {
    const torrent = parsed(expected.file);
    expect(infoHashes(torrent.infoBytes, torrent.version)).toEqual({ v1: expected.infoHashV1, v2: expected.infoHashV2 });
  });

  it.each(expectedFixtures)('accepts the piece layers of $file', (expected) => {
    expect(verifyPieceLayers(parsed(expected.file))).toEqual({ ok: true, value: true });
  });

  it('finds the piece layers of the files larger than a piece', () => {
    const torrent = parsed('v2-multi.torrent');
    expect(torrent.pieceLayers.map((l) => [l.path.join('/'), l.hashes.length])).toEqual([
      ['data/big.bin', 5 * 32],
      ['data/mid.bin', 3 * 32],
    ]);
  });

  it('reads the informational fields', () => {
    const torrent = parsed('hybrid-multi.torrent');
    expect([torrent.comment, torrent.createdBy, torrent.creationDate, torrent.isPrivate, torrent.source]).toEqual([
      'Giveback test fixture',
      'make-fixtures.py (libtorrent 2.0.8.0)',
      null,
      false,
      null,
    ]);
  });

  it.each(['v2-multi.torrent', 'hybrid-multi.torrent', 'hybrid-single.torrent', 'v2-single-64k.torrent'])(
    'refuses %s with one byte of a piece layer changed',
    (file) => {
      const bytes = fixtureBytes(file);
      const layer = parsed(file).pieceLayers[0];
      if (!layer) throw new Error('fixture has no piece layer');
      const start = Buffer.from(bytes).indexOf(Buffer.from(layer.hashes));
      expect(start).toBeGreaterThan(0);
      const at = start + 40;
      bytes[at] = (bytes[at] ?? 0) ^ 0x01;
      const tampered = parseTorrent(bytes);
      expect(tampered.ok).toBe(true);
      if (!tampered.ok) return;
      expect(verifyPieceLayers(tampered.value)).toEqual({
        ok: false,
        error: {
          code: 'piece-layers-mismatch',
          message: `piece layers do not match the file tree: the layer for "${layer.path.join('/')}" does not hash to its pieces root`,
        },
      });
    },
  );
});

describe('infohash helpers', () => {
  it('truncates a v2 infohash to the first 20 bytes (40 hex characters)', () => {
    const v2 = expectedFixtures.find((f) => f.version === 'v2')?.infoHashV2 ?? '';
    expect(v2).toHaveLength(64);
    expect(v2Truncated(v2)).toBe(v2.slice(0, 40));
  });

  it('gives only the hashes of the versions present', () => {
    const bytes = new TextEncoder().encode('de');
    expect(infoHashes(bytes, 'v1')).toEqual({ v1: '600ccd1b71569232d01d110bc63e906beab04d8c', v2: null });
    expect(infoHashes(bytes, 'v2')).toEqual({ v1: null, v2: '959a45d44e6fcf58361ed004681556fe50129f2109e817dec098c00c9e5d2578' });
  });
});
