import path from 'node:path';
import { parseArgs } from 'node:util';
import { applyMigrations, markMigrationRolledBack } from '../../lib/db/migrate';
import { migrationsDirFor } from '../../lib/db/provider';

/**
 * npm run db:migrate [-- --migrations <dir>] [-- --rolled-back <migration>]
 *
 * Applies pending migrations to DATABASE_URL (SQLite: prisma/migrations; PostgreSQL: prisma/postgres/migrations).
 * Without it, the database is <DATA_DIR>/giveback.db (DATA_DIR
 * defaults to ./data), the same file lib/env.ts gives the app.
 */
const USAGE = 'Usage: npm run db:migrate [-- --migrations <dir>] [-- --rolled-back <migration_name>]';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { migrations: { type: 'string' }, 'rolled-back': { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help) return console.log(USAGE);
  const repoRoot = path.resolve(import.meta.dirname, '../..');
  const databaseUrl = process.env.DATABASE_URL ?? `file:${path.resolve(process.env.DATA_DIR ?? './data', 'giveback.db')}`;
  const migrationsDir = path.resolve(values.migrations ?? migrationsDirFor(databaseUrl, repoRoot));

  const rolledBack = values['rolled-back'];
  if (rolledBack) {
    await markMigrationRolledBack({ databaseUrl, migrationName: rolledBack });
    console.log(`Marked ${rolledBack} as rolled back; the next db:migrate applies it again`);
    return;
  }
  const { applied } = await applyMigrations({ databaseUrl, migrationsDir, log: (line) => console.log(line) });
  console.log(
    applied.length === 0
      ? `Database ${databaseUrl} is up to date: no pending migrations`
      : `Applied ${applied.length} migration${applied.length === 1 ? '' : 's'} to ${databaseUrl}: ${applied.join(', ')}`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
