import { createServer } from 'node:http';
import { connect, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFrontDoor, trackerMessages } from '@/lib/tracker-server';
import { bdecode } from '@/tests/helpers/bencode-decode';
import { startTrackerFixture, type TrackerFixture } from '@/tests/helpers/tracker-fixture';
import { announceQuery, failureOf, peerId, type Dict } from '@/tests/helpers/tracker-harness';

interface Reply {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * Writes `chunks` to one connection (a pause between them, so each arrives as its own read) and collects what
 * comes back until the server closes the connection or `expected` replies are complete.
 */
function exchange(port: number, chunks: (string | Buffer)[], o: { expected?: number; halfClose?: boolean; head?: boolean } = {}) {
  return new Promise<{ replies: Reply[]; closed: boolean }>((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let data = Buffer.alloc(0);
    let replies: Reply[] = [];
    const finish = (closed: boolean) => {
      socket.destroy();
      resolve({ replies, closed });
    };
    socket.on('data', (chunk: Buffer) => {
      data = Buffer.concat([data, chunk]);
      replies = parseReplies(data, o.head === true);
      if (o.expected !== undefined && replies.length >= o.expected) finish(false);
    });
    socket.on('end', () => finish(true));
    socket.on('error', reject);
    void (async () => {
      for (const chunk of chunks) {
        socket.write(chunk);
        await new Promise((r) => setTimeout(r, 5));
      }
      if (o.halfClose === true) socket.end();
    })();
  });
}

function parseReplies(data: Buffer, headOnly: boolean): Reply[] {
  const replies: Reply[] = [];
  let at = 0;
  for (;;) {
    const end = data.indexOf('\r\n\r\n', at);
    if (end === -1) return replies;
    const lines = data.toString('latin1', at, end).split('\r\n');
    const headers: Record<string, string> = {};
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
    }
    const length = headOnly ? 0 : Number(headers['content-length'] ?? 0);
    if (data.length < end + 4 + length) return replies;
    replies.push({ status: Number(lines[0]?.split(' ')[1]), headers, body: data.subarray(end + 4, end + 4 + length) });
    at = end + 4 + length;
  }
}

const dictOf = (r: Reply | undefined) => bdecode(r?.body ?? Buffer.alloc(0)) as Dict;

