import { databaseProvider } from '@/lib/db/provider';
import { env } from '@/lib/env';
import type { Leadership, LeaderOptions } from './leader';
import { holdLocalLeadership } from './memory';
import { holdPostgresLeadership } from './postgres';

export { LOCK_KEYS, type Leadership, type LeaderOptions } from './leader';

/** Runs work in one process of the site: this one on SQLite, the holder of an advisory lock on PostgreSQL. */
export function holdLeadership(options: LeaderOptions): Leadership {
  const { databaseUrl } = env();
  if (databaseProvider(databaseUrl) === 'postgres') return holdPostgresLeadership({ ...options, databaseUrl });
  return holdLocalLeadership(options);
}
