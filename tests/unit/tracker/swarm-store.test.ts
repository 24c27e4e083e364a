import { describe, expect, it } from 'vitest';
import { SwarmStore, type PeerInput } from '@/lib/tracker/swarm-store';

const T = 1;

function peerId(n: number): Uint8Array {
  const id = new Uint8Array(20).fill(0x41);
  id[0] = 0x80;
  id[18] = n >> 8;
  id[19] = n & 0xff;
  return id;
}

/** IPv4 10.0.<userId>.<n> (or an IPv6 address) with port 1000 + n, so each endpoint names its peer. */
function peer(userId: number, n: number, seeder: boolean, v6 = false): PeerInput {
  const endpoint = v6 ? new Uint8Array(18) : new Uint8Array(6);
  if (v6) endpoint.set([0x20, 0x01, 0x0d, 0xb8, userId, n]);
  else endpoint.set([10, 0, userId, n]);
  const port = 1000 + n;
  endpoint[endpoint.length - 2] = port >> 8;
  endpoint[endpoint.length - 1] = port & 0xff;
  return { userId, peerId: peerId(n), endpoint, left: seeder ? 0n : 100n, nowMs: 1000 };
}

/** Splits compact IPv4 bytes into `user.n` labels. */
function labels(compact: Uint8Array): string[] {
  const out: string[] = [];
  for (let i = 0; i < compact.length; i += 6) out.push(`${compact[i + 2]}.${compact[i + 3]}`);
  return out;
}

function storeWith(peers: PeerInput[], random = () => 0): SwarmStore {
  const store = new SwarmStore(random);
  for (const p of peers) store.upsert(T, p);
  return store;
}

