import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trackerMessages } from '@/lib/tracker-server';
import { startTrackerFixture, type TrackerFixture } from '@/tests/helpers/tracker-fixture';
import { announceQuery, compactPeers, failureOf, intOf, pct, peerId, type Dict } from '@/tests/helpers/tracker-harness';

let f: TrackerFixture;
beforeAll(async () => {
  f = await startTrackerFixture({ minIntervalSeconds: 300 });
});
afterAll(async () => f.close());

function endpoint(port: number): string {
  return `127.0.0.1:${port}`;
}

describe('peer selection', () => {
  it('gives leechers seeders first, seeders only leechers, and nobody their own peers', async () => {
    const t = await f.rows.torrent();
    const infoHash = t.v1 as Buffer;
    const [s1, l1, l2] = [await f.rows.user(), await f.rows.user(), await f.rows.user()];
    await f.announce(s1.passkey, { infoHash, peerId: peerId(1), port: 1001, left: 0 });
    await f.announce(s1.passkey, { infoHash, peerId: peerId(2), port: 1002, left: 0 });
    await f.announce(l1.passkey, { infoHash, peerId: peerId(3), port: 2001, left: 50 });
    await f.announce(l1.passkey, { infoHash, peerId: peerId(4), port: 2002, left: 50 });
    await f.announce(l2.passkey, { infoHash, peerId: peerId(5), port: 3001, left: 50 });
    f.clock.ms += 600_000;

    const asSeeder = await f.announce(s1.passkey, { infoHash, peerId: peerId(1), port: 1001, left: 0 });
    expect(compactPeers(asSeeder)).toEqual([endpoint(2001), endpoint(2002), endpoint(3001)]);
    const first = await f.announce(l2.passkey, { infoHash, peerId: peerId(5), port: 3001, left: 50, numwant: 2 });
    expect(compactPeers(first)).toEqual([endpoint(1001), endpoint(1002)]);
    const all = await f.announce(l1.passkey, { infoHash, peerId: peerId(3), port: 2001, left: 50 });
    expect(compactPeers(all)).toEqual([endpoint(1001), endpoint(1002), endpoint(3001)]);
    expect([intOf(all, 'complete'), intOf(all, 'incomplete')]).toEqual([2, 3]);
    expect(await f.rows.torrentRow(t.id)).toMatchObject({ seeders: 2n, leechers: 3n });
  });

  it('answers compact=0 with a list of peer dictionaries, without peer ids on no_peer_id=1', async () => {
    const t = await f.rows.torrent();
    const infoHash = t.v1 as Buffer;
    const [a, b] = [await f.rows.user(), await f.rows.user()];
    await f.announce(a.passkey, { infoHash, peerId: peerId(7), port: 4001, left: 0 });
    const d = await f.announce(b.passkey, { infoHash, peerId: peerId(8), port: 4002, left: 10, compact: 0 });
    expect(d.peers).toEqual([{ ip: Buffer.from('127.0.0.1'), 'peer id': peerId(7), port: 4001n }]);
    f.clock.ms += 600_000;
    const n = await f.announce(b.passkey, { infoHash, peerId: peerId(8), port: 4002, left: 10, compact: 0, extra: 'no_peer_id=1' });
    expect(n.peers).toEqual([{ ip: Buffer.from('127.0.0.1'), port: 4001n }]);
  });

  it('limits a member to 3 peers per torrent, with a clear failure for a 4th; stopping one frees a slot', async () => {
    const t = await f.rows.torrent();
    const u = await f.rows.user();
    const infoHash = t.v1 as Buffer;
    for (const n of [1, 2, 3]) expect(failureOf(await f.announce(u.passkey, { infoHash, peerId: peerId(n), port: 5000 + n, left: 9 }))).toBeUndefined();
    const fourth = await f.announce(u.passkey, { infoHash, peerId: peerId(4), port: 5004, left: 9 });
    expect(failureOf(fourth)).toBe(trackerMessages.tooManyPeers(3));
    expect(await f.rows.count('Peer', '"torrentId" = ?', t.id)).toBe(3);
    await f.announce(u.passkey, { infoHash, peerId: peerId(2), port: 5002, left: 9, event: 'stopped' });
    expect(failureOf(await f.announce(u.passkey, { infoHash, peerId: peerId(4), port: 5004, left: 9 }))).toBeUndefined();
  });

  it('gives an announce sooner than the min interval no peers and a warning, but still counts it', async () => {
    const t = await f.rows.torrent();
    const infoHash = t.v1 as Buffer;
    const [seed, leech] = [await f.rows.user(), await f.rows.user()];
    await f.announce(seed.passkey, { infoHash, peerId: peerId(1), port: 6001, left: 0 });
    await f.announce(leech.passkey, { infoHash, peerId: peerId(2), port: 6002, left: 10 });
    f.clock.ms += 60_000;
    const soon = await f.announce(leech.passkey, { infoHash, peerId: peerId(2), port: 6002, left: 10, downloaded: 500 });
    expect(compactPeers(soon)).toEqual([]);
    expect(soon['warning message']?.toString()).toBe(trackerMessages.tooSoon(300));
    expect((await f.rows.userTotals(leech.id)).downloaded).toBe(500n);
    const completed = await f.announce(leech.passkey, { infoHash, peerId: peerId(2), port: 6002, left: 0, downloaded: 600, event: 'completed' });
    expect(completed['warning message']).toBeUndefined();
    expect(intOf(completed, 'min interval')).toBe(300);
    expect(intOf(completed, 'interval')).toBe(1800);
  });

  it('gives a leecher that found an empty swarm the seeder that came since, on an early re-announce; then refuses hammering', async () => {
    const t = await f.rows.torrent();
    const infoHash = t.v1 as Buffer;
    const [seed, leech] = [await f.rows.user(), await f.rows.user()];
    const l = { infoHash, peerId: peerId(2), port: 6102, left: 10 };
    const alone = await f.announce(leech.passkey, { ...l, event: 'started' });
    expect(compactPeers(alone)).toEqual([]);
    f.clock.ms += 5_000;
    // Still nobody: an empty reply again, without a warning (there was nothing to withhold).
    const stillAlone = await f.announce(leech.passkey, l);
    expect([compactPeers(stillAlone), stillAlone['warning message']]).toEqual([[], undefined]);
    f.clock.ms += 5_000;
    await f.announce(seed.passkey, { infoHash, peerId: peerId(1), port: 6101, left: 0 });
    f.clock.ms += 5_000;
    const found = await f.announce(leech.passkey, { ...l, downloaded: 100 });
    expect([compactPeers(found), found['warning message']]).toEqual([[endpoint(6101)], undefined]);
    f.clock.ms += 5_000;
    const hammering = await f.announce(leech.passkey, { ...l, downloaded: 200 });
    expect(compactPeers(hammering)).toEqual([]);
    expect(hammering['warning message']?.toString()).toBe(
      'announced too soon: no peers until 300 seconds after the previous announce (transfer was counted)',
    );
    f.clock.ms += 5_000;
    expect(compactPeers(await f.announce(leech.passkey, { ...l, downloaded: 300 }))).toEqual([]);
    expect((await f.rows.userTotals(leech.id)).downloaded).toBe(300n);
    f.clock.ms += 300_000;
    expect(compactPeers(await f.announce(leech.passkey, { ...l, downloaded: 300 }))).toEqual([endpoint(6101)]);
  });

  it('gives peers to a hybrid torrent’s second hash announced right after the first, but not to alternating hashes', async () => {
    const t = await f.rows.torrent({ v2: Buffer.alloc(32, 0x6b) });
    const [viaV1, viaV2] = [t.v1 as Buffer, t.v2Short as Buffer];
    const [seed, leech] = [await f.rows.user(), await f.rows.user()];
    await f.announce(seed.passkey, { infoHash: viaV1, peerId: peerId(1), port: 6201, left: 0 });
    const l = { peerId: peerId(2), port: 6202, left: 10 };
    expect(compactPeers(await f.announce(leech.passkey, { ...l, infoHash: viaV1, event: 'started' }))).toEqual([endpoint(6201)]);
    f.clock.ms += 50;
    const second = await f.announce(leech.passkey, { ...l, infoHash: viaV2, event: 'started' });
    expect([compactPeers(second), second['warning message']]).toEqual([[endpoint(6201)], undefined]);
    f.clock.ms += 50;
    const again = await f.announce(leech.passkey, { ...l, infoHash: viaV1 });
    expect(again['warning message']?.toString()).toBe(trackerMessages.tooSoon(300));
    expect(compactPeers(again)).toEqual([]);
    f.clock.ms += 50;
    expect(compactPeers(await f.announce(leech.passkey, { ...l, infoHash: viaV2 }))).toEqual([]);
    // A new interval: one announce per hash again.
    f.clock.ms += 300_000;
    expect(compactPeers(await f.announce(leech.passkey, { ...l, infoHash: viaV1 }))).toEqual([endpoint(6201)]);
    f.clock.ms += 50;
    expect(compactPeers(await f.announce(leech.passkey, { ...l, infoHash: viaV2 }))).toEqual([endpoint(6201)]);
    expect(await f.rows.count('Peer', '"torrentId" = ?', t.id)).toBe(2);
  });

  it('counts a snatch once: completed with left 0 from a peer that was leeching', async () => {
    const t = await f.rows.torrent();
    const infoHash = t.v1 as Buffer;
    const u = await f.rows.user();
    await f.announce(u.passkey, { infoHash, peerId: peerId(1), port: 7001, left: 10, event: 'started' });
    const done = await f.announce(u.passkey, { infoHash, peerId: peerId(1), port: 7001, left: 0, event: 'completed' });
    expect(intOf(done, 'downloaded')).toBe(1);
    expect((await f.rows.torrentRow(t.id)).snatches).toBe(1n);
    expect((await f.rows.history(u.id, t.id))?.completedAt).toBe(new Date(f.clock.ms).toISOString().replace('Z', '+00:00'));
    await f.announce(u.passkey, { infoHash, peerId: peerId(1), port: 7001, left: 0, event: 'completed' });
    await f.announce(u.passkey, { infoHash, peerId: peerId(2), port: 7002, left: 10 });
    await f.announce(u.passkey, { infoHash, peerId: peerId(2), port: 7002, left: 0, event: 'completed' });
    expect((await f.rows.torrentRow(t.id)).snatches).toBe(1n);
  });
});

