import { execFileSync } from 'node:child_process';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { databaseProvider } from '@/lib/db/provider';
import { sqlitePath } from '@/lib/env';
import { niceCurrentThread } from '@/lib/thread-priority';
import { describe } from '../batch-writer';
import { isBusyError } from '../database';
import { foldBatches, rememberLivePeerRows } from './fold';
import { JournalReader, type JournalBatch } from './reader';
import { nextRoundBytes } from './round-size';
import type { FolderMessage, WorkerOptions, WorkerRequest } from './worker-protocol';

/**
 * The journal fold worker: every `intervalMs` (or when asked) it reads the frames the tracker appended since
 * the last round and folds them into SQLite in one transaction on its own connection, off the event loop of
 * the tracker. A busy or failing database only delays the fold: the batches stay pending and are offered
 * again next round; the journal keeps them meanwhile.
 */
const options = workerData as WorkerOptions;
const port = parentPort;
if (port === null) throw new Error('worker.ts runs as a worker thread');
const post = (m: FolderMessage) => port.postMessage(m);
const log = (line: string) => post({ type: 'log', line });
const reader = new JournalReader(options.journalDir, log);
let db: Database.Database | null = null;
let pending: JournalBatch[] = [];
let timer: NodeJS.Timeout | null = null;
let lastError = '';
/** This round's journal budget: options.roundBytes, less after rounds that held the write lock too long. */
let roundBytes = options.roundBytes;
const MIN_ROUND_BYTES = 256 * 1024;
const CATCH_UP_PAUSE_MS = 50;

function connection(): Database.Database {
  if (db !== null) return db;
  const opened = new Database(sqlitePath(options.databaseUrl), { fileMustExist: true, timeout: options.busyTimeoutMs });
  opened.pragma('journal_mode = WAL');
  opened.pragma(`synchronous = ${options.fsync ? 'FULL' : 'NORMAL'}`);
  opened.pragma('foreign_keys = ON');
  // Folds touch pages all over Peer and UserTorrent: keep them cached and memory-mapped (upper bounds only).
  opened.pragma('cache_size = -131072');
  opened.pragma('mmap_size = 1073741824');
  // Checkpoint less often, so a page that successive folds dirty is copied into the database once.
  opened.pragma('wal_autocheckpoint = 16384');
  try {
    rememberLivePeerRows(opened);
  } catch (error) {
    // Only a head start: folds learn the row ids as they go.
    log(`tracker journal: could not load the live peers' row ids: ${describe(error)}`);
  }
  db = opened;
  return opened;
}

/** One round: folds what was appended since the last one (up to the reader's budget); returns the applied seq. */
function fold(): number | null {
  try {
    // Batches a round left for later count against this round's budget, so a starved fold reads no further ahead.
    const pendingBytes = bytesOf(pending);
    if (pendingBytes < roundBytes) for (const b of reader.read(true, roundBytes - pendingBytes)) pending.push(b);
    const idle = pending.length === 0;
    // The round's wall time: its hold of the write lock (plus any wait for a site write to release it). In the
    // idle class on a busy core this is mostly time without CPU (a priority inversion: the site's writers wait on
    // a thread the event loop starves). The fold itself stops at the budget (FoldLimit); a next round that is
    // smaller keeps the rounds after a starved one within it too.
    const began = performance.now();
    const result = foldBatches(connection(), pending, { budgetMs: options.lockBudgetMs, stepBytes: options.stepBytes });
    const heldMs = performance.now() - began;
    const rest = pending.filter((b) => b.seq > result.appliedSeq);
    roundBytes = nextRoundBytes({
      current: roundBytes, min: Math.min(MIN_ROUND_BYTES, options.roundBytes), max: options.roundBytes,
      foldedBytes: bytesOf(pending) - bytesOf(rest), heldMs, budgetMs: options.lockBudgetMs,
    });
    pending = rest;
    // Segments read to their end are deleted only once nothing read from them waits to be folded.
    if (pending.length === 0) reader.prune();
    lastError = '';
    post({ type: 'applied', ...result });
    if (idle) checkpoint();
    return result.appliedSeq;
  } catch (error) {
    const text = describe(error);
    // Log a failure once per kind, not every round while it lasts.
    if (text !== lastError) log(`tracker journal: fold failed, will retry: ${text}`);
    lastError = text;
    if (!isBusyError(error) && db !== null) {
      try {
        db.close();
      } catch {
        // unusable already
      }
      db = null;
    }
    return null;
  }
}

function bytesOf(batches: readonly JournalBatch[]): number {
  let n = 0;
  for (const b of batches) n += b.payload.length;
  return n;
}

/**
 * A round with nothing to fold copies what the WAL holds into the database (PASSIVE: it waits for no one). The
 * site's connection never checkpoints (lib/db/sqlite-adapter.ts), and after a fold this connection does only
 * past wal_autocheckpoint, so without this a quiet tracker would leave the site's writes in the WAL for good.
 */
function checkpoint(): void {
  connection().pragma('wal_checkpoint(PASSIVE)');
}

/** Rounds until `upTo` is applied, or a round fails or adds nothing (a skipped torn frame never arrives). */
function foldUntil(upTo: number): void {
  let applied = -1;
  for (;;) {
    const now = fold();
    if (now === null || now >= upTo || now === applied) return;
    applied = now;
  }
}

/**
 * Every `intervalMs`; but while a round stops at its byte budget or its lock budget (the fold is behind, e.g.
 * under sustained load) the next round follows after CATCH_UP_PAUSE_MS, so the fold uses the CPU the event loop
 * leaves idle instead of sleeping on a backlog. The pause between rounds lets the site's writers (waiting on the
 * database lock with SQLite's busy handler) in.
 */
function schedule(delayMs = options.intervalMs): void {
  timer = setTimeout(() => {
    const applied = fold();
    const behind = reader.more || pending.length > 0;
    schedule(applied !== null && behind ? Math.min(CATCH_UP_PAUSE_MS, options.intervalMs) : options.intervalMs);
  }, delayMs);
}

const folds = databaseProvider(options.databaseUrl) === 'sqlite';
if (!folds) log('tracker journal: this build folds only into SQLite; announces stay in the journal');

port.on('message', (m: WorkerRequest) => {
  if (!folds) {
    if (m.type === 'close') {
      post({ type: 'closed', pending: 0 });
      port.close();
    }
  } else if (m.type === 'fold') {
    foldUntil(m.upTo);
  } else if (m.type === 'close') {
    if (timer !== null) clearTimeout(timer);
    foldUntil(Number.MAX_SAFE_INTEGER);
    db?.close();
    post({ type: 'closed', pending: pending.length });
    port.close();
  }
});
lowerPriority();
if (folds) schedule();
post({ type: 'ready' });

/**
 * Folding is background work on the tracker's core: it should use only the time the event loop leaves idle.
 * Linux names the thread in /proc/thread-self. In the idle class (`options.idle`, via util-linux `chrt`) the
 * scheduler preempts the fold as soon as the event loop wakes; the niceness, set first, is the fallback when that
 * fails. Elsewhere the worker keeps the process's priority.
 */
function lowerPriority(): void {
  const tid = niceCurrentThread(options.nice);
  if (tid === null || !options.idle) return; // not Linux: normal priority
  try {
    execFileSync('chrt', ['--idle', '--pid', '0', String(tid)], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 5000 });
  } catch (error) {
    log(`tracker journal: the fold worker stays at niceness ${options.nice}, not in the idle scheduling class: chrt failed (${describe(error)})`);
  }
}