describe('SwarmStore', () => {
  it('counts seeders and leechers, and reports whether an upsert created the peer', () => {
    const store = new SwarmStore();
    expect(store.upsert(T, peer(1, 1, true))).toMatchObject({ created: true, wasSeeder: null });
    store.upsert(T, peer(2, 2, false));
    store.upsert(T, peer(3, 3, false, true));
    expect(store.counts(T)).toEqual({ seeders: 1, leechers: 2 });
    expect(store.upsert(T, peer(2, 2, true))).toMatchObject({ created: false, wasSeeder: false });
    expect(store.counts(T)).toEqual({ seeders: 2, leechers: 1 });
    expect(store.counts(99)).toEqual({ seeders: 0, leechers: 0 });
    expect(store.stats).toEqual({ torrents: 1, peers: 3 });
  });

  it('keys peers by user and peer_id: the same peer_id under two users is two peers', () => {
    const store = storeWith([peer(1, 7, false), peer(2, 7, false), peer(1, 7, false)]);
    expect(store.stats.peers).toBe(2);
    expect(store.countForUser(T, 1)).toBe(1);
  });

  it('counts a member’s peers in one torrent, for the per-member limit', () => {
    const store = storeWith([peer(1, 1, true), peer(1, 2, false), peer(1, 3, false, true), peer(2, 4, false)]);
    expect(store.countForUser(T, 1)).toBe(3);
    expect(store.countForUser(T, 2)).toBe(1);
    expect(store.countForUser(T, 3)).toBe(0);
  });

  it('removes a peer, returning what it held, and forgets an empty swarm', () => {
    const store = storeWith([peer(1, 1, true), peer(1, 2, false)]);
    const removed = store.remove(T, 1, peerId(2));
    expect(removed).toEqual({
      userId: 1, peerId: peerId(2), endpoint: peer(1, 2, false).endpoint, seeder: false, left: 100n, lastSeenMs: 1000,
      baseline: { uploaded: 0n, downloaded: 0n, atMs: 1000 }, announceMemory: 0,
    });
    expect(store.remove(T, 1, peerId(2))).toBeNull();
    expect(store.countForUser(T, 1)).toBe(1);
    store.remove(T, 1, peerId(1));
    expect(store.stats).toEqual({ torrents: 0, peers: 0 });
  });

  it('starts a new swarm for a torrent whose swarm emptied, and finds its peers from any other lookup', () => {
    const store = storeWith([peer(1, 1, true)]);
    store.remove(T, 1, peerId(1));
    // The emptied swarm was the last one looked up; the next peer must land in a swarm the store still holds.
    store.upsert(T, peer(2, 2, true));
    expect(store.stats).toEqual({ torrents: 1, peers: 1 });
    store.upsert(2, peer(3, 3, false));
    expect(store.counts(T)).toEqual({ seeders: 1, leechers: 0 });
    expect(store.find(T, 2, peerId(2))).not.toBe(-1);
    expect(labels(store.selectPeers(T, { forUserId: 3, isSeeder: false, numwant: 50, family: 'ipv4' }))).toEqual(['2.2']);
  });

  it('updates the peer at the slot the caller found, and adds one when the caller found none', () => {
    const store = storeWith([peer(1, 1, false)]);
    const slot = store.find(T, 1, peerId(1));
    expect(store.upsert(T, { ...peer(1, 1, true), nowMs: 2000 }, slot)).toEqual({ created: false, wasSeeder: false, slot });
    expect(store.counts(T)).toEqual({ seeders: 1, leechers: 0 });
    expect(store.get(T, 1, peerId(1))?.lastSeenMs).toBe(2000);
    expect(store.upsert(T, peer(2, 2, false), store.find(T, 2, peerId(2)))).toMatchObject({ created: true, wasSeeder: null });
    expect(store.stats).toEqual({ torrents: 1, peers: 2 });
  });

  it('gives a leecher seeders first, then leechers, never its own member’s peers', () => {
    const store = storeWith([peer(1, 1, false), peer(1, 2, true), peer(2, 3, false), peer(3, 4, true), peer(4, 5, true)]);
    const got = labels(store.selectPeers(T, { forUserId: 1, isSeeder: false, numwant: 50, family: 'ipv4' }));
    expect(got).toEqual(['3.4', '4.5', '2.3']);
  });

  it('gives a seeder only leechers', () => {
    const store = storeWith([peer(1, 1, true), peer(2, 2, true), peer(3, 3, false), peer(4, 4, false)]);
    const got = labels(store.selectPeers(T, { forUserId: 1, isSeeder: true, numwant: 50, family: 'ipv4' }));
    expect(got.sort()).toEqual(['3.3', '4.4']);
  });

  it('returns at most numwant peers, and none for numwant 0', () => {
    const store = storeWith(Array.from({ length: 80 }, (_, i) => peer(10 + i, i, i % 2 === 0)));
    expect(store.selectPeers(T, { forUserId: 1, isSeeder: false, numwant: 50, family: 'ipv4' }).length).toBe(300);
    expect(store.selectPeers(T, { forUserId: 1, isSeeder: false, numwant: 0, family: 'ipv4' }).length).toBe(0);
  });

  it('serves each address family from its own peers, as 6- or 18-byte entries', () => {
    const store = storeWith([peer(2, 1, true), peer(3, 2, true, true), peer(4, 3, false, true)]);
    const v6 = store.selectPeers(T, { forUserId: 1, isSeeder: false, numwant: 50, family: 'ipv6' });
    expect(v6.length).toBe(36);
    expect([...v6.subarray(0, 6)]).toEqual([0x20, 0x01, 0x0d, 0xb8, 3, 2]);
    expect(labels(store.selectPeers(T, { forUserId: 1, isSeeder: false, numwant: 50, family: 'ipv4' }))).toEqual(['2.1']);
  });

  it('moves a peer between families when its endpoint changes', () => {
    const store = storeWith([peer(2, 1, true)]);
    store.upsert(T, peer(2, 1, true, true));
    expect(store.selectPeers(T, { forUserId: 1, isSeeder: false, numwant: 50, family: 'ipv4' }).length).toBe(0);
    expect(store.selectPeers(T, { forUserId: 1, isSeeder: false, numwant: 50, family: 'ipv6' }).length).toBe(18);
    expect(store.stats.peers).toBe(1);
  });

  it('rotates through a large swarm instead of always returning the same peers', () => {
    const peers = Array.from({ length: 500 }, (_, i) => peer(10 + (i >> 8), i & 0xff, true));
    let r = 0;
    const store = storeWith(peers, () => (r = (r + 0.37) % 1));
    const seen = new Set<string>();
    for (let i = 0; i < 20; i++) {
      for (const l of labels(store.selectPeers(T, { forUserId: 1, isSeeder: false, numwant: 50, family: 'ipv4' }))) seen.add(l);
    }
    expect(seen.size).toBeGreaterThan(400);
  });

  it('expires peers not seen within maxAge and returns them for persisting', () => {
    const store = new SwarmStore();
    store.upsert(T, { ...peer(1, 1, true), nowMs: 1_000 });
    store.upsert(T, { ...peer(1, 2, false), nowMs: 5_000 });
    store.upsert(T, { ...peer(2, 3, false), nowMs: 1_000 });
    store.upsert(2, { ...peer(3, 4, false), nowMs: 1_000 });
    const dropped = store.expire(6_000, 2_000);
    expect(dropped.map((d) => [d.torrentId, d.userId, d.seeder, d.lastSeenMs]).sort()).toEqual([
      [1, 1, true, 1000], [1, 2, false, 1000], [2, 3, false, 1000],
    ]);
    expect(store.stats).toEqual({ torrents: 1, peers: 1 });
    expect(store.get(T, 1, peerId(2))?.lastSeenMs).toBe(5_000);
    expect(store.expire(7_000, 2_000)).toEqual([]);
  });

  it('refreshes last-seen on every announce so active peers survive expiry', () => {
    const store = new SwarmStore();
    store.upsert(T, { ...peer(1, 1, false), nowMs: 1_000 });
    store.upsert(T, { ...peer(1, 1, false), nowMs: 9_000 });
    expect(store.expire(10_000, 2_000)).toEqual([]);
  });

  it('keeps peers apart that differ only in torrent, member or peer_id, whatever the size of the ids', () => {
    const store = new SwarmStore();
    const id = (byte: number) => new Uint8Array(20).fill(byte);
    const keys: [number, number, Uint8Array][] = [[1, 256, id(1)], [256, 1, id(1)], [1, 1, id(1)], [1, 1, id(2)], [2 ** 31 + 5, 7, id(1)], [5, 7, id(1)]];
    keys.forEach(([torrentId, userId, pid], i) => {
      store.upsert(torrentId, { ...peer(userId, i, false), peerId: pid, baseline: { uploaded: BigInt(i), downloaded: 0n, atMs: i } });
    });
    expect(store.stats.peers).toBe(keys.length);
    keys.forEach(([torrentId, userId, pid], i) => {
      expect(store.get(torrentId, userId, pid)?.baseline.uploaded).toBe(BigInt(i));
    });
    expect(store.find(1, 1, id(3))).toBe(-1);
    expect(store.find(2, 1, id(1))).toBe(-1);
    expect(store.stats.torrents).toBe(4);
    // Past the ids kept in an array: removal forgets the swarm there too, and the id can start a new one.
    expect(store.remove(2 ** 31 + 5, 7, id(1))).not.toBeNull();
    expect(store.stats.torrents).toBe(3);
    expect(store.counts(2 ** 31 + 5)).toEqual({ seeders: 0, leechers: 0 });
    store.upsert(2 ** 31 + 5, { ...peer(8, 1, true), peerId: id(9) });
    expect(store.counts(2 ** 31 + 5)).toEqual({ seeders: 1, leechers: 0 });
  });

  it('keeps each peer’s accounting baseline exactly, up to 2^63 - 1, and keeps it when an upsert names none', () => {
    const store = new SwarmStore();
    const max = 2n ** 63n - 1n;
    store.upsert(T, { ...peer(1, 1, false), baseline: { uploaded: max, downloaded: max - 1n, atMs: 1_500 } });
    const slot = store.find(T, 1, peerId(1));
    expect(store.baseline(slot)).toEqual({ uploaded: max, downloaded: max - 1n, atMs: 1_500 });
    store.upsert(T, { ...peer(1, 1, true), nowMs: 2_000 });
    expect(store.get(T, 1, peerId(1))).toMatchObject({ seeder: true, left: 0n, lastSeenMs: 2_000, baseline: { uploaded: max, atMs: 1_500 } });
  });

  it('reuses the slot of a removed peer without leaking its state into the next one', () => {
    const store = new SwarmStore();
    store.upsert(T, { ...peer(1, 1, true, true), baseline: { uploaded: 9n, downloaded: 9n, atMs: 9 } });
    store.remove(T, 1, peerId(1));
    store.upsert(2, peer(2, 2, false));
    expect(store.get(2, 2, peerId(2))).toEqual({
      userId: 2, peerId: peerId(2), endpoint: peer(2, 2, false).endpoint, seeder: false, left: 100n, lastSeenMs: 1000,
      baseline: { uploaded: 0n, downloaded: 0n, atMs: 1000 }, announceMemory: 0,
    });
    expect(store.get(T, 1, peerId(1))).toBeNull();
    expect(store.counts(2)).toEqual({ seeders: 0, leechers: 1 });
  });

  it('stays consistent while the table grows and slots are freed and reused', () => {
    const store = new SwarmStore(() => 0);
    const pid = (i: number) => {
      const id = peerId(0);
      new DataView(id.buffer).setUint32(0, i);
      return id;
    };
    const add = (i: number) => store.upsert(i % 7, { ...peer(i % 50, i & 0xff, i % 3 === 0), peerId: pid(i), baseline: { uploaded: BigInt(i), downloaded: 0n, atMs: i } });
    for (let i = 0; i < 5000; i++) add(i);
    for (let i = 0; i < 5000; i += 2) expect(store.remove(i % 7, i % 50, pid(i))?.baseline.uploaded).toBe(BigInt(i));
    for (let i = 5000; i < 7500; i++) add(i);
    expect(store.stats.peers).toBe(5000);
    let seeders = 0;
    for (let t = 0; t < 7; t++) seeders += store.counts(t).seeders;
    expect(seeders).toBe([...Array(7500).keys()].filter((i) => (i % 2 === 1 || i >= 5000) && i % 3 === 0).length);
    for (let i = 1; i < 7500; i += 2) expect(store.get(i % 7, i % 50, pid(i))?.baseline.uploaded).toBe(BigInt(i));
    expect(store.get(0, 0, pid(0))).toBeNull();
  });

  it('selects exactly the live peers of a large swarm through joins, leaves, endpoint changes and completions', () => {
    // Selection reads members and endpoints from the lists' own entries; they must follow every change.
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const store = new SwarmStore(next);
    const model = new Map<string, { userId: number; endpoint: string; seeder: boolean; v6: boolean }>();
    const key = (userId: number, n: number) => `${userId}/${n}`;
    for (let step = 0; step < 6000; step++) {
      const userId = 1 + Math.floor(next() * 40);
      const n = Math.floor(next() * 12);
      const op = next();
      if (op < 0.2) {
        store.remove(T, userId, peerId(n));
        model.delete(key(userId, n));
        continue;
      }
      const input = peer(userId, n, op < 0.45, op > 0.95);
      // A peer that moves: same id, new port.
      if (op > 0.85 && op <= 0.95) input.endpoint[5] = (input.endpoint[5] ?? 0) ^ 0x55;
      store.upsert(T, input);
      model.set(key(userId, n), { userId, endpoint: Array.from(input.endpoint).join('.'), seeder: op < 0.45, v6: op > 0.95 });
      if (step % 500 !== 499) continue;
      for (const forUserId of [0, userId]) {
        for (const isSeeder of [false, true]) {
          const got = store.selectPeers(T, { forUserId, isSeeder, numwant: 1000, family: 'ipv4' });
          const endpoints: string[] = [];
          for (let i = 0; i < got.length; i += 6) endpoints.push(Array.from(got.subarray(i, i + 6)).join('.'));
          const expected = [...model.values()]
            .filter((p) => !p.v6 && p.userId !== forUserId && (!isSeeder || !p.seeder))
            .map((p) => p.endpoint);
          expect(endpoints.sort()).toEqual(expected.sort());
        }
      }
    }
    expect(store.counts(T).seeders + store.counts(T).leechers).toBe(model.size);
    expect(model.size).toBeGreaterThan(128);
  });

  it('selects exactly the live peers of swarms that grow to hundreds and shrink to one, while others reuse the memory', () => {
    // A list's entries move to a larger region as it grows and to a smaller one as it empties; regions freed by
    // one swarm are taken by another.
    const store = new SwarmStore(() => 0.25);
    const live = new Map<number, Set<number>>([[1, new Set()], [2, new Set()], [3, new Set()]]);
    const input = (torrent: number, n: number) => ({ ...peer(1 + (n % 200), n & 0xff, n % 2 === 0), peerId: peerId(n) });
    const check = (torrent: number) => {
      const got = labels(store.selectPeers(torrent, { forUserId: 0, isSeeder: false, numwant: 1000, family: 'ipv4' }));
      const expected = [...(live.get(torrent) ?? [])].map((n) => `${1 + (n % 200)}.${n & 0xff}`);
      expect(got.sort()).toEqual(expected.sort());
    };
    for (let round = 0; round < 3; round++) {
      const growing = 1 + (round % 3);
      const shrinking = 1 + ((round + 1) % 3);
      for (let n = 0; n < 300; n++) {
        store.upsert(growing, input(growing, n + round * 1000));
        live.get(growing)?.add(n + round * 1000);
        const gone = [...(live.get(shrinking) ?? [])][0];
        if (gone !== undefined && (live.get(shrinking)?.size ?? 0) > 1) {
          expect(store.remove(shrinking, 1 + (gone % 200), peerId(gone))).not.toBeNull();
          live.get(shrinking)?.delete(gone);
        }
        if (n % 37 === 0) for (const t of live.keys()) check(t);
      }
      for (const t of live.keys()) check(t);
    }
    expect([...live.values()].some((s) => s.size === 1)).toBe(true);
    expect([...live.values()].some((s) => s.size >= 300)).toBe(true);
  });

  it('reuses the memory of lists that emptied: joins and leaves at a steady size hold no more memory over time', () => {
    const store = new SwarmStore(() => 0);
    const input = (i: number) => ({ ...peer(1 + (i % 50), i & 0xff, i % 3 === 0), peerId: peerId(i % 60000) });
    // Peer i lives from step i to step i + 2000, in torrent i % 40 or, one in four, in one of 1499 torrents whose
    // lists hold a peer or two and empty again and again.
    const torrent = (i: number) => (i % 4 === 0 ? 100 + (i % 1499) : i % 40);
    const step = (i: number) => {
      store.upsert(torrent(i), input(i));
      const old = i - 2000;
      if (old >= 0) expect(store.remove(torrent(old), 1 + (old % 50), peerId(old % 60000))).not.toBeNull();
    };
    for (let i = 0; i < 4000; i++) step(i);
    const settled = store.listBytes;
    for (let i = 4000; i < 40000; i++) step(i);
    expect(store.stats.peers).toBe(2000);
    expect(store.listBytes).toBe(settled);
  });

  it('restores a peer as state() saw it, and removes one that was not there before', () => {
    const store = new SwarmStore();
    store.upsert(T, { ...peer(1, 1, false), baseline: { uploaded: 5n, downloaded: 6n, atMs: 1000 } });
    store.setAnnounceMemory(store.find(T, 1, peerId(1)), 5);
    const before = store.state(store.find(T, 1, peerId(1)));
    const { slot } = store.upsert(T, { ...peer(1, 1, true, true), nowMs: 9_000, baseline: { uploaded: 50n, downloaded: 60n, atMs: 9_000 } });
    store.setAnnounceMemory(slot, 2);
    store.restore(T, 1, peerId(1), before);
    expect(store.get(T, 1, peerId(1))).toEqual({
      userId: 1, peerId: peerId(1), endpoint: peer(1, 1, false).endpoint, seeder: false, left: 100n, lastSeenMs: 1000,
      baseline: { uploaded: 5n, downloaded: 6n, atMs: 1000 }, announceMemory: 5,
    });
    expect(store.counts(T)).toEqual({ seeders: 0, leechers: 1 });
    store.upsert(T, peer(2, 2, true));
    store.restore(T, 2, peerId(2), null);
    expect(store.get(T, 2, peerId(2))).toBeNull();
    expect(store.stats.peers).toBe(1);
  });

  it('restores the stored endpoint when state() was told the next one, whether it moves or stays', () => {
    const store = new SwarmStore();
    const first = peer(1, 1, false);
    store.upsert(T, first);
    const moved = peer(1, 1, false);
    moved.endpoint[5] = (moved.endpoint[5] ?? 0) ^ 0x55;
    const beforeMove = store.state(store.find(T, 1, peerId(1)), moved.endpoint);
    store.upsert(T, { ...moved, nowMs: 2000 });
    store.restore(T, 1, peerId(1), beforeMove);
    expect(store.get(T, 1, peerId(1))?.endpoint).toEqual(first.endpoint);
    const same = peer(1, 1, false);
    const beforeStay = store.state(store.find(T, 1, peerId(1)), same.endpoint);
    expect(beforeStay.endpoint).toBe(same.endpoint);
    store.upsert(T, { ...same, nowMs: 3000 });
    store.restore(T, 1, peerId(1), beforeStay);
    expect(store.get(T, 1, peerId(1))).toMatchObject({ endpoint: first.endpoint, lastSeenMs: 1000 });
    expect(labels(store.selectPeers(T, { forUserId: 0, isSeeder: false, numwant: 10, family: 'ipv4' }))).toEqual(['1.1']);
  });

  it('refuses ids and endpoints of the wrong size, which upstream validation should have caught', () => {
    const store = new SwarmStore();
    expect(() => store.upsert(T, { ...peer(1, 1, true), peerId: new Uint8Array(19) })).toThrow(RangeError);
    expect(() => store.upsert(T, { ...peer(1, 1, true), endpoint: new Uint8Array(4) })).toThrow(RangeError);
  });
});
