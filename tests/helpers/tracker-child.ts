import { createServer } from 'node:http';
import { createFrontDoor, createTracker } from '@/lib/tracker-server';

/**
 * A tracker in its own process for the crash test: `tracker-child.ts <database URL> <data dir>`. Prints `listening <port>`
 * once it accepts requests; the test kills it with SIGKILL.
 */
const [databaseUrl, dataDir] = process.argv.slice(2);
if (databaseUrl === undefined) throw new Error('usage: tracker-child.ts <database URL> <data dir>');
// Folds once a minute: the crash test kills it with everything acknowledged still only in the journal.
const tracker = await createTracker({ databaseUrl, dataDir, settings: { minIntervalSeconds: 0, foldIntervalMs: 60_000 }, log: () => {} });
const server = createFrontDoor({ serve: tracker.serve, fallback: createServer((req, res) => tracker.handle(req, res)) });
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`listening ${typeof address === 'object' && address !== null ? address.port : 0}\n`);
});
