/**
 * Target (a): the tracker as server.ts runs it (createTracker behind its front door, `/tracker/*` only, and the
 * ratio scheduler, which reads and writes the same database on a thread of the same process; the Next.js half of
 * server.ts is left out because it plays no part in an announce; `BENCH_NO_RATIO=1` leaves the scheduler out too), plus
 * `GET /bench/drain`, which answers
 * once the fold worker has moved every acknowledged announce into SQLite. Started by main.ts:
 * node --expose-gc --single-threaded-gc --import tsx --import ./scripts/server-only-shim.mjs ours-server.ts <db> <normal|full> [window ms]
 * Prints one JSON line `{ port, pid, peers, bytesPerPeer }` when ready (bytes of heap plus array buffers, where the peers
 * live); SIGTERM commits and exits.
 */
import { createServer } from 'node:http';
import path from 'node:path';
import { createFrontDoor, createTracker, type TrackerSynchronous } from '@/lib/tracker-server';

const [file, mode = 'normal', window] = process.argv.slice(2);
if (file === undefined || (mode !== 'normal' && mode !== 'full')) throw new Error('usage: ours-server.ts <db> <normal|full> [window ms]');
// <db> is a SQLite file or a PostgreSQL URL. The site's database client (the ratio scheduler's) opens the same
// database, as in server.ts.
const databaseUrl = /^postgres(ql)?:\/\//.test(file) ? file : `file:${path.resolve(file)}`;
process.env.DATABASE_URL = databaseUrl;
// On PostgreSQL the journal goes to DATA_DIR, as server.ts puts it.
const dataDir = process.env.DATA_DIR ?? path.resolve('data');
const { startRatioThread } = await import('@/lib/services/ratio/ratio-thread');
const synchronous: TrackerSynchronous = mode;
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const used = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
const before = used();
// minIntervalSeconds 0: every re-announce gets a full peer list (a too-soon reply carries none and is cheaper).
const settings = { minIntervalSeconds: 0, synchronous, ...(window === undefined ? {} : { batchWindowMs: Number(window) }) };
const tracker = await createTracker({ databaseUrl, dataDir, settings, log: (l) => console.error(l) });
gc?.();
const peers = tracker.stats().peers;
const bytesPerPeer = gc === undefined ? null : Math.round((used() - before) / peers);

const site = createServer((req, res) => {
  if (req.url?.startsWith('/tracker/')) return tracker.handle(req, res);
  // After a measured run: how long until everything acknowledged is folded into the database (see main.ts).
  if (req.url === '/bench/drain') {
    const t0 = performance.now();
    const { journalSeq, appliedSeq } = tracker.stats();
    void tracker.flush().then(() => {
      res.end(JSON.stringify({ drainMs: performance.now() - t0, behindBatches: journalSeq - appliedSeq }));
    });
    return;
  }
  res.writeHead(404).end();
});
const server = createFrontDoor({ serve: tracker.serve, fallback: site });
// As server.ts: ratio enforcement evaluates the members the tracker reports (every 15 s) and sweeps everyone.
const ratio = process.env.BENCH_NO_RATIO === '1' ? null : startRatioThread({ log: (l) => console.error(l) });
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  process.stdout.write(`${JSON.stringify({ port, pid: process.pid, peers, bytesPerPeer })}\n`);
});
process.once('SIGTERM', () => {
  void ratio?.stop();
  const { batches } = tracker.stats();
  tracker.close().finally(() => {
    process.stderr.write(`ours(${mode}): ${batches} batches\n`);
    process.exit(0);
  });
});
