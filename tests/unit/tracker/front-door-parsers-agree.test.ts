import type { Server as HttpServer } from 'node:http';
import { connect, type Server } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFrontDoor } from '@/lib/tracker-server';
import { closeServer, listenOn, parseReplies, plainServer, sendRaw, type RawReply } from '@/tests/helpers/raw-http';

/**
 * The front door and node:http must refuse the same heads and agree on where every request ends: a head one of
 * them reads as two requests would let a client smuggle a request past the other. Each head is sent to the front
 * door (with a node:http server behind it, as in server.ts) and to a plain node:http server of the same Node.
 * Replies say who answered: `door` (the front door itself) or `node`.
 */
let door: Server;
let behind: HttpServer;
let plain: HttpServer;
let doorPort: number;
let plainPort: number;
/** The requests each side parsed (the front door's and the node:http server's behind it; the plain server's). */
const parsed = { door: [] as string[], plain: [] as string[] };

beforeAll(async () => {
  behind = plainServer('node', (method, url) => parsed.door.push(`${method} ${url}`));
  door = createFrontDoor({
    serve: (request, reply) => {
      parsed.door.push(`${request.method} ${request.url}`);
      reply.send(Buffer.from('door'));
    },
    fallback: behind,
  });
  plain = plainServer('node', (method, url) => parsed.plain.push(`${method} ${url}`));
  doorPort = await listenOn(door);
  plainPort = await listenOn(plain);
});

afterAll(async () => {
  await closeServer(door);
  await closeServer(plain);
});

const statuses = (replies: RawReply[]) => replies.map((r) => r.status);
const both = async (head: string) => ({ door: await sendRaw(doorPort, head), node: await sendRaw(plainPort, head) });

const PATH = '/tracker/0123456789abcdef0123456789abcdef/announce?info_hash=%AA&peer_id=x&port=1';
const smuggled = `GET ${PATH} HTTP/1.1\r\nHost: t\r\nX-Smuggled: yes\r\n\r\n`;

describe('heads node:http refuses, the front door refuses too', () => {
  it.each([
    ['a bare LF in a header value hiding a Content-Length (one request for node:http, two if read as CRLF lines)',
      `GET ${PATH} HTTP/1.1\r\nHost: t\r\nX-A: a\nContent-Length: ${smuggled.length}\r\n\r\n${smuggled}`],
    ['a bare LF ending a header line', `GET ${PATH} HTTP/1.1\r\nHost: t\nX-B: c\r\n\r\n`],
    ['bare LF line endings throughout', `GET ${PATH} HTTP/1.1\nHost: t\n\n`],
    ['a head ending in CRLF LF', `GET ${PATH} HTTP/1.1\r\nHost: t\r\n\n${smuggled}`],
    ['a bare CR in a header value', `GET ${PATH} HTTP/1.1\r\nHost: t\r\nX-A: a\rb\r\n\r\n`],
    ['a NUL in a header value', `GET ${PATH} HTTP/1.1\r\nHost: t\r\nX-A: a\0b\r\n\r\n`],
    ['a control character in a header value', `GET ${PATH} HTTP/1.1\r\nHost: t\r\nUser-Agent: a\x01b\r\n\r\n`],
    ['DEL in a header value', `GET ${PATH} HTTP/1.1\r\nHost: t\r\nX-A: a\x7fb\r\n\r\n`],
    ['HTTP/1.1 without Host', `GET ${PATH} HTTP/1.1\r\nUser-Agent: x\r\n\r\n`],
    ['whitespace between a header name and its colon', `GET ${PATH} HTTP/1.1\r\nHost : t\r\n\r\n`],
    ['a folded header line', `GET ${PATH} HTTP/1.1\r\nHost: t\r\nX-A: a\r\n b\r\n\r\n`],
    ['a header line without a colon', `GET ${PATH} HTTP/1.1\r\nHost: t\r\nX-A\r\n\r\n`],
    ['a header with an empty name', `GET ${PATH} HTTP/1.1\r\nHost: t\r\n: a\r\n\r\n`],
    ['Content-Length twice', `GET ${PATH} HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\nContent-Length: 0\r\n\r\n`],
    ['a non-ASCII byte in the target', `GET ${PATH}\xe9 HTTP/1.1\r\nHost: t\r\n\r\n`],
    ['a control character in the target', `GET ${PATH}\x01 HTTP/1.1\r\nHost: t\r\n\r\n`],
    ['a space after the version', `GET ${PATH} HTTP/1.1 \r\nHost: t\r\n\r\n`],
    ['an unknown version', `GET ${PATH} HTTP/1.2\r\nHost: t\r\n\r\n`],
    ['a lower-case method', `get ${PATH} HTTP/1.1\r\nHost: t\r\n\r\n`],
  ])('%s: 400 from both, one reply', async (_name, head) => {
    const { door: d, node: n } = await both(head);
    expect(statuses(n)).toEqual([400]);
    expect(statuses(d)).toEqual([400]);
    expect(d[0]?.headers['connection']).toBe('close');
  });
});

