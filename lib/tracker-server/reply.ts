import type { ServerResponse } from 'node:http';
import { encodeFailure } from '@/lib/tracker';

/** Writes a bencoded body: always HTTP 200 text/plain, as BitTorrent clients expect even for failures. */
export function sendBody(res: ServerResponse, body: Uint8Array): void {
  if (res.writableEnded || res.destroyed) return;
  res.writeHead(200, {
    'content-type': 'text/plain',
    'content-length': body.length,
    'cache-control': 'no-store',
  });
  res.end(body);
}

export function sendFailure(res: ServerResponse, reason: string, intervalSeconds: number): void {
  sendBody(res, encodeFailure(reason, intervalSeconds));
}
