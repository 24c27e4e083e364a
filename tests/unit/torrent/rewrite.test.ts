import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decode, encode, type BDict } from '@/lib/bencode';
import { parseTorrent, personalize, rewriteForTracker, type ParsedTorrent } from '@/lib/torrent';
import { infoHashes, verifyPieceLayers } from '@/lib/torrent/hashes';
import { dict, text, torrent, v1Info } from './build';
import { expectedFixtures, fixtureBytes } from './fixtures';

function parse(bytes: Uint8Array): ParsedTorrent {
  const result = parseTorrent(bytes);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

function rootOf(bytes: Uint8Array): BDict {
  const decoded = decode(bytes);
  if (!decoded.ok || !(decoded.value instanceof Map)) throw new Error('not a dictionary');
  return decoded.value;
}

const decodeText = (value: unknown) => (value instanceof Uint8Array ? new TextDecoder().decode(value) : value);

describe('rewriteForTracker', () => {
  it.each(expectedFixtures)('makes $file private to the site and strips other trackers', (fixture) => {
    const original = parse(fixtureBytes(fixture.file));
    const { bytes, infoBytes } = rewriteForTracker(original, { source: 'Giveback' });
    const stored = parse(bytes);
    expect([...stored.root.keys()].filter((k) => !['info', 'piece layers'].includes(k))).toEqual(['comment', 'created by']);
    expect(stored.root.has('piece layers')).toBe(fixture.version !== 'v1');
    expect(stored).toMatchObject({ isPrivate: true, source: 'Giveback', version: fixture.version, totalSize: fixture.totalSize });
    expect(stored.infoBytes).toEqual(infoBytes);
    expect(verifyPieceLayers(stored).ok).toBe(true);
    const before = infoHashes(original.infoBytes, original.version);
    const after = infoHashes(infoBytes, stored.version);
    expect(after.v1 === null || after.v1 !== before.v1).toBe(true);
    expect(after.v2 === null || after.v2 !== before.v2).toBe(true);
  });

  it('drops announce, announce-list, url-list, httpseeds and nodes and keeps every other key', () => {
    const info = v1Info([{ path: ['a'], length: 1 }]);
    info.set('x-cross-seed', text('keep me')).set('private', 0).set('source', text('OtherSite'));
    const bytes = torrent(info, {
      announce: text('http://other/announce'),
      'announce-list': [[text('http://other/announce')]],
      'url-list': [text('http://seed/')],
      httpseeds: [text('http://seed/')],
      nodes: [[text('router.example'), 6881]],
      comment: text('hello'),
      'created by': text('tool'),
      'creation date': 1_700_000_000,
      encoding: text('UTF-8'),
      'x-extra': 1,
    });
    const { bytes: stored } = rewriteForTracker(parse(bytes), { source: 'Giveback' });
    const root = rootOf(stored);
    expect([...root.keys()]).toEqual(['comment', 'created by', 'creation date', 'encoding', 'info', 'x-extra']);
    const storedInfo = root.get('info');
    expect(storedInfo instanceof Map && Object.fromEntries([...storedInfo].map(([k, v]) => [k, decodeText(v)]))).toMatchObject({
      private: 1n,
      source: 'Giveback',
      'x-cross-seed': 'keep me',
    });
    expect(parse(stored).creationDate).toBe(1_700_000_000);
  });

  it('is idempotent: rewriting a stored torrent changes nothing', () => {
    const first = rewriteForTracker(parse(fixtureBytes('hybrid-multi.torrent')), { source: 'Giveback' });
    const second = rewriteForTracker(parse(first.bytes), { source: 'Giveback' });
    expect(second.bytes).toEqual(first.bytes);
  });

  it('writes a non-ASCII site name as UTF-8', () => {
    const { bytes } = rewriteForTracker(parse(fixtureBytes('v1-single.torrent')), { source: 'Rückgabe' });
    expect(parse(bytes).source).toBe('Rückgabe');
  });
});

describe('personalize', () => {
  const stored = (file: string) => rewriteForTracker(parse(fixtureBytes(file)), { source: 'Giveback' });

  it.each(expectedFixtures)('adds the announce URL to $file and keeps the info bytes and infohashes', (fixture) => {
    const { bytes, infoBytes } = stored(fixture.file);
    const url = 'http://tracker.test/tracker/0123456789abcdef0123456789abcdef/announce';
    const personal = personalize(bytes, url);
    const parsed = parse(personal);
    expect(decodeText(parsed.root.get('announce'))).toBe(url);
    expect(parsed.infoBytes).toEqual(infoBytes);
    expect(infoHashes(parsed.infoBytes, parsed.version)).toEqual(infoHashes(infoBytes, fixture.version));
    const withoutAnnounce = new Map(parsed.root);
    withoutAnnounce.delete('announce');
    expect(encode(withoutAnnounce)).toEqual(bytes);
  });

  it('keeps the info bytes for any announce URL', () => {
    const { bytes, infoBytes } = stored('v2-multi.torrent');
    fc.assert(
      fc.property(fc.webUrl(), (url) => {
        const personal = personalize(bytes, url);
        expect(Buffer.from(personal).includes(Buffer.from(infoBytes))).toBe(true);
        expect(parse(personal).infoBytes).toEqual(infoBytes);
      }),
      { numRuns: 50 },
    );
  });

  it('replaces an announce URL already present', () => {
    const once = personalize(stored('v1-multi.torrent').bytes, 'http://a/announce');
    expect(personalize(once, 'http://b/announce')).toEqual(personalize(stored('v1-multi.torrent').bytes, 'http://b/announce'));
  });

  it('throws on bytes that are not a stored torrent', () => {
    expect(() => personalize(encode(dict({})).subarray(0, 1), 'http://a')).toThrow('The stored torrent is not a bencoded dictionary');
  });
});
