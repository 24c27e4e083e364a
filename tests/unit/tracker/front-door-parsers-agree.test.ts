import type { Server as HttpServer } from 'node:http';
import type { Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFrontDoor } from '@/lib/tracker-server';
import { closeServer, listenOn, plainServer, sendRaw, type RawReply } from '@/tests/helpers/raw-http';

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

beforeAll(async () => {
  behind = plainServer('node');
  door = createFrontDoor({ serve: (_request, reply) => reply.send(Buffer.from('door')), fallback: behind });
  plain = plainServer('node');
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
  });
});