describe('event=completed from a client the tracker has not seen', () => {
  it('is refused with a clear failure and records nothing: no snatch, no credit, no peer', async () => {
    const t = await f.rows.torrent();
    const infoHash = t.v1 as Buffer;
    const fresh = await f.rows.user();
    const reply = await f.announce(fresh.passkey, { infoHash, peerId: peerId(9), port: 7009, left: 0, uploaded: 4_000, downloaded: 9_000, event: 'completed' });
    expect(failureOf(reply)).toBe(trackerMessages.completedUnknown);
    expect(failureOf(reply)).toBe(
      'event=completed from a client this tracker has not seen on this torrent: nothing was recorded; announce without event=completed to join the swarm',
    );
    expect(await f.rows.torrentRow(t.id)).toMatchObject({ snatches: 0n, seeders: 0n, leechers: 0n });
    expect(await f.rows.userTotals(fresh.id)).toMatchObject({ uploaded: 0n, downloaded: 0n });
    expect(await f.rows.count('Peer', '"torrentId" = ?', t.id)).toBe(0);
    expect(await f.rows.history(fresh.id, t.id)).toBeUndefined();

    // The same client is welcome once it announces as a client that is seeding; its next completed is no snatch.
    expect(failureOf(await f.announce(fresh.passkey, { infoHash, peerId: peerId(9), port: 7009, left: 0, uploaded: 4_000, downloaded: 9_000 }))).toBeUndefined();
    f.clock.ms += 600_000;
    expect(failureOf(await f.announce(fresh.passkey, { infoHash, peerId: peerId(9), port: 7009, left: 0, uploaded: 4_000, downloaded: 9_000, event: 'completed' }))).toBeUndefined();
    expect(await f.rows.torrentRow(t.id)).toMatchObject({ snatches: 0n, seeders: 1n });
  });

  it('is refused from a second client of a member whose first client is known', async () => {
    const t = await f.rows.torrent();
    const infoHash = t.v1 as Buffer;
    const u = await f.rows.user();
    await f.announce(u.passkey, { infoHash, peerId: peerId(1), port: 7101, left: 10 });
    const other = await f.announce(u.passkey, { infoHash, peerId: peerId(2), port: 7102, left: 0, event: 'completed' });
    expect(failureOf(other)).toBe(trackerMessages.completedUnknown);
    expect((await f.rows.torrentRow(t.id)).snatches).toBe(0n);
  });
});

