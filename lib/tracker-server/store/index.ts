import { sqlitePath } from '@/lib/env';
import { databaseProvider } from '@/lib/db/provider';
import { PostgresTrackerStore } from './postgres';
import { SqliteTrackerStore } from './sqlite';
import type { TrackerStore } from './types';

export type { Awaitable, MemberRecord, TorrentRecord, TrackerStore } from './types';
export { isPending } from './types';

/** The tracker's reader for whichever database the URL names, chosen once at start. */
export function openTrackerStore(databaseUrl: string, options: { busyTimeoutMs: number; log: (line: string) => void }): TrackerStore {
  if (databaseProvider(databaseUrl) === 'postgres') return new PostgresTrackerStore(databaseUrl, { poolSize: 4, log: options.log });
  return new SqliteTrackerStore(sqlitePath(databaseUrl), options.busyTimeoutMs);
}
