import { writeFileSync } from 'node:fs';
import { seededRandom, type CorpusPeer } from './corpus';

const pct = (bytes: Uint8Array) => Array.from(bytes, (b) => `%${b.toString(16).padStart(2, '0')}`).join('');
const leftOf = (p: CorpusPeer) => (p.seeder ? 0 : 1_000_000_000);

/**
 * One announce path per corpus peer, without `uploaded`/`downloaded` (the load generators append growing
 * counters), each line `<u><d> <path>`: u is 1 when the peer's `uploaded` grows (its swarm has a leecher other
 * than itself: an honest client uploads to no one else), d is 1 when its `downloaded` grows (it is a leecher).
 * A seeder reporting upload in a swarm without leechers is what the tracker flags for staff, and a benchmark of
 * honest traffic should not make it one announce in eight. Ours carries the member's passkey; bittorrent-tracker
 * has no passkeys and answers `/announce`.
 * The load generators walk the file in order; its lines are shuffled (the same way for every target), as a
 * tracker's announces arrive in no particular order. In corpus order they would come in the order the seeded
 * database stores the peers' rows, which spares our fold most of its page misses.
 */
export function writePaths(file: string, peers: readonly CorpusPeer[], style: 'ours' | 'plain'): void {
  const walk = [...peers];
  const random = seededRandom(2);
  for (let i = walk.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [walk[i], walk[j]] = [walk[j] as CorpusPeer, walk[i] as CorpusPeer];
  }
  const leechers = new Map<string, number>();
  for (const p of peers) if (!p.seeder) leechers.set(p.infoHash.toString('hex'), (leechers.get(p.infoHash.toString('hex')) ?? 0) + 1);
  const lines = walk.map((p) => {
    const query = `info_hash=${pct(p.infoHash)}&peer_id=${pct(p.peerId)}&port=${p.port}&left=${leftOf(p)}&compact=1&numwant=50`;
    const others = (leechers.get(p.infoHash.toString('hex')) ?? 0) - (p.seeder ? 0 : 1);
    const grows = `${others > 0 ? 1 : 0}${p.seeder ? 0 : 1}`;
    return `${grows} ${style === 'ours' ? `/tracker/${p.passkey}/announce?${query}` : `/announce?${query}`}`;
  });
  writeFileSync(file, `${lines.join('\n')}\n`, 'latin1');
}

/** `<hex info_hash>\t<hex peer_id>\t<port>\t<left>` per peer, for bt-server.ts to preload. */
export function writePreload(file: string, peers: readonly CorpusPeer[]): void {
  const lines = peers.map((p) => `${p.infoHash.toString('hex')}\t${p.peerId.toString('hex')}\t${p.port}\t${leftOf(p)}`);
  writeFileSync(file, `${lines.join('\n')}\n`, 'latin1');
}
