import { writeFileSync } from 'node:fs';
import { seededRandom, type CorpusPeer } from './corpus';

const pct = (bytes: Uint8Array) => Array.from(bytes, (b) => `%${b.toString(16).padStart(2, '0')}`).join('');
const leftOf = (p: CorpusPeer) => (p.seeder ? 0 : 1_000_000_000);

/**
 * One announce path per corpus peer, without `uploaded`/`downloaded` (the load generators append growing
 * counters). Ours carries the member's passkey; bittorrent-tracker has no passkeys and answers `/announce`.
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
  const lines = walk.map((p) => {
    const query = `info_hash=${pct(p.infoHash)}&peer_id=${pct(p.peerId)}&port=${p.port}&left=${leftOf(p)}&compact=1&numwant=50`;
    return style === 'ours' ? `/tracker/${p.passkey}/announce?${query}` : `/announce?${query}`;
  });
  writeFileSync(file, `${lines.join('\n')}\n`, 'latin1');
}

/** `<hex info_hash>\t<hex peer_id>\t<port>\t<left>` per peer, for bt-server.ts to preload. */
export function writePreload(file: string, peers: readonly CorpusPeer[]): void {
  const lines = peers.map((p) => `${p.infoHash.toString('hex')}\t${p.peerId.toString('hex')}\t${p.port}\t${leftOf(p)}`);
  writeFileSync(file, `${lines.join('\n')}\n`, 'latin1');
}
