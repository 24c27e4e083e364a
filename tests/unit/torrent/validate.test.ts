import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseTorrent, validateTorrent } from '@/lib/torrent';
import { sha256, sha256Pair } from '@/lib/torrent/sha256';
import { expectedFixtures, fixtureBytes } from './fixtures';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('sha256 (pure, for the browser)', () => {
  it.each([0, 1, 3, 55, 56, 63, 64, 65, 119, 120, 1000, 70_000])('matches node:crypto on %i bytes', (length) => {
    const input = new Uint8Array(length).map((_, i) => (i * 31 + 7) & 0xff);
    expect(hex(sha256(input))).toBe(createHash('sha256').update(input).digest('hex'));
  });

  it('hashes the concatenation of its parts', () => {
    const a = new Uint8Array(32).fill(1);
    const b = new Uint8Array(32).fill(2);
    expect(hex(sha256(a, b))).toBe(createHash('sha256').update(a).update(b).digest('hex'));
    expect(hex(sha256Pair(a, b))).toBe(createHash('sha256').update(a).update(b).digest('hex'));
  });

  it('gives the known digest of "abc"', () => {
    expect(hex(sha256(new TextEncoder().encode('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('validateTorrent', () => {
  it.each(expectedFixtures.map((f) => f.file))('accepts %s', (file) => {
    expect(validateTorrent(fixtureBytes(file)).ok).toBe(true);
  });

  it('refuses a v2 torrent whose piece layer parses but does not hash to its root, with the server text', () => {
    const bytes = fixtureBytes('v2-multi.torrent');
    const parsed = parseTorrent(bytes);
    if (!parsed.ok) throw new Error('fixture does not parse');
    const layer = parsed.value.pieceLayers[0]!;
    const at = Buffer.from(bytes).indexOf(Buffer.from(layer.hashes)) + 40;
    bytes[at] = (bytes[at] ?? 0) ^ 0x01;
    expect(parseTorrent(bytes).ok).toBe(true);
    expect(validateTorrent(bytes)).toEqual({
      ok: false,
      error: { code: 'piece-layers-mismatch', message: `piece layers do not match the file tree: the layer for "${layer.path.join('/')}" does not hash to its pieces root` },
    });
  });

  it('passes parse refusals through unchanged', () => {
    expect(validateTorrent(new TextEncoder().encode('not a torrent'))).toEqual(parseTorrent(new TextEncoder().encode('not a torrent')));
  });
});