describe('the front door', () => {
  let f: TrackerFixture;
  let door: Server;
  let port: number;
  let passkey: string;
  let announcePath: string;
  beforeAll(async () => {
    f = await startTrackerFixture();
    // As in server.ts: the site behind it, and tracker requests node:http had to parse go to the tracker.
    const site = createServer((req, res) => {
      if (req.url?.startsWith('/tracker/')) return f.tracker.handle(req, res);
      res.end(`site ${req.method} ${req.url}`);
    });
    door = createFrontDoor({ serve: f.tracker.serve, fallback: site });
    await new Promise<void>((resolve) => door.listen(0, '127.0.0.1', resolve));
    port = (door.address() as { port: number }).port;
    const user = await f.rows.user();
    passkey = user.passkey;
    const torrent = await f.rows.torrent();
    announcePath = `/tracker/${passkey}/announce?${announceQuery({ infoHash: torrent.v1 as Buffer, peerId: peerId(7), left: 100 })}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => door.close(resolve));
    await f.close();
  });

  it('answers pipelined requests in order, an announce that waits for its journal write before a failure that does not', async () => {
    const { replies } = await exchange(port, [
      `GET ${announcePath} HTTP/1.1\r\nHost: t\r\n\r\nGET /tracker/${passkey}/nowhere HTTP/1.1\r\nHost: t\r\n\r\n`,
    ], { expected: 2 });
    expect(replies.map((r) => r.status)).toEqual([200, 200]);
    expect(failureOf(dictOf(replies[0]))).toBeUndefined();
    expect(dictOf(replies[0]).interval).toBeTypeOf('bigint');
    expect(failureOf(dictOf(replies[1]))).toBe(trackerMessages.notFound);
    expect(replies[0]?.headers['content-type']).toBe('text/plain');
    expect(replies[0]?.headers['connection']).toBe('keep-alive');
  });

  it('reads a request that arrives a few bytes at a time', async () => {
    const request = `GET ${announcePath} HTTP/1.1\r\nHost: t\r\nUser-Agent: qBittorrent/5.0\r\n\r\n`;
    const pieces: string[] = [];
    for (let i = 0; i < request.length; i += 7) pieces.push(request.slice(i, i + 7));
    const { replies } = await exchange(port, pieces, { expected: 1 });
    expect(failureOf(dictOf(replies[0]))).toBeUndefined();
  });

  it.each([
    ['HTTP/1.0 without keep-alive', 'HTTP/1.0', ''],
    ['HTTP/1.1 with Connection: close', 'HTTP/1.1', 'Host: t\r\nConnection: close\r\n'],
  ])('closes the connection after the reply for %s', async (_name, version, header) => {
    const { replies, closed } = await exchange(port, [`GET /tracker/${passkey}/nowhere ${version}\r\n${header}\r\n`]);
    expect(closed).toBe(true);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.headers['connection']).toBe('close');
  });

  it('still replies to a client that shut its side right after the request', async () => {
    const { replies, closed } = await exchange(port, [`GET ${announcePath} HTTP/1.1\r\nHost: t\r\n\r\n`], { halfClose: true });
    expect(closed).toBe(true);
    expect(failureOf(dictOf(replies[0]))).toBeUndefined();
  });

  it('sends each reply with its exact length and the usual headers', async () => {
    const { replies } = await exchange(port, [`GET ${announcePath} HTTP/1.1\r\nHost: t\r\n\r\n`], { expected: 1 });
    const r = replies[0];
    expect(r?.status).toBe(200);
    expect(Number(r?.headers['content-length'])).toBe(r?.body.length);
    expect(r?.body.length).toBeGreaterThan(9);
    expect(r?.headers).toMatchObject({ 'content-type': 'text/plain', 'cache-control': 'no-store', connection: 'keep-alive' });
    expect(Math.abs(Date.parse(r?.headers['date'] ?? '') - Date.now())).toBeLessThan(60_000);
  });

  it('answers HEAD with the headers of the reply and no body', async () => {
    const { replies } = await exchange(port, [`HEAD /tracker/${passkey}/nowhere HTTP/1.1\r\nHost: t\r\n\r\nGET /tracker/${passkey}/nowhere HTTP/1.1\r\nHost: t\r\n\r\n`], { expected: 2, head: true });
    expect(Number(replies[0]?.headers['content-length'])).toBeGreaterThan(0);
    // With the first reply body-less, the second reply's head follows the first head directly.
    expect(replies[1]?.status).toBe(200);
  });

  it('refuses a browser by its headers, as node:http would have', async () => {
    const { replies } = await exchange(port, [`GET ${announcePath} HTTP/1.1\r\nHost: t\r\nAccept-Language: en\r\n\r\n`], { expected: 1 });
    expect(failureOf(dictOf(replies[0]))).toBe(trackerMessages.browser);
  });

  it('hands a connection that starts with a site request to the site', async () => {
    const { replies } = await exchange(port, ['GET /torrents?page=2 HTTP/1.1\r\nHost: t\r\n\r\n'], { expected: 1 });
    expect(replies[0]?.body.toString()).toBe('site GET /torrents?page=2');
  });

  it('hands the rest of a connection to the site once a site request follows tracker requests', async () => {
    const { replies } = await exchange(port, [
      `GET ${announcePath} HTTP/1.1\r\nHost: t\r\n\r\nGET /about HTTP/1.1\r\nHost: t\r\n\r\nGET /tracker/x HTTP/1.1\r\nHost: t\r\n\r\n`,
    ], { expected: 3 });
    expect(failureOf(dictOf(replies[0]))).toBeUndefined();
    expect(replies[1]?.body.toString()).toBe('site GET /about');
    // From then on node:http parses the connection; its tracker requests still reach the tracker.
    expect(failureOf(dictOf(replies[2]))).toBe(trackerMessages.notFound);
  });

  it('passes a tracker request with a body to node:http, which still routes it to the tracker', async () => {
    const { replies } = await exchange(port, [`GET ${announcePath} HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nhello`], { expected: 1 });
    expect(failureOf(dictOf(replies[0]))).toBeUndefined();
  });

  it('leaves an oversized head to node:http, which refuses it with 431', async () => {
    const { replies } = await exchange(port, [`GET ${announcePath} HTTP/1.1\r\nHost: t\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`]);
    expect(replies[0]?.status).toBe(431);
  });

  it('leaves a malformed request line to node:http, which refuses it with 400', async () => {
    const { replies } = await exchange(port, ['GET /tracker/a b c HTTP/1.1\r\nHost: t\r\n\r\n']);
    expect(replies[0]?.status).toBe(400);
  });

  it('waits for a reply slower than its idle timeout (a read of a slow database), then closes the connection once idle', async () => {
    const slow = createFrontDoor({
      serve: (_request, reply) => void setTimeout(() => reply.send(Buffer.from('d8:intervali1800ee')), 600),
      fallback: createServer(),
      idleTimeoutMs: 150,
    });
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    const socket = connect((slow.address() as { port: number }).port, '127.0.0.1');
    let received = '';
    let repliedAt = 0;
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      repliedAt = performance.now();
    });
    const closed = new Promise<number>((resolve) => socket.on('close', () => resolve(performance.now())));
    socket.write(`GET /tracker/${passkey}/announce HTTP/1.1\r\nHost: t\r\n\r\n`);
    const closedAt = await closed;
    expect(received).toMatch(/^HTTP\/1\.1 200 [^]*d8:intervali1800ee$/);
    expect(closedAt - repliedAt).toBeGreaterThanOrEqual(100);
    await new Promise((resolve) => slow.close(resolve));
  });

  it('closes idle keep-alive connections when the server closes', async () => {
    const other = createFrontDoor({ serve: f.tracker.serve, fallback: createServer() });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const otherPort = (other.address() as { port: number }).port;
    const socket = connect(otherPort, '127.0.0.1');
    const ended = new Promise((resolve) => socket.on('end', resolve));
    socket.write(`GET /tracker/${passkey}/nowhere HTTP/1.1\r\nHost: t\r\n\r\n`);
    await new Promise((resolve) => socket.once('data', resolve));
    const closed = new Promise((resolve) => other.close(resolve));
    await ended;
    socket.destroy();
    await closed;
    expect(other.listening).toBe(false);
  });
});
