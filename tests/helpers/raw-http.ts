import { createServer, type RequestListener, type Server as HttpServer } from 'node:http';
import { connect, type Server } from 'node:net';

export interface RawReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Sends `bytes` on a fresh connection, shuts our side, and collects every reply until the server closes the
 * connection (both node:http and the front door close once they have answered all a half-closed client sent).
 */
export function sendRaw(port: number, bytes: string | Buffer): Promise<RawReply[]> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('close', () => resolve(parseReplies(Buffer.concat(chunks).toString('latin1'))));
    // A server that resets after its last reply (node:http refusing a head while more bytes were on their way).
    socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' || error.code === 'EPIPE' ? undefined : reject(error)));
    socket.end(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes);
  });
}

/** HTTP/1.1 replies in order: bodies by Content-Length, empty chunked bodies, or up to the end of the data. */
export function parseReplies(text: string): RawReply[] {
  const replies: RawReply[] = [];
  let at = 0;
  while (at < text.length) {
    const end = text.indexOf('\r\n\r\n', at);
    if (end === -1) throw new Error(`incomplete reply: ${JSON.stringify(text.slice(at))}`);
    const lines = text.slice(at, end).split('\r\n');
    const headers: Record<string, string> = {};
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
    }
    let bodyEnd: number;
    if (headers['content-length'] !== undefined) bodyEnd = end + 4 + Number(headers['content-length']);
    else if (headers['transfer-encoding'] === 'chunked') bodyEnd = text.indexOf('0\r\n\r\n', end + 4) + 5;
    else bodyEnd = text.length;
    replies.push({ status: Number(lines[0]?.split(' ')[1]), headers, body: text.slice(end + 4, bodyEnd) });
    at = bodyEnd;
  }
  return replies;
}

export function listenOn<T extends Server | HttpServer>(server: T): Promise<number> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : 0);
    });
  });
}

export function closeServer(server: Server | HttpServer): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

/**
 * A plain node:http server answering every request `200 <body>`, with a Content-Length as the tracker's replies
 * have (without one, node:http closes an HTTP/1.0 keep-alive connection after the reply).
 */
export function plainServer(body: string, onRequest?: (method: string, url: string) => void): HttpServer {
  const handler: RequestListener = (req, res) => {
    onRequest?.(req.method ?? '', req.url ?? '');
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };
  return createServer(handler);
}