describe('scrape and hybrid torrents', () => {
  it('scrapes complete/incomplete/downloaded per hash and leaves unknown hashes out', async () => {
    const t = await f.rows.torrent();
    const other = await f.rows.torrent();
    const infoHash = t.v1 as Buffer;
    const [a, b] = [await f.rows.user(), await f.rows.user()];
    await f.announce(a.passkey, { infoHash, peerId: peerId(1), port: 8001, left: 0 });
    await f.announce(b.passkey, { infoHash, peerId: peerId(2), port: 8002, left: 5 });
    const unknown = Buffer.alloc(20, 0xee);
    const d = await f.get(`/tracker/${a.passkey}/scrape?info_hash=${pct(infoHash)}&info_hash=${pct(other.v1 as Buffer)}&info_hash=${pct(unknown)}`);
    const files = d.files as Dict;
    expect(Object.keys(files).sort()).toEqual([infoHash.toString('latin1'), (other.v1 as Buffer).toString('latin1')].sort());
    expect(files[infoHash.toString('latin1')]).toEqual({ complete: 1n, downloaded: 0n, incomplete: 1n });
    expect(files[(other.v1 as Buffer).toString('latin1')]).toEqual({ complete: 0n, downloaded: 0n, incomplete: 0n });
  });

  it('treats the v1 hash and the truncated v2 hash of a hybrid torrent as one swarm with one accounting', async () => {
    const v2 = Buffer.alloc(32, 0x5a);
    const t = await f.rows.torrent({ v2 });
    const [viaV1, viaV2] = [t.v1 as Buffer, t.v2Short as Buffer];
    const [seed, leech] = [await f.rows.user(), await f.rows.user()];
    await f.announce(seed.passkey, { infoHash: viaV1, peerId: peerId(1), port: 9001, left: 0 });
    const d = await f.announce(leech.passkey, { infoHash: viaV2, peerId: peerId(2), port: 9002, left: 10 });
    expect(compactPeers(d)).toEqual([endpoint(9001)]);
    // The same client announcing under both hashes is one peer: its delta continues across them.
    f.clock.ms += 600_000;
    await f.announce(leech.passkey, { infoHash: viaV1, peerId: peerId(2), port: 9002, left: 10, downloaded: 4_000 });
    f.clock.ms += 600_000;
    await f.announce(leech.passkey, { infoHash: viaV2, peerId: peerId(2), port: 9002, left: 10, downloaded: 6_000 });
    expect((await f.rows.userTotals(leech.id)).downloaded).toBe(6_000n);
    expect(await f.rows.count('Peer', '"torrentId" = ?', t.id)).toBe(2);
    expect(await f.rows.count('UserTorrent', '"torrentId" = ?', t.id)).toBe(2);
    expect(await f.rows.torrentRow(t.id)).toMatchObject({ seeders: 1n, leechers: 1n, balance: -6_000n });
    const s = await f.get(`/tracker/${seed.passkey}/scrape?info_hash=${pct(viaV1)}&info_hash=${pct(viaV2)}`);
    const files = s.files as Dict;
    expect(files[viaV1.toString('latin1')]).toEqual({ complete: 1n, downloaded: 0n, incomplete: 1n });
    expect(files[viaV2.toString('latin1')]).toEqual({ complete: 1n, downloaded: 0n, incomplete: 1n });
  });
});

