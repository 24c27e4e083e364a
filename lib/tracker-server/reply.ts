import type { ServerResponse } from 'node:http';

/** Writes a bencoded body through node:http: always HTTP 200 text/plain, as BitTorrent clients expect even for failures. */
export function sendBody(res: ServerResponse, body: Uint8Array): void {
  if (res.writableEnded || res.destroyed) return;
  res.writeHead(200, {
    'content-type': 'text/plain',
    'content-length': body.length,
    'cache-control': 'no-store',
  });
  res.end(body);
}