describe('valid heads: both accept, and the front door answers them itself', () => {
  it.each([
    ['a plain HTTP/1.1 announce', `GET ${PATH} HTTP/1.1\r\nHost: t\r\nUser-Agent: qBittorrent/5.0.0\r\n\r\n`, 1],
    ['HTTP/1.0 without Host', `GET ${PATH} HTTP/1.0\r\n\r\n`, 1],
    ['a tab and obs-text in header values', `GET ${PATH} HTTP/1.1\r\nHost: t\r\nX-A: a\tb\r\nUser-Agent: caf\xe9\r\n\r\n`, 1],
    ['an empty header value and no space after colons', `GET ${PATH} HTTP/1.1\r\nHost:t\r\nX-A:\r\n\r\n`, 1],
    ['Host twice', `GET ${PATH} HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n`, 1],
    ['Content-Length: 0', `GET ${PATH} HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n`, 1],
    ['two pipelined requests', `GET ${PATH} HTTP/1.1\r\nHost: t\r\n\r\n${smuggled}`, 2],
    ['a Connection header with several options', `GET ${PATH} HTTP/1.1\r\nHost: t\r\nConnection: TE, keep-alive\r\n\r\n${smuggled}`, 2],
    ['a head of 16 KiB', `GET ${PATH} HTTP/1.1\r\nHost: t\r\nX-Big: ${'a'.repeat(16_384 - PATH.length - 33)}\r\n\r\n`, 1],
  ])('%s', async (_name, head, count) => {
    const { door: d, node: n } = await both(head);
    expect(statuses(n)).toEqual(Array(count).fill(200));
    expect(d.map((r) => `${r.status} ${r.body}`)).toEqual(Array(count).fill('200 door'));
  });

  it('close the connection after a request that asks to, as node:http does', async () => {
    const head = `GET ${PATH} HTTP/1.1\r\nHost: t\r\nConnection: keep-alive, close\r\n\r\n${smuggled}`;
    const { door: d, node: n } = await both(head);
    expect(statuses(n)).toEqual([200]);
    expect(d.map((r) => r.body)).toEqual(['door']);
  });
});

describe('every byte in every place of a head', () => {
  const places: [string, (byte: string) => string][] = [
    ['the target', (b) => `GET ${PATH}${b}x HTTP/1.1\r\nHost: t\r\n\r\n${smuggled}`],
    ['a header name', (b) => `GET ${PATH} HTTP/1.1\r\nHost: t\r\nX-${b}y: 1\r\n\r\n${smuggled}`],
    ['a header value', (b) => `GET ${PATH} HTTP/1.1\r\nHost: t\r\nX-A: a${b}b\r\n\r\n${smuggled}`],
    ['the end of a header value', (b) => `GET ${PATH} HTTP/1.1\r\nHost: t\r\nX-A: a${b}\r\n\r\n${smuggled}`],
  ];
  it.each(places)('in %s, the front door and node:http give the same replies for all 256 bytes', async (_place, build) => {
    const disagreements: string[] = [];
    let answeredByDoor = 0;
    for (let byte = 0; byte < 256; byte++) {
      const { door: d, node: n } = await both(build(String.fromCharCode(byte)));
      if (statuses(d).join() !== statuses(n).join()) disagreements.push(`0x${byte.toString(16)}: door ${statuses(d)}, node ${statuses(n)}`);
      if (d[0]?.body === 'door') answeredByDoor++;
    }
    expect(disagreements).toEqual([]);
    // Not by passing everything on: the front door answers most of them itself.
    expect(answeredByDoor).toBeGreaterThan(60);
  }, 60_000);
});