describe('the /announce?passkey= form, for trackers on loopback and private addresses', () => {
  it('announces and scrapes like /tracker/<passkey>/..., with the passkey anywhere in the query', async () => {
    const t = await f.rows.torrent();
    const infoHash = t.v1 as Buffer;
    const [seed, leech] = [await f.rows.user(), await f.rows.user()];
    const first = await f.get(`/announce?passkey=${seed.passkey}&${announceQuery({ infoHash, peerId: peerId(1), port: 9101, left: 0 })}`);
    expect(failureOf(first)).toBeUndefined();
    // libtorrent appends its parameters after the ones the URL has; other clients may put them first.
    const second = await f.get(`/announce?${announceQuery({ infoHash, peerId: peerId(2), port: 9102, left: 10 })}&passkey=${leech.passkey}`);
    expect(compactPeers(second)).toEqual([endpoint(9101)]);
    await f.tracker.flush();
    expect(await f.rows.torrentRow(t.id)).toMatchObject({ seeders: 1n, leechers: 1n });
    const scrape = await f.get(`/scrape?passkey=${leech.passkey}&info_hash=${pct(infoHash)}`);
    expect((scrape.files as Dict)[infoHash.toString('latin1')]).toEqual({ complete: 1n, downloaded: 0n, incomplete: 1n });
  });

  it('says what is wrong with a URL without a passkey, with two, or with an unknown one', async () => {
    const t = await f.rows.torrent();
    const query = announceQuery({ infoHash: t.v1 as Buffer, peerId: peerId(1), port: 9201, left: 10 });
    const u = await f.rows.user();
    expect(failureOf(await f.get(`/announce?${query}`))).toBe(
      'no passkey in the tracker URL: use /announce?passkey=<passkey>, as in the .torrent downloaded from the site',
    );
    expect(failureOf(await f.get(`/announce?passkey=${u.passkey}&${query}&passkey=${u.passkey}`))).toBe(
      'the passkey parameter appears more than once in the tracker URL',
    );
    expect(failureOf(await f.get(`/announce?passkey=${'0'.repeat(32)}&${query}`))).toBe(trackerMessages.unknownPasskey);
    expect(failureOf(await f.get(`/scrape?info_hash=${pct(t.v1 as Buffer)}`))).toBe(trackerMessages.passkeyMissing);
  });
});
