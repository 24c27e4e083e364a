import path from 'node:path';

/**
 * Absolute path of the SQLite file named by a `file:` URL. Relative paths resolve from the working directory,
 * as lib/env.ts resolves them for the app, so the migrator and the app open the same file. Query parameters
 * (Prisma's old `?connection_limit=`) are ignored.
 */
export function sqliteFileFromUrl(databaseUrl: string): string {
  const match = /^file:([^?]*)/.exec(databaseUrl);
  const file = match?.[1];
  if (!file || file === ':memory:') {
    throw new Error(`Invalid database URL "${databaseUrl}": expected a SQLite file such as file:./data/giveback.db`);
  }
  return path.resolve(file);
}