/** Like sendRaw, in pieces written one event-loop turn apart (so the front door reads heads split anywhere). */
function sendInPieces(port: number, bytes: Buffer, cuts: number[]): Promise<RawReply[]> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    socket.setNoDelay(true);
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('close', () => resolve(parseReplies(Buffer.concat(chunks).toString('latin1'))));
    socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' || error.code === 'EPIPE' ? undefined : reject(error)));
    void (async () => {
      let at = 0;
      for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
        if (cut <= at || cut >= bytes.length) continue;
        socket.write(bytes.subarray(at, cut));
        at = cut;
        await new Promise((r) => setImmediate(r));
      }
      socket.end(bytes.subarray(at));
    })();
  });
}

describe('random damage to valid heads', () => {
  const bases = [
    `GET ${PATH} HTTP/1.1\r\nHost: t\r\nUser-Agent: qBittorrent/5.0.0\r\nAccept-Encoding: gzip\r\n\r\n`,
    `GET ${PATH} HTTP/1.1\r\nHost: t\r\n\r\n${smuggled}`,
    `GET ${PATH} HTTP/1.0\r\nConnection: keep-alive\r\n\r\n${smuggled}`,
  ];
  const bytes = ['\0', '\x01', '\t', '\n', '\r', ' ', ':', ',', '\x7f', '\x80', '\xff', 'a', '\r\n'];
  const lines = ['Content-Length: 0', 'Content-Length: 5', 'Transfer-Encoding: chunked', 'Host: x', 'Connection: close',
    'Connection: upgrade', 'Upgrade: websocket', 'Expect: 100-continue', ' folded', 'X-A: a\nb', 'X-A:'];
  const damage = fc.oneof(
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom(...bytes) }),
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), text: fc.constant('') }),
    fc.record({ kind: fc.constant('line' as const), at: fc.nat(), text: fc.constantFrom(...lines) }),
  );

  /**
   * The front door never reads a request node:http would not have read at the same place (what it parsed is the
   * start of what node:http parsed), and answers every request node:http answers. Not more strictly: node:http
   * parses pipelined requests it then never answers (after one that closes the connection, or when a later one in
   * the same read is malformed and it drops the connection while a reply is under way).
   */
  it('reads no request node:http would not read and answers all it answers, whole or in pieces', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...bases), fc.array(damage, { minLength: 1, maxLength: 3 }), fc.array(fc.nat({ max: 400 }), { maxLength: 4 }), async (base, damages, cuts) => {
        let head = base;
        for (const d of damages) {
          const at = d.at % (head.length + 1);
          if (d.kind === 'insert') head = head.slice(0, at) + d.text + head.slice(at);
          else if (d.kind === 'delete') head = head.slice(0, at) + head.slice(at + 1);
          else {
            const lineStart = head.indexOf('\r\n', at % head.length);
            if (lineStart !== -1) head = `${head.slice(0, lineStart + 2)}${d.text}\r\n${head.slice(lineStart + 2)}`;
          }
        }
        parsed.plain.length = 0;
        const node = statuses(await sendRaw(plainPort, head)).filter((s) => s !== 400);
        for (const send of [() => sendRaw(doorPort, head), () => sendInPieces(doorPort, Buffer.from(head, 'latin1'), cuts)]) {
          parsed.door.length = 0;
          const door = statuses(await send());
          expect(parsed.door).toEqual(parsed.plain.slice(0, parsed.door.length));
          expect(door.slice(0, node.length)).toEqual(node);
        }
      }),
      { numRuns: 300 },
    );
  }, 120_000);
});
