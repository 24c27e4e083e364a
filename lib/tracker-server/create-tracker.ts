import 'server-only';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { looksLikeBrowser, SwarmStore } from '@/lib/tracker';
import { handleAnnounce } from './announce';
import { Baselines } from './baselines';
import { BatchWriter, describe } from './batch-writer';
import { commitBatch } from './commit-batch';
import type { TrackerContext } from './context';
import { isConstraintError, TrackerDatabase } from './database';
import { Directory } from './directory';
import { expireStalePeers } from './expiry';
import { leechDecision } from './leech-decision';
import { loadPeers } from './load-peers';
import { trackerMessages } from './messages';
import { PasskeyRateLimit } from './passkey-rate-limit';
import { resolvePeerAddress } from './peer-address';
import { sendBody, sendFailure } from './reply';
import { isPasskeyFormat, parseTrackerRoute } from './route';
import { handleScrape } from './scrape';
import { resolveSettings, type TrackerSettings } from './settings';

export interface CreateTrackerOptions {
  /** Path of the site's SQLite file (already migrated). */
  databaseFile: string;
  settings?: Partial<TrackerSettings>;
  /** Clock in epoch milliseconds; injectable so tests never wait for intervals. */
  now?: () => number;
  /** [0, 1); interval jitter and peer rotation. */
  random?: () => number;
  log?: (line: string) => void;
  /** Replaces the download permission rule; for tests of the refusal path. */
  leechDecision?: typeof leechDecision;
}

export interface Tracker {
  /** Answers one `/tracker/...` request. Never throws; every problem becomes a bencoded failure. */
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** Commits what is pending and closes the database. */
  close(): Promise<void>;
  /** Commits the pending batch now instead of at the end of its window. */
  flush(): void;
  /** Runs the stale-peer sweep now (it also runs on a timer). */
  expireStalePeers(): number;
  stats(): { torrents: number; peers: number; pending: number; batches: number };
}

/**
 * The HTTP tracker of the site: a plain node:http handler (the Next.js stack would cap it at a few thousand
 * requests per second) over in-memory swarms, with accounting group-committed to SQLite before replies.
 */
export function createTracker(options: CreateTrackerOptions): Tracker {
  const settings = resolveSettings(options.settings);
  const now = options.now ?? Date.now;
  const log = options.log ?? ((line: string) => console.error(line));
  const database = new TrackerDatabase(options.databaseFile, settings.busyTimeoutMs, settings.synchronous);
  const swarms = new SwarmStore(options.random);
  const baselines = new Baselines();
  const loaded = loadPeers(database.get(), swarms, baselines, log);
  log(`tracker: loaded ${loaded} peers`);
  const batch = new BatchWriter({
    windowMs: settings.batchWindowMs,
    maxBatchSize: settings.maxBatchSize,
    log,
    commit: (effects) => {
      try {
        const result = commitBatch(database.get(), effects, (id) => swarms.counts(id));
        for (const [torrentId, n] of result.snatches) ctx.directory.addSnatches(torrentId, n);
      } catch (error) {
        database.failed(error);
        // A member or torrent deleted by the site while cached: reload them so the next announce is refused
        // instead of failing its batch again.
        if (isConstraintError(error)) ctx.directory.clear();
        throw error;
      }
    },
  });
  const ctx: TrackerContext = {
    settings, now, random: options.random ?? Math.random, log, swarms, baselines, batch,
    directory: new Directory(database, now, settings.cacheTtlSeconds * 1000),
    leechDecision: options.leechDecision ?? leechDecision,
  };
  const limiter = new PasskeyRateLimit(settings.unknownPasskeyLimit, settings.unknownPasskeyWindowSeconds * 1000);
  const sweep = () => {
    try {
      return expireStalePeers(ctx);
    } catch (error) {
      log(`tracker: expiry failed: ${describe(error)}`);
      return 0;
    }
  };
  sweep();
  const timer = setInterval(sweep, settings.expiryCheckSeconds * 1000);
  timer.unref();
  let closed = false;

  function dispatch(req: IncomingMessage, res: ServerResponse): void {
    const fail = (reason: string) => sendFailure(res, reason, settings.minIntervalSeconds);
    if (closed) return fail(trackerMessages.unavailable);
    const route = parseTrackerRoute(req.url ?? '');
    if (!route.ok) return fail(route.reason);
    if (req.method !== 'GET' && req.method !== 'HEAD') return fail(trackerMessages.methodNotAllowed);
    const headers = req.headers;
    if (looksLikeBrowser({ userAgent: headers['user-agent'], acceptLanguage: headers['accept-language'], referer: headers.referer })) {
      return fail(trackerMessages.browser);
    }
    const address = resolvePeerAddress(req, settings.trustedProxy);
    const nowMs = now();
    if (limiter.blocked(address.ip, nowMs)) return fail(trackerMessages.tooManyUnknownPasskeys);
    ctx.directory.refresh();
    const member = isPasskeyFormat(route.passkey) ? ctx.directory.member(route.passkey) : null;
    if (member === null) {
      limiter.recordFailure(address.ip, nowMs);
      return fail(trackerMessages.unknownPasskey);
    }
    if (member.banned) return fail(trackerMessages.banned);
    const send = (body: Uint8Array) => sendBody(res, body);
    if (route.kind === 'scrape') return handleScrape(ctx, route.query, send, fail);
    handleAnnounce(ctx, { member, query: route.query, address, send, fail });
  }

  return {
    handle(req, res) {
      try {
        dispatch(req, res);
      } catch (error) {
        database.failed(error);
        log(`tracker: request failed: ${describe(error)}`);
        try {
          sendFailure(res, trackerMessages.unavailable, settings.minIntervalSeconds);
        } catch {
          res.destroy();
        }
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      batch.flush();
      database.close();
    },
    flush: () => batch.flush(),
    expireStalePeers: sweep,
    stats: () => ({ ...swarms.stats, pending: batch.pending, batches: batch.batches }),
  };
}
