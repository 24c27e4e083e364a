import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSite, type RunningSite } from '../helpers/server';

/**
 * The site serves no WebSocket: an upgrade request is refused at once and its connection closed, whatever the path
 * and whether it is the first request of its connection (read by the front door) or a later one (read by
 * node:http). Next.js alone kept them all open without an answer, each holding a descriptor of the server.
 */
const REFUSAL = 'HTTP/1.1 501 Not Implemented\r\nContent-Type: text/plain\r\nContent-Length: 54\r\nConnection: close\r\n\r\nThis server does not switch protocols (no WebSocket).\n';
const upgrade = (path: string) =>
  `GET ${path} HTTP/1.1\r\nHost: t\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`;
const PATHS = ['/tracker/0123456789abcdef0123456789abcdef/announce?port=1', '/_next/webpack-hmr', '/_next/hmr', '/'];
/** Long enough for any answer on a loaded machine; what the server held, it held for minutes. */
const PATIENCE_MS = 20_000;

/**
 * Sends `first` (if any) and waits for its whole reply, then sends `then`, and collects what comes back until the
 * server closes the connection, keeping our side open as a WebSocket client would.
 */
function exchange(port: number, first: string | null, then: string): Promise<{ received: string; closedByServer: boolean }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    let sentThen = first === null;
    const giveUp = setTimeout(() => {
      socket.destroy();
      resolve({ received, closedByServer: false });
    }, PATIENCE_MS);
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      if (!sentThen && replyComplete(received)) {
        sentThen = true;
        socket.write(then);
      }
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(giveUp);
      resolve({ received, closedByServer: true });
    });
    socket.write(first ?? then);
  });
}

function replyComplete(text: string): boolean {
  const end = text.indexOf('\r\n\r\n');
  const length = /\r\ncontent-length: (\d+)/i.exec(text.slice(0, end));
  return end !== -1 && length !== null && text.length >= end + 4 + Number(length[1]);
}

describe.each([
  ['the whole site in one process, on SQLite', {}, 'sqlite'],
  ['a web process (GIVEBACK_ROLE=web), on PostgreSQL', { GIVEBACK_ROLE: 'web' }, 'postgres'],
] as const)('upgrade requests to %s', (_name, env, database) => {
  let site: RunningSite;
  beforeAll(async () => {
    site = await startSite(env, { database });
  });
  afterAll(async () => {
    await site?.stop();
  });

  it.each(PATHS)('refuses an upgrade to %s as the first request of a connection', async (path) => {
    const { received, closedByServer } = await exchange(site.port, null, upgrade(path));
    expect(received).toBe(REFUSAL);
    expect(closedByServer).toBe(true);
  });

  it.each(PATHS)('refuses an upgrade to %s after a site request on the same connection', async (path) => {
    const { received, closedByServer } = await exchange(site.port, 'GET /robots.txt HTTP/1.1\r\nHost: t\r\n\r\n', upgrade(path));
    expect(received.startsWith('HTTP/1.1 200 OK\r\n')).toBe(true);
    expect(received.endsWith(REFUSAL)).toBe(true);
    expect(closedByServer).toBe(true);
  });
});
