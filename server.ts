import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import next from 'next';
import { CLIENT_IP_HEADER } from '@/lib/auth/client-ip';
import type { Env } from '@/lib/env';
import { serveWithUnavailableAnswer } from '@/lib/http/unavailable-response';
import { TRACKER_ELSEWHERE } from '@/lib/roles';
import { flushTokenUsage } from '@/lib/services/api-tokens/usage-buffer';
import { startRatioThread } from '@/lib/services/ratio/ratio-thread';
import { startTrackerChangeListener } from '@/lib/shared-state/tracker-changes';
import { encodeFailure } from '@/lib/tracker';
import { createFrontDoor, createTracker, DEFAULT_TRACKER_SETTINGS } from '@/lib/tracker-server';
import { resolvePeerAddress } from '@/lib/tracker-server/peer-address';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * One process, one port. By GIVEBACK_ROLE:
 * - `all` (default): the tracker's front door answers plain `/tracker/*` requests itself and hands every other
 *   connection to node:http, where Next.js serves the site; the ratio scheduler runs on a thread of its own;
 * - `web`: Next.js only (several of them behind a proxy); tracker URLs get a bencoded failure saying where it runs;
 * - `tracker`: the front door, the tracker, its fold and the ratio scheduler; anything else is a plain 404.
 * The client's address is taken from the socket and handed to Next.js in a header that the client cannot set (any
 * incoming value is overwritten).
 */
export async function startServer(options: { env: Env; dev: boolean; dir: string }) {
  const { env } = options;
  if (env.role === 'web') return startWebServer(options);
  const siteHandler = env.role === 'all' ? await nextHandler(options) : notFound;
  // Announces bypass Next.js entirely: a route handler would cap the tracker at a few thousand requests per second.
  const tracker = await createTracker({
    databaseUrl: env.databaseUrl,
    dataDir: env.dataDir,
    settings: { trustedProxy: env.trustedProxy, synchronous: env.trackerSynchronous },
  });

  const site = siteServer(env, siteHandler, (req, res) => tracker.handle(req, res));
  const server = createFrontDoor({ serve: tracker.serve, fallback: site });
  await new Promise<void>((resolve) => server.listen(env.port, env.host, resolve));
  // The tracker's caches hear of changes committed by any process (PostgreSQL; null on SQLite).
  const changes = startTrackerChangeListener();
  // Ratio enforcement: evaluates members the tracker reports and sweeps deadlines and seeding every 10 minutes,
  // on a thread of its own (its passes held the event loop for 10-40 ms at a time), in one process of the site.
  const ratioScheduler = startRatioThread();
  // Write the tracker's pending batch and fold the journal into the database before exiting.
  const shutdown = () => {
    void ratioScheduler.stop();
    void changes?.close();
    // API tokens' last-use times wait in memory for their batched write.
    void Promise.allSettled([tracker.close(), flushTokenUsage()]).finally(() => process.exit(0));
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
  return server;
}

/** GIVEBACK_ROLE=web: the site alone; tracker URLs say the tracker runs elsewhere. */
async function startWebServer(options: { env: Env; dev: boolean; dir: string }): Promise<Server> {
  const { env } = options;
  const server = siteServer(env, await nextHandler(options), trackerElsewhere);
  await new Promise<void>((resolve) => server.listen(env.port, env.host, resolve));
  const shutdown = () => server.close(() => void flushTokenUsage().finally(() => process.exit(0)));
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
  return server;
}

function siteServer(env: Env, site: Handler, tracker: Handler): Server {
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    // Tracker requests the front door passed on (with a body, say) are still the tracker's.
    if (req.url?.startsWith('/tracker/')) return tracker(req, res);
    req.headers[CLIENT_IP_HEADER] = clientIp(req, env);
    site(req, res);
  });
}

/**
 * The address login and registration limits count by: the socket's, or behind a proxy TRUSTED_PROXY names, the
 * hop it appended to X-Forwarded-For (web processes behind nginx would otherwise all see nginx's one address).
 */
function clientIp(req: IncomingMessage, env: Env): string {
  const forwarded = req.headers['x-forwarded-for'];
  const forwardedFor = Array.isArray(forwarded) ? forwarded.join(',') : forwarded;
  const socketIp = req.socket.remoteAddress;
  return socketIp === undefined ? 'unknown' : resolvePeerAddress({ remoteAddress: socketIp, forwardedFor }, env.trustedProxy).ip;
}

async function nextHandler(options: { env: Env; dev: boolean; dir: string }): Promise<Handler> {
  const app = next({ dev: options.dev, dir: options.dir, hostname: options.env.host, port: options.env.port });
  await app.prepare();
  const handle = app.getRequestHandler();
  return (req, res) => {
    // A page that failed because the database is busy or down answers 503 "try again", not a bare 500.
    serveWithUnavailableAnswer(req, res, () => handle(req, res)).catch((error: unknown) => {
      console.error('request failed', error instanceof Error ? error.message : error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('Internal error');
    });
  };
}

function trackerElsewhere(_req: IncomingMessage, res: ServerResponse): void {
  const body = encodeFailure(TRACKER_ELSEWHERE, DEFAULT_TRACKER_SETTINGS.minIntervalSeconds);
  res.writeHead(200, { 'content-type': 'text/plain', 'content-length': body.length, 'cache-control': 'no-store' });
  res.end(body);
}

function notFound(_req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(404, { 'content-type': 'text/plain' });
  res.end('Not found: this process serves only the tracker (/tracker/...)');
}
