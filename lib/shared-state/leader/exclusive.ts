import pg from 'pg';
import { databaseProvider } from '@/lib/db/provider';

/**
 * Runs `work` while holding a PostgreSQL advisory lock, waiting for it if another process holds it: the web and
 * tracker processes of a site start together and each applies pending migrations, one after the other (the later
 * ones find nothing left to apply). On SQLite the one process just runs it.
 */
export async function runExclusively<T>(options: { databaseUrl: string; lockKey: number }, work: () => Promise<T>): Promise<T> {
  if (databaseProvider(options.databaseUrl) !== 'postgres') return work();
  const client = new pg.Client({ connectionString: options.databaseUrl });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [options.lockKey]);
    return await work();
  } finally {
    // Ending the session releases the lock.
    await client.end().catch(() => undefined);
  }
}
