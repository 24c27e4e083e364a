import path from 'node:path';

/**
 * Which database a `DATABASE_URL` names: SQLite (`file:…`, the embedded default) or PostgreSQL
 * (`postgresql://…` or `postgres://…`, the scale path). Everything that differs between the two is chosen from this
 * once, at start; nothing else looks at the URL's scheme.
 */
export type DatabaseProvider = 'sqlite' | 'postgres';

export function databaseProvider(databaseUrl: string): DatabaseProvider {
  if (/^file:/.test(databaseUrl)) return 'sqlite';
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return 'postgres';
  throw new Error(`Unsupported DATABASE_URL "${redactUrl(databaseUrl)}": expected file:… (SQLite) or postgresql://… (PostgreSQL)`);
}

/** The URL without its password, for messages and logs. */
export function redactUrl(databaseUrl: string): string {
  return databaseUrl.replace(/^([a-z]+:\/\/[^:/@]*):[^@]*@/i, '$1:***@');
}

/** Each provider's schema file and migrations folder, relative to the repository root. */
export const PRISMA_PATHS: Record<DatabaseProvider, { schema: string; migrations: string }> = {
  sqlite: { schema: 'prisma/schema.prisma', migrations: 'prisma/migrations' },
  postgres: { schema: 'prisma/postgres/schema.prisma', migrations: 'prisma/postgres/migrations' },
};

/** The migrations folder for a database URL, under the repository root `root`. */
export function migrationsDirFor(databaseUrl: string, root: string): string {
  return path.join(root, PRISMA_PATHS[databaseProvider(databaseUrl)].migrations);
}
