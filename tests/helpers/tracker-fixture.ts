import type { Server } from 'node:net';
import { createTracker, type CreateTrackerOptions, type Tracker, type TrackerSettings } from '@/lib/tracker-server';
import { useTestDatabase, type TestDatabase } from './db';
import { announceQuery, getDict, listen, TrackerRows, type AnnounceParams, type Dict } from './tracker-harness';

export interface TrackerFixture {
  port: number;
  /** The test's database (SQLite or PostgreSQL, as the suite runs) and its DATA_DIR, where the journal lives. */
  database: TestDatabase;
  /** The injected clock, in epoch ms: tests move it instead of sleeping. */
  clock: { ms: number };
  rows: TrackerRows;
  tracker: Tracker;
  logs: string[];
  announce: (passkey: string, p: AnnounceParams, headers?: Record<string, string>) => Promise<Dict>;
  get: (path: string, headers?: Record<string, string>) => Promise<Dict>;
  close: () => Promise<void>;
}

export const START_MS = Date.UTC(2026, 0, 1);

/** A tracker on a fresh migrated database (the suite's: SQLite, or PostgreSQL), served on 127.0.0.1 by its front door as server.ts serves it. */
export async function startTrackerFixture(
  settings: Partial<TrackerSettings> = {},
  extra: Pick<CreateTrackerOptions, 'leechDecision'> = {},
): Promise<TrackerFixture> {
  const database = await useTestDatabase();
  const clock = { ms: START_MS };
  const logs: string[] = [];
  const tracker = await createTracker({
    databaseUrl: database.databaseUrl, dataDir: database.dir, settings, now: () => clock.ms, random: () => 0.5, log: (line) => logs.push(line), ...extra,
  });
  const { server, port } = await listen(tracker);
  const rows = new TrackerRows(database.databaseUrl);
  const get = (path: string, headers: Record<string, string> = {}) => getDict(port, path, headers);
  return {
    port, database, clock, rows, tracker, logs, get,
    // The reply comes once the announce is journaled; the fold into the tables follows within foldIntervalMs.
    // Waiting for it here lets tests read the tables as the site will see them.
    announce: async (passkey, p, headers = {}) => {
      const reply = await get(`/tracker/${passkey}/announce?${announceQuery(p)}`, headers);
      await tracker.flush();
      return reply;
    },
    close: async () => {
      await closeServer(server);
      await tracker.close();
      await rows.close();
      await database.cleanup();
    },
  };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}
