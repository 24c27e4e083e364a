import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failureReasons } from '@/lib/tracker';
import { trackerMessages } from '@/lib/tracker-server';
import { startTrackerFixture, type TrackerFixture } from '@/tests/helpers/tracker-fixture';
import { announceQuery, failureOf, intOf, pct, peerId, rawGet } from '@/tests/helpers/tracker-harness';

let f: TrackerFixture;
let member: { id: number; passkey: string };
let banned: { id: number; passkey: string };
let torrent: { id: number; v1: Buffer | null };
let deleted: { id: number; v1: Buffer | null };

beforeAll(async () => {
  f = await startTrackerFixture({ unknownPasskeyLimit: 3 });
  member = await f.rows.user();
  banned = await f.rows.user({ banned: true });
  torrent = await f.rows.torrent();
  deleted = await f.rows.torrent({ deleteReason: 'duplicate of a better release' });
  await f.rows.run(`INSERT INTO "ClientBlacklist" ("prefix", "note") VALUES ('-XL0012-', 'Xunlei')`);
});
afterAll(async () => f.close());

const hash = () => torrent.v1 as Buffer;
const valid = () => announceQuery({ infoHash: hash(), peerId: peerId(1), left: 10 });

describe('tracker contract: every refused request is HTTP 200 text/plain with an exact failure reason', () => {
  const badQueries: [string, () => string, string][] = [
    ['missing info_hash', () => `peer_id=${pct(peerId(1))}&port=1&uploaded=0&downloaded=0&left=0`, failureReasons.missing('info_hash')],
    ['short info_hash', () => `info_hash=${pct(Buffer.alloc(19, 1))}&peer_id=${pct(peerId(1))}&port=1&uploaded=0&downloaded=0&left=0`,
      failureReasons.wrongLength('info_hash', 20, 19)],
    ['missing peer_id', () => `info_hash=${pct(hash())}&port=1&uploaded=0&downloaded=0&left=0`, failureReasons.missing('peer_id')],
    ['missing port', () => `info_hash=${pct(hash())}&peer_id=${pct(peerId(1))}&uploaded=0&downloaded=0&left=0`, failureReasons.missing('port')],
    ['port 0 without stopped', () => valid().replace('port=6881', 'port=0'), failureReasons.invalidPort],
    ['port above 65535', () => valid().replace('port=6881', 'port=65536'), failureReasons.invalidPort],
    ['negative uploaded', () => valid().replace('uploaded=0', 'uploaded=-1'), failureReasons.notAnInteger('uploaded')],
    ['missing left', () => valid().replace('&left=10', ''), failureReasons.missing('left')],
    ['left above 63 bits', () => valid().replace('left=10', 'left=9223372036854775808'), failureReasons.exceeds63Bits('left')],
    ['unknown event', () => `${valid()}&event=finished`, failureReasons.invalidEvent('"finished"')],
    ['duplicate port', () => `${valid()}&port=1`, failureReasons.duplicate('port')],
    ['compact=2', () => valid().replace('compact=1', 'compact=2'), failureReasons.notAFlag('compact')],
    ['bad percent escape', () => `${valid()}&key=%G1`, failureReasons.malformedPercent],
    ['query too long', () => `${valid()}&key=${'a'.repeat(3000)}`, failureReasons.queryTooLong],
  ];

  it.each(badQueries)('refuses %s', async (_name, query, reason) => {
    const res = await rawGet(f.port, `/tracker/${member.passkey}/announce?${query()}`);
    expect(res.status).toBe(200);
    expect(res.contentType).toBe('text/plain');
    const d = await f.get(`/tracker/${member.passkey}/announce?${query()}`);
    expect(failureOf(d)).toBe(reason);
    expect(intOf(d, 'interval')).toBeGreaterThan(0);
  });

  const refusals: [string, () => string, () => Record<string, string>, string][] = [
    ['an unknown path under /tracker/', () => `/tracker/${member.passkey}/stats`, () => ({}), trackerMessages.notFound],
    ['an announce without passkey', () => `/tracker/announce?${valid()}`, () => ({}), trackerMessages.notFound],
    ['a banned member', () => `/tracker/${banned.passkey}/announce?${valid()}`, () => ({}), trackerMessages.banned],
    ['a browser user agent', () => `/tracker/${member.passkey}/announce?${valid()}`,
      () => ({ 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64)' }), trackerMessages.browser],
    ['a request with Accept-Language', () => `/tracker/${member.passkey}/announce?${valid()}`,
      () => ({ 'accept-language': 'en' }), trackerMessages.browser],
    ['a request with Referer', () => `/tracker/${member.passkey}/announce?${valid()}`,
      () => ({ referer: 'https://example.org/' }), trackerMessages.browser],
    ['a blacklisted client', () => `/tracker/${member.passkey}/announce?${announceQuery({ infoHash: hash(), peerId: peerId(1, '-XL0012-'), left: 1 })}`,
      () => ({}), trackerMessages.clientBanned('Xunlei 0.0.1.2')],
    ['an unregistered torrent', () => `/tracker/${member.passkey}/announce?${announceQuery({ infoHash: Buffer.alloc(20, 7), peerId: peerId(1) })}`,
      () => ({}), trackerMessages.unregistered],
    ['a deleted torrent, with its reason', () => `/tracker/${member.passkey}/announce?${announceQuery({ infoHash: deleted.v1 as Buffer, peerId: peerId(1) })}`,
      () => ({}), 'Unregistered torrent: duplicate of a better release'],
    ['a scrape without info_hash', () => `/tracker/${member.passkey}/scrape`, () => ({}), failureReasons.scrapeRequiresInfoHash],
    ['a scrape of 101 hashes', () => `/tracker/${member.passkey}/scrape?${Array.from({ length: 101 }, (_, i) => `info_hash=${pct(Buffer.alloc(20, i))}`).join('&')}`,
      () => ({}), failureReasons.scrapeTooMany],
  ];

  it.each(refusals)('refuses %s', async (_name, path, headers, reason) => {
    const d = await f.get(path(), headers());
    expect(failureOf(d)).toBe(reason);
  });

  it('stores nothing for refused announces', async () => {
    expect(await f.rows.count('Peer')).toBe(0);
    expect(await f.rows.count('UserTorrent')).toBe(0);
  });

  it('refuses an unknown passkey, stores nothing, and rate-limits the address after repeated misses', async () => {
    const path = (key: string) => `/tracker/${key}/announce?${valid()}`;
    const unknown = 'f'.repeat(32);
    expect(failureOf(await f.get(path(unknown)))).toBe(trackerMessages.unknownPasskey);
    expect(failureOf(await f.get(path('NOT-A-PASSKEY')))).toBe(trackerMessages.unknownPasskey);
    expect(failureOf(await f.get(path(unknown)))).toBe(trackerMessages.unknownPasskey);
    expect(failureOf(await f.get(path(unknown)))).toBe(trackerMessages.tooManyUnknownPasskeys);
    // A member the tracker already knows is served from behind that address (a NAT) while the guesser is blocked.
    expect(failureOf(await f.get(path(member.passkey)))).toBeUndefined();
    // One it does not know yet waits for the window to pass: looking it up is what a guesser wants.
    const newcomer = await f.rows.user();
    expect(failureOf(await f.get(path(newcomer.passkey)))).toBe(trackerMessages.tooManyUnknownPasskeys);
    f.clock.ms += 601_000;
    const d = await f.get(path(newcomer.passkey));
    expect(failureOf(d)).toBeUndefined();
    // Both served: their peers are in the swarm (what reaches the tables is the fold's, tested with the accounting).
    expect(f.tracker.stats().peers).toBe(2);
    expect(await f.rows.count('User', '"passkey" = ?', unknown)).toBe(0);
  });
});
