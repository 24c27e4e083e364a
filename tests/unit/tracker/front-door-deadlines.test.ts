import { connect, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFrontDoor } from '@/lib/tracker-server';
import { closeServer, listenOn, plainServer } from '@/tests/helpers/raw-http';

/**
 * A connection costs the server a descriptor; no client holds one for free. The head deadline here is small so the
 * tests are quick; a client trickles a byte every 40 ms, well inside the idle timeout, so only the head deadline
 * can close its connection. (A head that arrives in pieces within its deadline is read: front-door.test.ts.)
 */
const PATH = '/tracker/0123456789abcdef0123456789abcdef/announce?port=1';
let door: Server;
let port: number;

beforeAll(async () => {
  door = createFrontDoor({
    serve: (_request, reply) => reply.send(Buffer.from('door')),
    fallback: plainServer('node'),
    idleTimeoutMs: 10_000,
    headTimeoutMs: 300,
  });
  port = await listenOn(door);
});

afterAll(() => closeServer(door));

interface Trickle {
  received: string;
  /** The server closed the connection before the trickled bytes ran out. */
  closedEarly: boolean;
}

/** Sends `first` at once, then `rest` one byte every 40 ms until the server closes the connection or it runs out. */
function trickle(first: string, rest: string): Promise<Trickle> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    let sent = 0;
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
    socket.on('error', () => {});
    const timer = setInterval(() => {
      if (sent === rest.length) {
        clearInterval(timer);
        socket.destroy();
        resolve({ received, closedEarly: false });
        return;
      }
      if (!socket.destroyed) socket.write(rest[sent++] as string);
    }, 40);
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ received, closedEarly: sent < rest.length });
    });
    socket.write(first);
  });
}

/** Far longer to trickle (200 bytes, 8 s) than the head deadline allows. */
const endlessHeader = `X-Slow: ${'a'.repeat(200)}\r\n\r\n`;

describe('a request head has a deadline', () => {
  it('answers 408 and closes a connection whose first head trickles in', async () => {
    const { received, closedEarly } = await trickle(`GET ${PATH} HTTP/1.1\r\nHost: t\r\n`, endlessHeader);
    expect(closedEarly).toBe(true);
    expect(received).toBe('HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n');
  });

  it('counts from the first byte of a head that comes after a reply on the same connection', async () => {
    const { received, closedEarly } = await trickle(`GET ${PATH} HTTP/1.1\r\nHost: t\r\n\r\nG`, `ET ${PATH} HTTP/1.1\r\nHost: t\r\n${endlessHeader}`);
    expect(closedEarly).toBe(true);
    expect(received).toMatch(/^HTTP\/1\.1 200 OK\r\n[^]*\r\n\r\ndoorHTTP\/1\.1 408 Request Timeout\r\nConnection: close\r\n\r\n$/);
  });

  it('also for the head of a site request, which node:http would only get once complete', async () => {
    const { received, closedEarly } = await trickle('GET /torrents HTTP/1.1\r\n', `Host: t\r\n${endlessHeader}`);
    expect(closedEarly).toBe(true);
    expect(received).toBe('HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n');
  });
});

/** Resolves once the front door holds no connection any more. */
async function serverLetGo(): Promise<void> {
  const count = () => new Promise<number>((resolve, reject) => door.getConnections((error, n) => (error ? reject(error) : resolve(n))));
  await expect.poll(count, { timeout: 5_000, interval: 20 }).toBe(0);
}

describe('a connection the server is done with is closed, not left half-open', () => {
  /**
   * A client that keeps its side open after the server ended its own, writing now and then; resolves once the
   * server's first bytes arrived.
   */
  function stubbornClient(request: string): Promise<{ socket: Socket; received: () => string }> {
    return new Promise((resolve) => {
      const socket = connect({ port, host: '127.0.0.1', allowHalfOpen: true });
      let received = '';
      socket.on('data', (chunk: Buffer) => {
        received += chunk.toString('latin1');
        resolve({ socket, received: () => received });
      });
      socket.on('error', () => {});
      const timer = setInterval(() => (socket.writable ? socket.write('x') : clearInterval(timer)), 40);
      socket.on('close', () => clearInterval(timer));
      socket.write(request);
    });
  }

  it('after a reply to a request that asked to close', async () => {
    const client = await stubbornClient(`GET ${PATH} HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n`);
    await serverLetGo();
    expect(client.received()).toMatch(/Connection: close\r\n\r\ndoor$/);
    client.socket.destroy();
  });

  it('after a 408', async () => {
    const client = await stubbornClient(`GET ${PATH} HTTP/1.1\r\n`);
    await serverLetGo();
    expect(client.received()).toBe('HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n');
    client.socket.destroy();
  });
});
