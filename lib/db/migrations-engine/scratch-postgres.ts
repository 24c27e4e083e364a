import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * Runs `work` against a fresh, empty database made on the PostgreSQL server at `serverUrl` (any database there
 * the role may connect to), and drops it afterwards whatever happened. Its name is random, so concurrent runs and
 * other databases on the server are never touched.
 */
export async function withScratchPostgres<T>(serverUrl: string, work: (url: string) => Promise<T>): Promise<T> {
  const name = `giveback_scratch_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  // A connection lost while `work` runs is reported here (unhandled, it would end the process); the DROP then
  // fails and says so.
  admin.on('error', () => undefined);
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(`Cannot reach PostgreSQL at ${serverUrl.replace(/:[^:@/]*@/, ':***@')} to make a scratch database (set MIGRATION_POSTGRES_URL): ${(error as Error).message}`, { cause: error });
  }
  try {
    await admin.query(`CREATE DATABASE ${name}`);
    try {
      return await work(databaseUrlWithName(serverUrl, name));
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  } finally {
    await admin.end();
  }
}

/** `url` with its database name replaced by `name`. */
export function databaseUrlWithName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}
