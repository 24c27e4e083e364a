import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { engineMessage, failedMigrationName, isFailedHistoryError } from './migrations-engine/engine-errors';
import { readMigrationsFolder } from './migrations-engine/migrations-folder';
import { sqliteFileFromUrl } from './migrations-engine/sqlite-url';
import { isUpToDate } from './migrations-engine/up-to-date';
import { openSchemaEngine, type EngineTarget } from './migrations-engine/wasm-engine';
import { databaseProvider, redactUrl } from './provider';

export { createMigration, type CreateMigrationOptions, type CreateMigrationResult } from './migrations-engine/create-migration';

export interface ApplyMigrationsOptions {
  /**
   * `file:/abs/path.db` or `file:./relative.db` (resolved from the working directory), or `postgresql://…`.
   */
  databaseUrl: string;
  /** The folder holding `<timestamp>_<name>/migration.sql` and `migration_lock.toml` (migrationsDirFor). */
  migrationsDir: string;
  log?: (line: string) => void;
}

/**
 * Applies the pending migrations with Prisma's schema engine (WebAssembly build, so no native engine download),
 * recording them in Prisma's standard `_prisma_migrations` table: `prisma migrate deploy` on another machine
 * sees the same history. Creates the database file and its folder if missing; a second run applies nothing.
 *
 * A failing migration throws one line naming it and the database error. Migrations before it stay applied and
 * it stays recorded as failed (SQLite runs a migration's statements without a surrounding transaction, as
 * Prisma does), so later runs refuse until it is marked rolled back; see markMigrationRolledBack.
 */
export async function applyMigrations(options: ApplyMigrationsOptions): Promise<{ applied: string[] }> {
  const target = engineTarget(options.databaseUrl);
  const file = describeTarget(target);
  const migrationsList = await readMigrationsFolder(options.migrationsDir);
  if (migrationsList.migrationDirectories.length === 0) {
    throw new Error(`No migrations in ${migrationsList.baseDir}: create one with npm run db:migration:create -- <name>`);
  }
  try {
    if (await isUpToDate(target, migrationsList)) return { applied: [] };
  } catch (error) {
    throw new Error(`Cannot read the migration history of ${file}: ${engineMessage(error)}`, { cause: error });
  }
  if (target.provider === 'sqlite') await mkdir(path.dirname(target.file), { recursive: true });
  const { engine, close, filters } = await openSchemaEngine(target, (line) => forwardProgress(line, options.log));
  try {
    const output = await engine.applyMigrations({ migrationsList, filters });
    return { applied: output.appliedMigrationNames };
  } catch (error) {
    throw new Error(describeApplyFailure(error, file), { cause: error });
  } finally {
    await close();
  }
}

/**
 * Marks a failed migration as rolled back in `_prisma_migrations` (what `prisma migrate resolve --rolled-back`
 * does), after its partial changes were undone by hand, so the next run applies it again.
 */
export async function markMigrationRolledBack(options: { databaseUrl: string; migrationName: string }): Promise<void> {
  const target = engineTarget(options.databaseUrl);
  const file = describeTarget(target);
  const { engine, close, filters } = await openSchemaEngine(target, () => {});
  try {
    await engine.markMigrationRolledBack({ migrationName: options.migrationName });
  } catch (error) {
    throw new Error(`Cannot mark ${options.migrationName} rolled back in ${file}: ${engineMessage(error)}`, { cause: error });
  } finally {
    await close();
  }
}

/** Where the schema engine connects for a `DATABASE_URL`. */
export function engineTarget(databaseUrl: string): EngineTarget {
  return databaseProvider(databaseUrl) === 'sqlite'
    ? { provider: 'sqlite', file: sqliteFileFromUrl(databaseUrl) }
    : { provider: 'postgres', url: databaseUrl };
}

/** The database as messages name it: the SQLite file, or the PostgreSQL URL without its password. */
function describeTarget(target: EngineTarget): string {
  return target.provider === 'sqlite' ? target.file : redactUrl(target.url);
}

function describeApplyFailure(error: unknown, file: string): string {
  const name = failedMigrationName(error);
  if (isFailedHistoryError(error)) {
    return (
      `Cannot migrate ${file}: migration ${name ?? '(unknown)'} failed on an earlier run and is recorded as failed; ` +
      `undo its partial changes, then run npm run db:migrate -- --rolled-back ${name ?? '<name>'} (or delete a database holding nothing of value)`
    );
  }
  if (name) return `Migration ${name} failed on ${file}: ${engineMessage(error)}`;
  return `Cannot migrate ${file}: ${engineMessage(error)}`;
}

/** The engine logs JSON lines; only "Applying `name`" is news to a person running migrations. */
function forwardProgress(jsonLine: string, log: ((line: string) => void) | undefined): void {
  if (!log) return;
  const match = /"message":"Applying `([^`]+)`"/.exec(jsonLine);
  if (match?.[1]) log(`Applying migration ${match[1]}`);
}
