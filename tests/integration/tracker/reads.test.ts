import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trackerMessages } from '@/lib/tracker-server';
import type { TrackerRequest } from '@/lib/tracker-server/request';
import { testProvider } from '@/tests/helpers/postgres';
import { startTrackerFixture, type TrackerFixture } from '@/tests/helpers/tracker-fixture';
import { announceQuery, failureOf, intOf, pct, peerId, type AnnounceParams, type Dict } from '@/tests/helpers/tracker-harness';

/**
 * What a tracker answers from the database's rows before anything it journaled is folded back (replies only,
 * no fold awaited), on the suite's database: every member and torrent here is a cache miss first.
 */
let f: TrackerFixture;
beforeAll(async () => {
  f = await startTrackerFixture({ minIntervalSeconds: 0 });
});
afterAll(async () => f.close());

const GIB = 1n << 30n;
const announce = (passkey: string, p: AnnounceParams) => f.get(`/tracker/${passkey}/announce?${announceQuery(p)}`);

describe('a tracker reading members and torrents it has not cached', () => {
  it('serves a hybrid torrent announced by its v1 and its truncated v2 hash as one swarm, and scrapes it by either', async () => {
    const t = await f.rows.torrent({ v2: randomBytes(32) });
    const [seeder, leecher] = [await f.rows.user(), await f.rows.user()];
    expect(failureOf(await announce(seeder.passkey, { infoHash: t.v1 as Buffer, peerId: peerId(1), port: 7001, left: 0 }))).toBeUndefined();
    const d = await announce(leecher.passkey, { infoHash: t.v2Short as Buffer, peerId: peerId(2), port: 7002, left: 10 });
    expect({ complete: intOf(d, 'complete'), incomplete: intOf(d, 'incomplete') }).toEqual({ complete: 1, incomplete: 1 });
    const s = await f.get(`/tracker/${leecher.passkey}/scrape?info_hash=${pct(t.v1 as Buffer)}&info_hash=${pct(t.v2Short as Buffer)}`);
    const files = s.files as Dict;
    for (const hash of [t.v1, t.v2Short]) {
      expect(files[(hash as Buffer).toString('latin1')]).toEqual({ complete: 1n, downloaded: 0n, incomplete: 1n });
    }
  });

  it('answers many members and torrents missed at once, each with its own swarm', async () => {
    const torrents = await Promise.all(Array.from({ length: 5 }, () => f.rows.torrent()));
    const members = await Promise.all(Array.from({ length: 20 }, () => f.rows.user()));
    const replies = await Promise.all(members.map((m, i) => announce(m.passkey, {
      infoHash: torrents[i % 5]?.v1 as Buffer, peerId: peerId(100 + i), port: 8000 + i, left: 10,
    })));
    expect(replies.map(failureOf).filter((x) => x !== undefined)).toEqual([]);
    const last = await announce(members[0]?.passkey ?? '', { infoHash: torrents[0]?.v1 as Buffer, peerId: peerId(100), port: 8000, left: 10 });
    expect(intOf(last, 'incomplete')).toBe(4);
  });

  it('scrapes torrents it has not cached, leaving out unknown and deleted ones', async () => {
    const m = await f.rows.user();
    const [a, b] = [await f.rows.torrent(), await f.rows.torrent()];
    const gone = await f.rows.torrent({ deleteReason: 'dupe' });
    const hashes = [a.v1, b.v1, gone.v1, Buffer.alloc(20, 9)] as Buffer[];
    const s = await f.get(`/tracker/${m.passkey}/scrape?${hashes.map((h) => `info_hash=${pct(h)}`).join('&')}`);
    const files = s.files as Dict;
    expect(Object.keys(files).sort()).toEqual([a.v1, b.v1].map((h) => (h as Buffer).toString('latin1')).sort());
    expect(files[(a.v1 as Buffer).toString('latin1')]).toEqual({ complete: 0n, downloaded: 0n, incomplete: 0n });
  });

  it('refuses a member whose leeching is disabled, from their stored ratio state and totals, and still lets them seed', async () => {
    const t = await f.rows.torrent();
    const m = await f.rows.user();
    await f.rows.run(
      'UPDATE "User" SET "leechingDisabled" = ?, "leechingDisabledReason" = ?, "requiredRatio" = ?, "uploaded" = ?, "downloaded" = ? WHERE "id" = ?',
      true, 'ratio', 0.3, GIB, 4n * GIB, m.id,
    );
    const refused = await announce(m.passkey, { infoHash: t.v1 as Buffer, peerId: peerId(1), left: 1000 });
    expect(failureOf(refused)).toBe('Leeching disabled: ratio 0.25 is below the required 0.30; seed to recover');
    expect(failureOf(await announce(m.passkey, { infoHash: t.v1 as Buffer, peerId: peerId(1), left: 0 }))).toBeUndefined();
  });

  it('sees a ban made behind its back once the cache TTL has passed, and not before', async () => {
    const t = await f.rows.torrent();
    const m = await f.rows.user();
    const p = { infoHash: t.v1 as Buffer, peerId: peerId(1), left: 10 };
    expect(failureOf(await announce(m.passkey, p))).toBeUndefined();
    await f.rows.run(`UPDATE "User" SET "bannedAt" = '2026-01-02T00:00:00.000+00:00' WHERE "id" = ?`, m.id);
    expect(failureOf(await announce(m.passkey, p))).toBeUndefined();
    f.clock.ms += 61_000;
    // SQLite drops its caches at once; PostgreSQL rereads the active members and torrents while it still answers
    // from the old ones, then swaps them in (a few milliseconds here).
    const seen: (string | undefined)[] = [];
    for (let i = 0; i < 40 && seen.at(-1) !== trackerMessages.banned; i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, 50));
      seen.push(failureOf(await announce(m.passkey, p)));
    }
    expect(seen.at(-1)).toBe(trackerMessages.banned);
  });

  it('refuses a banned member, an unknown passkey and a deleted torrent with its reason', async () => {
    const banned = await f.rows.user({ banned: true });
    const m = await f.rows.user();
    const gone = await f.rows.torrent({ deleteReason: 'nuked' });
    const p = { infoHash: gone.v1 as Buffer, peerId: peerId(1), left: 1 };
    expect(failureOf(await announce(banned.passkey, p))).toBe(trackerMessages.banned);
    expect(failureOf(await announce('e'.repeat(32), p))).toBe(trackerMessages.unknownPasskey);
    expect(failureOf(await announce(m.passkey, p))).toBe(trackerMessages.deleted('nuked'));
  });
});

