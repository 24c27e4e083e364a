/**
 * Target (b), the ceiling: raw node:http answering every request with one fixed announce body of the size ours
 * sends (50 compact peers), with the same headers. Prints `{ port }` when ready.
 */
import { createServer } from 'node:http';
import { encodeAnnounce } from '@/lib/tracker';

const body = encodeAnnounce({
  interval: 1800, minInterval: 300, complete: 1234, incomplete: 567, downloaded: 89,
  peers4: new Uint8Array(50 * 6).fill(7), peers6: new Uint8Array(0),
});
const server = createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain', 'content-length': body.length, 'cache-control': 'no-store' });
  res.end(body);
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address !== null ? address.port : 0 })}\n`);
});
process.once('SIGTERM', () => process.exit(0));
