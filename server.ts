import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import next from 'next';
import { CLIENT_IP_HEADER } from '@/lib/auth/client-ip';
import type { Env } from '@/lib/env';
import { actionDestination, readActionPages, type ActionPages } from '@/lib/http/action-pages';
import { serveWithUnavailableAnswer } from '@/lib/http/unavailable-response';
import { refuseUpgrades, type UpgradeHandler } from '@/lib/http/upgrades';
import { TRACKER_ELSEWHERE } from '@/lib/roles';
import { startAnnounceMinuteWriter } from '@/lib/services/announce-rate/announce-minute-writer';
import { flushTokenUsage } from '@/lib/services/api-tokens/usage-buffer';
import { startMailSender } from '@/lib/services/email/outbox';
import { startRatioThread } from '@/lib/services/ratio/ratio-thread';
import { startTrackerChangeListener } from '@/lib/shared-state/tracker-changes';
import { encodeFailure } from '@/lib/tracker';
import { createFrontDoor, createTracker, DEFAULT_TRACKER_SETTINGS } from '@/lib/tracker-server';
import { resolvePeerAddress } from '@/lib/tracker-server/peer-address';
import { isTrackerTarget } from '@/lib/tracker-server/route';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

interface Site {
  handle: Handler;
  /** The dev server's hot-reload WebSocket; every other upgrade request is refused (lib/http/upgrades.ts). */
  upgrade?: UpgradeHandler;
}

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
  const siteHandler: Site = env.role === 'all' ? await nextSite(options) : { handle: notFound };
  // Announces bypass Next.js entirely: a route handler would cap the tracker at a few thousand requests per second.
  const tracker = await createTracker({
    databaseUrl: env.databaseUrl,
    dataDir: env.dataDir,
    settings: { trustedProxy: env.trustedProxy, synchronous: env.trackerSynchronous },
  });

  // Announces per minute for the staff dashboard: counted in memory by the tracker, stored every few seconds.
  const announceMinutes = startAnnounceMinuteWriter({ take: () => tracker.takeAnnounceCounts() });
  const site = siteServer(env, siteHandler, (req, res) => tracker.handle(req, res));
  const server = createFrontDoor({ serve: tracker.serve, fallback: site });
  await new Promise<void>((resolve) => server.listen(env.port, env.host, resolve));
  // The tracker's caches hear of changes committed by any process (PostgreSQL; null on SQLite).
  const changes = startTrackerChangeListener();
  // Ratio enforcement: evaluates members the tracker reports and sweeps deadlines and seeding every 10 minutes,
  // on a thread of its own (its passes held the event loop for 10-40 ms at a time), in one process of the site.
  const ratioScheduler = startRatioThread();
  // Notification mail (SMTP_URL): queued in the outbox with each notification, sent from here. Every process may
  // run a sender (each mail is claimed by one of them), so mail goes while any process of the site is up.
  const mailSender = startMailSender();
  // Write the tracker's pending batch and fold the journal into the database before exiting.
  const shutdown = () => {
    void ratioScheduler.stop();
    mailSender.stop();
    void changes?.close();
    // API tokens' last-use times wait in memory for their batched write.
    void Promise.allSettled([tracker.close(), flushTokenUsage(), announceMinutes.stop()]).finally(() => process.exit(0));
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
  return server;
}

/** GIVEBACK_ROLE=web: the site alone; tracker URLs say the tracker runs elsewhere. */
async function startWebServer(options: { env: Env; dev: boolean; dir: string }): Promise<Server> {
  const { env } = options;
  const server = siteServer(env, await nextSite(options), trackerElsewhere);
  await new Promise<void>((resolve) => server.listen(env.port, env.host, resolve));
  const mailSender = startMailSender();
  const shutdown = () => {
    mailSender.stop();
    server.close(() => void flushTokenUsage().finally(() => process.exit(0)));
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
  return server;
}

function siteServer(env: Env, site: Site, tracker: Handler): Server {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    // Tracker requests the front door passed on (with a body, say) are still the tracker's.
    if (req.url !== undefined && isTrackerTarget(req.url)) return tracker(req, res);
    req.headers[CLIENT_IP_HEADER] = clientIp(req, env);
    site.handle(req, res);
  });
  refuseUpgrades(server, site.upgrade);
  return server;
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

async function nextSite(options: { env: Env; dev: boolean; dir: string }): Promise<Site> {
  // Next.js listens for upgrades on the server it is given here (by default, on the server of the first request
  // it serves, where it would keep every upgrade it does not recognise open forever). This one never listens: only
  // the dev server's hot-reload requests are passed on to it.
  const nextUpgrades = createServer();
  const app = next({ dev: options.dev, dir: options.dir, hostname: options.env.host, port: options.env.port, httpServer: nextUpgrades });
  await app.prepare();
  const handle = app.getRequestHandler();
  const upgrade: UpgradeHandler | undefined = options.dev
    ? (req, socket, head) => req.url?.startsWith('/_next/hmr') === true && nextUpgrades.emit('upgrade', req, socket, head)
    : undefined;
  let actionPages: ActionPages | undefined;
  return { handle: serveNext, upgrade };

  function serveNext(req: IncomingMessage, res: ServerResponse): void {
    // A server action posted to a page that does not use it: Next.js would relay it to the action's own page and
    // answer 200 whatever that page decided (lib/http/action-pages.ts). Refuse it as Next.js refuses an unknown one.
    const actionId = req.method === 'POST' ? req.headers['next-action'] : undefined;
    if (typeof actionId === 'string') {
      const pages = options.dev ? readActionPages(options.dir, true) : (actionPages ??= readActionPages(options.dir, false));
      const pathname = (req.url ?? '/').split('?')[0] ?? '/';
      if (actionDestination(pages, actionId, pathname) === 'elsewhere') {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'x-nextjs-action-not-found': '1', 'cache-control': 'no-store' });
        res.end('Server action not found on this page');
        return;
      }
    }
    // A page that failed because the database is busy or down answers 503 "try again", not a bare 500.
    serveWithUnavailableAnswer(req, res, () => handle(req, res)).catch((error: unknown) => {
      console.error('request failed', error instanceof Error ? error.message : error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('Internal error');
    });
  }
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
