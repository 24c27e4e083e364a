import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';

/** Serves an upgrade request and returns true, or returns false to have it refused. */
export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => boolean;

const REFUSAL_TEXT = 'This server does not switch protocols (no WebSocket).\n';
const REFUSAL = Buffer.from(
  `HTTP/1.1 501 Not Implemented\r\nContent-Type: text/plain\r\nContent-Length: ${REFUSAL_TEXT.length}\r\nConnection: close\r\n\r\n${REFUSAL_TEXT}`,
  'latin1',
);
/** A client that does not read the refusal does not keep its connection either. */
const REFUSAL_DEADLINE_MS = 5_000;

/**
 * The site has no WebSocket or other protocol upgrade: every upgrade request (`Connection: Upgrade` with an
 * `Upgrade` header) that `pass` does not take (the dev server's hot reload) is answered 501 Not Implemented and
 * the connection closed, whatever its path (a tracker URL, `/_next/webpack-hmr`, a page).
 *
 * Without this, Next.js takes them: it listens for upgrades on the server of the first request it serves, and
 * leaves every upgrade it does not recognise open, unanswered and without any timeout (for a custom WebSocket
 * server that might want it), so each one held a descriptor for free. node:http stops its own timeouts on a
 * socket it hands to an 'upgrade' listener, hence the deadline here.
 */
export function refuseUpgrades(server: Server, pass?: UpgradeHandler): void {
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // node:http removed its error listener when it gave the socket away: a reset must not be an uncaught error.
    socket.on('error', () => socket.destroy());
    if (pass?.(req, socket, head) === true) return;
    const deadline = setTimeout(() => socket.destroy(), REFUSAL_DEADLINE_MS);
    deadline.unref();
    socket.once('close', () => clearTimeout(deadline));
    socket.end(REFUSAL, () => socket.destroy());
  });
}