// SQLite reads synchronously by design (a read of a cached page is cheaper than a promise), so there the misses
// are answered in the order they came; what this checks is PostgreSQL's reads leaving the event loop free.
describe.runIf(testProvider() === 'postgres')('misses on their way to PostgreSQL', () => {
  it('do not hold up a cached member: its announce is answered while 100 misses still wait for the database', async () => {
    const t = await f.rows.torrent();
    const cached = await f.rows.user();
    expect(failureOf(await announce(cached.passkey, { infoHash: t.v1 as Buffer, peerId: peerId(1), left: 10 }))).toBeUndefined();
    const cold = await Promise.all(Array.from({ length: 100 }, () => f.rows.user()));
    const order: string[] = [];
    const serve = (name: string, passkey: string, seed: number) => new Promise<void>((resolve) => {
      const request: TrackerRequest = {
        method: 'GET', url: `/tracker/${passkey}/announce?${announceQuery({ infoHash: t.v1 as Buffer, peerId: peerId(seed), left: 10 })}`,
        remoteAddress: `127.0.1.${seed % 250}`, userAgent: undefined, acceptLanguage: undefined, referer: undefined, forwardedFor: undefined,
      };
      f.tracker.serve(request, { send: () => (order.push(name), resolve()) });
    });
    const all = [...cold.map((m, i) => serve('miss', m.passkey, 10 + i)), serve('cached', cached.passkey, 1)];
    await Promise.all(all);
    expect(order.indexOf('cached')).toBe(0);
    expect(order.filter((x) => x === 'miss')).toHaveLength(100);
  });
});
