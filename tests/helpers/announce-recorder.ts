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
  /** The info_hash as 40 hex characters (a hybrid torrent's client announces its v1 and its truncated v2 hash). */
  infoHash: string;
  acknowledged: boolean;
  /** Peers in the reply (compact IPv4 and IPv6), and its `warning message`. */
  peers: number;
  warning: string | undefined;
  /** The reply's `failure reason`, if any. */
  failure: string | undefined;
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
    const announce = announceOf(path);
    if (/^\/(tracker\/|announce\?|scrape\?)/.test(path) && !recorder.trackerOpen) {
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
        const seen = { passkey: announce.passkey, ...counters(announce.query), acknowledged: answer.statusCode === 200 && !hasFailure(body), ...replyOf(body) };
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

/** The passkey and query of an announce in either URL form, or null for anything else. */
function announceOf(path: string): { passkey: string; query: string } | null {
  const long = /^\/tracker\/([^/]+)\/announce\?(.*)$/.exec(path);
  if (long !== null) return { passkey: long[1] as string, query: long[2] as string };
  const bare = /^\/announce\?(.*)$/.exec(path);
  if (bare === null) return null;
  const query = bare[1] as string;
  const passkey = /(?:^|&)passkey=([^&]*)/.exec(query);
  return { passkey: passkey?.[1] ?? '', query };
}

function counters(query: string): Pick<SeenAnnounce, 'event' | 'uploaded' | 'downloaded' | 'left' | 'infoHash'> {
  const fields = new Map(query.split('&').map((pair) => pair.split('=', 2) as [string, string | undefined]));
  const n = (key: string) => Number(fields.get(key) ?? Number.NaN);
  const infoHash = Buffer.from(decodeURIComponentBytes(fields.get('info_hash') ?? '')).toString('hex');
  return { event: fields.get('event'), uploaded: n('uploaded'), downloaded: n('downloaded'), left: n('left'), infoHash };
}

/** Percent-decoding into bytes (decodeURIComponent would read them as UTF-8). */
function decodeURIComponentBytes(text: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '%') {
      out.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      out.push(text.charCodeAt(i));
    }
  }
  return out;
}

function replyOf(body: Buffer): Pick<SeenAnnounce, 'peers' | 'warning' | 'failure'> {
  const none = { peers: 0, warning: undefined, failure: undefined };
  try {
    const d = bdecode(body);
    if (typeof d !== 'object' || d === null || Array.isArray(d) || d instanceof Buffer) return none;
    const { peers, peers6, 'warning message': warning, 'failure reason': failure } = d as Record<string, unknown>;
    const count = (v: unknown, size: number) => (v instanceof Buffer ? v.length / size : Array.isArray(v) ? v.length : 0);
    const text = (v: unknown) => (v instanceof Buffer ? v.toString() : undefined);
    return { peers: count(peers, 6) + count(peers6, 18), warning: text(warning), failure: text(failure) };
  } catch {
    return none;
  }
}

function hasFailure(body: Buffer): boolean {
  try {
    const d = bdecode(body);
    return typeof d !== 'object' || d === null || Array.isArray(d) || d instanceof Buffer || 'failure reason' in d;
  } catch {
    return true;
  }
}
