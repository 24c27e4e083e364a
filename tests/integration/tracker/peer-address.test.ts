import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrustedProxy } from '@/lib/tracker-server';
import { startTrackerFixture, type TrackerFixture } from '@/tests/helpers/tracker-fixture';
import { compactPeers, peerId } from '@/tests/helpers/tracker-harness';

/** [trustedProxy, X-Forwarded-For, ip= parameter, address other peers are given]. */
const cases: [TrustedProxy, string | null, string | null, string][] = [
  ['none', '203.0.113.9', null, '127.0.0.1'],
  ['none', null, '198.51.100.7', '127.0.0.1'],
  ['loopback', '10.9.9.9, 203.0.113.9', null, '203.0.113.9'],
  ['loopback', '203.0.113.9', '198.51.100.7', '203.0.113.9'],
  ['loopback', null, '198.51.100.7', '198.51.100.7'],
  ['all', ' 203.0.113.5 ', null, '203.0.113.5'],
  ['loopback', 'not-an-address', null, '127.0.0.1'],
];

describe.each(['none', 'loopback', 'all'] as const)('peer address with trustedProxy=%s', (trust) => {
  let f: TrackerFixture;
  beforeAll(async () => {
    f = await startTrackerFixture({ trustedProxy: trust });
  });
  afterAll(async () => f.close());

  it.each(cases.filter(([t]) => t === trust))('XFF %s, ip=%s -> peers see %s', async (_t, xff, ip, expected) => {
    const t = await f.rows.torrent();
    const [seed, leech] = [await f.rows.user(), await f.rows.user()];
    await f.announce(
      seed.passkey,
      { infoHash: t.v1 as Buffer, peerId: peerId(1), port: 5555, left: 0, ...(ip === null ? {} : { extra: `ip=${ip}` }) },
      xff === null ? {} : { 'x-forwarded-for': xff },
    );
    const d = await f.announce(leech.passkey, { infoHash: t.v1 as Buffer, peerId: peerId(2), port: 6666, left: 5 });
    expect(compactPeers(d)).toEqual([`${expected}:5555`]);
    const row = await f.rows.get('SELECT "ip" FROM "Peer" WHERE "userId" = ?', seed.id);
    expect(row).toEqual({ ip: expected });
  });
});
