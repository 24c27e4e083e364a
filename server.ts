import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import next from 'next';
import { CLIENT_IP_HEADER } from '@/lib/auth/client-ip';
import { sqlitePath, type Env } from '@/lib/env';
import { serveWithUnavailableAnswer } from '@/lib/http/unavailable-response';
import { startRatioThread } from '@/lib/services/ratio/ratio-thread';
import { createFrontDoor, createTracker } from '@/lib/tracker-server';

/**
 * One process, one port: the tracker's front door answers plain `/tracker/*` requests itself and hands every
 * other connection to node:http, where Next.js serves the site. The client's address is taken from the socket
 * and handed to Next.js in a header that the client cannot set (any incoming value is overwritten).
 */
export async function startServer(options: { env: Env; dev: boolean; dir: string }) {
  const { env } = options;
  const app = next({ dev: options.dev, dir: options.dir, hostname: env.host, port: env.port });
  await app.prepare();
  const handle = app.getRequestHandler();
  // GIVEBACK_ROLE=web serves the site alone, without the tracker and the ratio scheduler (which need SQLite).
  const webOnly = process.env.GIVEBACK_ROLE === 'web';
  // Announces bypass Next.js entirely: a route handler would cap the tracker at a few thousand requests per second.
  const tracker = webOnly ? null : createTracker({
    databaseFile: sqlitePath(env.databaseUrl),
    settings: { trustedProxy: env.trustedProxy, synchronous: env.trackerSynchronous },
  });

  const site = createServer((req: IncomingMessage, res: ServerResponse) => {
    // Tracker requests the front door passed on (with a body, say) are still the tracker's.
    if (tracker && req.url?.startsWith('/tracker/')) return tracker.handle(req, res);
    req.headers[CLIENT_IP_HEADER] = req.socket.remoteAddress ?? 'unknown';
    serveWithUnavailableAnswer(req, res, () => handle(req, res)).catch((error: unknown) => {
      console.error('request failed', error instanceof Error ? error.message : error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('Internal error');
    });
  });
  if (!tracker) {
    await new Promise<void>((resolve) => site.listen(env.port, env.host, resolve));
    return site;
  }
  const server = createFrontDoor({ serve: tracker.serve, fallback: site });
  await new Promise<void>((resolve) => server.listen(env.port, env.host, resolve));
  // Ratio enforcement: evaluates members the tracker reports and sweeps deadlines and seeding every 10 minutes,
  // on a thread of its own (its passes held the event loop for 10-40 ms at a time).
  const ratioScheduler = startRatioThread();
  // Write the tracker's pending batch and fold the journal into the database before exiting.
  const shutdown = () => {
    void ratioScheduler.stop();
    tracker.close().finally(() => process.exit(0));
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
  return server;
}
