import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bdecode } from './bencode-decode';

/** An announce as the client sent it, and whether the tracker acknowledged it (a reply without `failure reason`). */
export interface SeenAnnounce {
  passkey: string;
  event: string | undefined;
  uploaded: number;
  downloaded: number;
  left: number;
  acknowledged: boolean;
}

export interface AnnounceRecorder {
  url: string;
  port: number;
  /** Every announce answered so far, in the order the replies came. */
  announces: SeenAnnounce[];
  /** Called with each answered announce as its reply passes (before the client reads it). */
  onAnswer: ((seen: SeenAnnounce) => void) | null;
  /** While closed, tracker requests get a 502 as from a reverse proxy whose tracker is down; the site still answers. */
  trackerOpen: boolean;
  close(): Promise<void>;
}

/**
 * A reverse proxy in front of one site that keeps a record of what BitTorrent clients were told: the site's
 * PUBLIC_URL points here, so personal `.torrent` files announce through it. It is how a test knows which
 * announces a client saw acknowledged, which is what the tracker promises to keep.
 */
export async function startAnnounceRecorder(options: { sitePort: number; port?: number }): Promise<AnnounceRecorder> {
  const recorder: AnnounceRecorder = { url: '', port: 0, announces: [], onAnswer: null, trackerOpen: true, close: async () => {} };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = req.url ?? '/';
    const announce = /^\/tracker\/([^/]+)\/announce\?(.*)$/.exec(path);
    if (path.startsWith('/tracker/') && !recorder.trackerOpen) {
      res.writeHead(502, { 'content-type': 'text/plain' }).end('proxy: tracker down');
      return;
    }
    const upstream = request({ host: '127.0.0.1', port: options.sitePort, method: req.method, path, headers: req.headers }, (answer) => {
      if (announce === null) {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        return;
      }
      const chunks: Buffer[] = [];
      answer.on('data', (c: Buffer) => chunks.push(c));
      answer.on('end', () => {
        const body = Buffer.concat(chunks);
        const seen = { passkey: announce[1] as string, ...counters(announce[2] as string), acknowledged: answer.statusCode === 200 && !hasFailure(body) };
        recorder.announces.push(seen);
        recorder.onAnswer?.(seen);
        res.writeHead(answer.statusCode ?? 502, answer.headers).end(body);
      });
    });
    upstream.on('error', (error) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`proxy: ${error.message}`);
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  recorder.port = (server.address() as AddressInfo).port;
  recorder.url = `http://127.0.0.1:${recorder.port}`;
  recorder.close = () => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
  return recorder;
}

function counters(query: string): Pick<SeenAnnounce, 'event' | 'uploaded' | 'downloaded' | 'left'> {
  const fields = new Map(query.split('&').map((pair) => pair.split('=', 2) as [string, string | undefined]));
  const n = (key: string) => Number(fields.get(key) ?? Number.NaN);
  return { event: fields.get('event'), uploaded: n('uploaded'), downloaded: n('downloaded'), left: n('left') };
}

function hasFailure(body: Buffer): boolean {
  try {
    const d = bdecode(body);
    return typeof d !== 'object' || d === null || Array.isArray(d) || d instanceof Buffer || 'failure reason' in d;
  } catch {
    return true;
  }
}
