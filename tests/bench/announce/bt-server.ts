/**
 * Target (c): bittorrent-tracker 11.2.3's HTTP server (in memory, no passkeys, no accounting).
 * node --expose-gc --import tsx bt-server.ts <preload.tsv>: loads every corpus peer through its own announce
 * path (as if each had sent `started` from 127.0.0.1:<port>), measures the heap per peer it kept, then listens
 * and prints `{ port, peers, bytesPerPeer }`.
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import Server from 'bittorrent-tracker/server';

interface Swarm { peers: { length: number } }
interface Internals {
  torrents: Record<string, Swarm>;
  http: { address(): AddressInfo | string | null };
  _onRequest(params: Record<string, unknown>, cb: (err: Error | null) => void): void;
}

const file = process.argv[2];
if (file === undefined) throw new Error('usage: bt-server.ts <preload.tsv>');
const rows = readFileSync(file, 'latin1').split('\n').filter((l) => l !== '');
const gc = (globalThis as { gc?: () => void }).gc;
const server = new Server({ udp: false, ws: false, http: true, stats: false });
const internals = server as unknown as Internals;
let warnings = 0;
server.on('warning', () => warnings++);
server.on('error', (error: Error) => console.error(`bittorrent-tracker: ${error.message}`));

gc?.();
const used = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
const before = used();
for (let i = 0; i < rows.length; i += 5000) {
  await Promise.all(rows.slice(i, i + 5000).map((row) => new Promise<void>((resolve, reject) => {
    const [infoHash, peerId, port, left] = row.split('\t');
    internals._onRequest({
      type: 'http', action: 1, info_hash: infoHash, peer_id: peerId, port: Number(port), left: Number(left),
      ip: '127.0.0.1', addr: `127.0.0.1:${port}`, compact: 1, numwant: 0, event: 'started', uploaded: 0, downloaded: 0, headers: {},
    }, (err) => (err ? reject(err) : resolve()));
  })));
}
gc?.();
const peers = Object.values(internals.torrents).reduce((n, swarm) => n + swarm.peers.length, 0);
const bytesPerPeer = gc === undefined ? null : Math.round((used() - before) / peers);
server.listen(0, '127.0.0.1', () => {
  const address = internals.http.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  process.stdout.write(`${JSON.stringify({ port, peers, bytesPerPeer })}\n`);
});
process.once('SIGTERM', () => {
  process.stderr.write(`bittorrent-tracker: ${warnings} warnings\n`);
  process.exit(0);
});
