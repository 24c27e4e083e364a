import { get } from 'node:http';

/**
 * A GET as a BitTorrent client sends it: node:http adds no Accept-Language (fetch adds `*`, which the tracker
 * takes for a browser). Resolves to the status and the raw body.
 */
export function clientGet(url: string, headers: Record<string, string> = { 'user-agent': 'aria2/1.36.0' }): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    }).on('error', reject);
  });
}
