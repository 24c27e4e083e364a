import 'server-only';
import { mkdirSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { databaseProvider } from '@/lib/db/provider';
import { sqlitePath } from '@/lib/env';
import { encodeFailure, looksLikeBrowser, SwarmStore } from '@/lib/tracker';
import { handleAnnounce } from './announce';
import { AnnounceCounter } from './announce-counter';
import type { FoldResult } from './journal/fold';
import { JournalFolder } from './journal/folder';
import { lockJournal } from './journal/lock';
import { RecordWriter } from './journal/records';
import { recoverJournal } from './journal/recovery';
import { defaultJournalDir } from './journal/segments';
import { JournalWriter } from './journal/writer';
import { BatchWriter, describe } from './batch-writer';
import type { TrackerContext } from './context';
import { Directory, type MemberInfo } from './directory';
import { expireStalePeers } from './expiry';
import { leechDecision } from './leech-decision';
import { loadPeers } from './load-peers';
import { trackerMessages } from './messages';
import { PasskeyRateLimit } from './passkey-rate-limit';
import { markRatioActivity, markSeedingActivity } from './ratio-activity';
import { resolvePeerAddress, type PeerAddress } from './peer-address';
import { sendBody } from './reply';
import { fromIncomingMessage, type TrackerReply, type TrackerRequest } from './request';
import { isPasskeyFormat, parseTrackerRoute, type TrackerRoute } from './route';
import { handleScrape } from './scrape';
import { resolveSettings, type TrackerSettings } from './settings';
import { isPending, openTrackerStore } from './store';

type FoundRoute = Extract<TrackerRoute, { ok: true }>;

export interface CreateTrackerOptions {
  /** The site's database, already migrated: `file:…` (SQLite) or `postgresql://…`. */
  databaseUrl: string;
  /**
   * Where the announce journal lives; default `<SQLite file>-tracker-journal`, or on PostgreSQL
   * `<dataDir>/tracker-journal`. Keep it on the tracker's own disk: it holds acknowledged announces until folded.
   */
  journalDir?: string;
  /** The site's DATA_DIR: on PostgreSQL the default journal lives there. */
  dataDir?: string;
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
  /**
   * Answers one `/tracker/...` request, whoever parsed it: `reply` is called exactly once with the bencoded body.
   * Never throws; every problem becomes a bencoded failure.
   */
  serve(request: TrackerRequest, reply: TrackerReply): void;
  /** serve() for a node:http request. */
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** Writes what is pending, folds the journal into the database and closes it. */
  close(): Promise<void>;
  /** Writes the pending batch now, then resolves once everything acknowledged so far is in the database. */
  flush(): Promise<void>;
  /** Runs the stale-peer sweep now (it also runs on a timer). */
  expireStalePeers(): number;
  /**
   * The announces answered since the last call, per UTC minute (start in epoch ms): what the site's per-minute
   * chart stores (lib/services/announce-rate).
   */
  takeAnnounceCounts(): Map<number, number>;
  stats(): { torrents: number; peers: number; pending: number; batches: number; journalSeq: number; appliedSeq: number };
}

/** The journal's default folder: beside the SQLite file, or in DATA_DIR when the database is a server. */
export function trackerJournalDir(databaseUrl: string, dataDir: string | undefined): string {
  if (databaseProvider(databaseUrl) === 'sqlite') return defaultJournalDir(sqlitePath(databaseUrl));
  if (dataDir === undefined) throw new Error('createTracker on PostgreSQL needs journalDir or dataDir');
  return path.join(dataDir, 'tracker-journal');
}

/**
 * The HTTP tracker of the site: a plain node:http handler (the Next.js stack would cap it at a few thousand
 * requests per second) over in-memory swarms. Accounting is group-committed to an append-only journal before
 * each reply (one write per batch) and folded into the database by a worker thread in large transactions; at
 * start, whatever the journal holds beyond the last fold is folded first, then the live peers are loaded and the
 * members and torrents they name are cached.
 */
export async function createTracker(options: CreateTrackerOptions): Promise<Tracker> {
  const settings = resolveSettings(options.settings);
  const now = options.now ?? Date.now;
  const log = options.log ?? ((line: string) => console.error(line));
  const { databaseUrl } = options;
  const journalDir = options.journalDir ?? trackerJournalDir(databaseUrl, options.dataDir);
  mkdirSync(journalDir, { recursive: true });
  const unlock = lockJournal(journalDir);
  const store = openTrackerStore(databaseUrl, { busyTimeoutMs: settings.busyTimeoutMs, log });
  const swarms = new SwarmStore(options.random);
  let recovered: Awaited<ReturnType<typeof recoverJournal>>;
  try {
    recovered = await recoverJournal({ databaseUrl, dir: journalDir, log });
    if (recovered.replayed > 0) log(`tracker: folded ${recovered.replayed} journaled announces left from the last run`);
    const loaded = loadPeers(await store.peers(), swarms, log);
    log(`tracker: loaded ${loaded} peers`);
  } catch (error) {
    await store.close();
    unlock();
    throw error;
  }
  const fsync = settings.synchronous === 'full';
  const journal = new JournalWriter({ dir: journalDir, nextSeq: recovered.nextSeq, segmentBytes: settings.journalSegmentBytes, fsync });
  const encoder = new RecordWriter();
  const folder = new JournalFolder(
    { databaseUrl, journalId: recovered.journalId, journalDir, intervalMs: settings.foldIntervalMs, busyTimeoutMs: settings.foldBusyTimeoutMs, roundBytes: settings.foldRoundBytes, lockBudgetMs: settings.foldLockBudgetMs, stepBytes: settings.foldStepBytes, fsync, nice: settings.foldNice, idle: settings.foldIdle, appliedSeq: recovered.appliedSeq },
    (result) => applied(result),
    log,
  );
  const batch = new BatchWriter({
    windowMs: settings.batchWindowMs,
    maxBatchSize: settings.maxBatchSize,
    log,
    commit: (records) => {
      if (records.length === 0) return Promise.resolve();
      encoder.reset();
      for (const r of records) encoder.write(r);
      return journal.durable(journal.append(encoder.bytes()));
    },
  });
  /** After each fold: ratio re-evaluation, and fresh caches if the site deleted rows. */
  function applied(result: FoldResult): void {
    // Credited bytes or seeding changed and are now in the database: the ratio scheduler re-evaluates them.
    for (const userId of result.users) markRatioActivity(userId);
    ctx.directory.forgetTotals(result.users);
    for (const userId of result.seeding) markSeedingActivity(userId);
    if (result.vanished) {
      log('tracker: journaled announces named a member or torrent that no longer exists; they were dropped');
      ctx.directory.clear();
    }
  }
  const ctx: TrackerContext = {
    settings, now, random: options.random ?? Math.random, log, swarms, batch,
    directory: new Directory(store, now, settings.cacheTtlSeconds * 1000),
    leechDecision: options.leechDecision ?? leechDecision,
    readFailed: (error) => {
      store.failed(error);
      log(`tracker: request failed: ${describe(error)}`);
    },
  };
  try {
    const warmed = await ctx.directory.warm();
    log(`tracker: cached ${warmed.members} members and ${warmed.torrents} torrents with live peers`);
  } catch (error) {
    // Only a head start: the first announces look them up instead.
    log(`tracker: could not cache the members and torrents with live peers: ${describe(error)}`);
  }
  try {
    // The expiry sweep below reads the site's announce interval.
    await ctx.directory.loadRules();
  } catch (error) {
    log(`tracker: could not read the site rules: ${describe(error)}`);
  }
  const announces = new AnnounceCounter();
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

  function fail(reply: TrackerReply, reason: string): void {
    reply.send(encodeFailure(reason, settings.minIntervalSeconds));
  }

  function dispatch(request: TrackerRequest, reply: TrackerReply): void {
    if (closed) return fail(reply, trackerMessages.unavailable);
    const route = parseTrackerRoute(request.url);
    if (!route.ok) return fail(reply, route.reason);
    if (request.method !== 'GET' && request.method !== 'HEAD') return fail(reply, trackerMessages.methodNotAllowed);
    if (looksLikeBrowser(request)) return fail(reply, trackerMessages.browser);
    const address = resolvePeerAddress(request, settings.trustedProxy);
    const nowMs = now();
    ctx.directory.refresh(nowMs);
    const { passkey } = route;
    const wellFormed = isPasskeyFormat(passkey);
    // A member the tracker knows is served even from an address that is blocked for guessing.
    const known = wellFormed ? ctx.directory.cachedMember(passkey) : undefined;
    if (known !== undefined) return withMember(known, route, address, reply, nowMs);
    if (limiter.blocked(address.ip, nowMs)) return fail(reply, trackerMessages.tooManyUnknownPasskeys);
    if (!wellFormed) return withMember(null, route, address, reply, nowMs);
    // A miss. On SQLite the answer comes at once; on PostgreSQL the request waits for it, off the event loop.
    // Few lookups per address run at once, the others wait their turn; an unknown passkey counts against the
    // address's limit when the answer comes.
    const start = () => {
      const found = ctx.directory.member(passkey);
      if (!isPending(found)) {
        limiter.lookupEnded(address.ip, passkey, nowMs);
        return withMember(found, route, address, reply, nowMs);
      }
      found.then(
        (m) => {
          limiter.lookupEnded(address.ip, passkey, now());
          if (closed) return fail(reply, trackerMessages.unavailable);
          withMember(m, route, address, reply, nowMs);
        },
        (error: unknown) => {
          limiter.lookupEnded(address.ip, passkey, now());
          ctx.readFailed(error);
          fail(reply, trackerMessages.unavailable);
        },
      ).catch((error: unknown) => {
        ctx.readFailed(error);
        fail(reply, trackerMessages.unavailable);
      });
    };
    const refuse = () => fail(reply, trackerMessages.tooManyUnknownPasskeys);
    if (!limiter.lookup(address.ip, passkey, start, refuse)) fail(reply, trackerMessages.unavailable);
  }

  function withMember(member: MemberInfo | null, route: FoundRoute, address: PeerAddress, reply: TrackerReply, nowMs: number): void {
    if (member === null) {
      limiter.recordFailure(address.ip, nowMs);
      return fail(reply, trackerMessages.unknownPasskey);
    }
    if (member.banned) return fail(reply, trackerMessages.banned);
    if (route.kind === 'scrape') return handleScrape(ctx, route.query, reply);
    announces.count(nowMs);
    handleAnnounce(ctx, { member, query: route.query, address, reply, nowMs });
  }

  function serve(request: TrackerRequest, reply: TrackerReply): void {
    try {
      dispatch(request, reply);
    } catch (error) {
      ctx.readFailed(error);
      fail(reply, trackerMessages.unavailable);
    }
  }

  return {
    serve,
    handle(req, res) {
      serve(fromIncomingMessage(req), {
        send(body) {
          try {
            sendBody(res, body);
          } catch {
            res.destroy();
          }
        },
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      batch.flush();
      journal.close();
      await folder.close();
      await store.close();
      unlock();
    },
    async flush() {
      batch.flush();
      await folder.waitFor(journal.lastSeq);
    },
    expireStalePeers: sweep,
    takeAnnounceCounts: () => announces.take(),
    stats: () => ({ ...swarms.stats, pending: batch.pending, batches: batch.batches, journalSeq: journal.lastSeq, appliedSeq: folder.appliedSeq }),
  };
}
