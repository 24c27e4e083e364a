import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { MigrationList, SchemaEngine, SchemaFilter } from '@prisma/schema-engine-wasm/schema_engine_bg';
import { engineMessage, failedMigrationName } from './engine-errors';
import { assertMigrationName, nextMigrationFolderName } from './migration-name';
import { MIGRATION_FILE_NAME, LOCKFILE_NAME, POSTGRES_LOCKFILE, SQLITE_LOCKFILE, readMigrationsFolder } from './migrations-folder';
import { withScratchPostgres } from './scratch-postgres';
import { openSchemaEngine, type EngineTarget } from './wasm-engine';

export interface CreateMigrationOptions {
  /** Lowercase letters, digits and underscores (`add_torrents`). */
  name: string;
  schemaPath: string;
  migrationsDir: string;
  /**
   * `sqlite` (default) replays the migrations on a throwaway SQLite file; `postgres` on a throwaway database made
   * on the PostgreSQL server at `postgresUrl` (and dropped after).
   */
  provider?: 'sqlite' | 'postgres';
  postgresUrl?: string;
  /** The clock for the folder's timestamp; tests pin it. */
  now?: Date;
  log?: (line: string) => void;
}

export type CreateMigrationResult =
  | { status: 'created'; folderName: string; directory: string; sql: string }
  | { status: 'unchanged' };

/**
 * What `prisma migrate dev --create-only` does, without the native engine: replays every existing migration on
 * a throwaway database (a SQLite file, or a PostgreSQL database made for it), diffs that database against the schema and, when they differ, writes the script as
 * `<utc yyyymmddhhmmss>_<name>/migration.sql` (plus `migration_lock.toml` if missing). The script is applied
 * to the throwaway database before anything is written, so a migration that cannot run is never committed.
 */
export async function createMigration(options: CreateMigrationOptions): Promise<CreateMigrationResult> {
  assertMigrationName(options.name);
  const schemaPath = path.resolve(options.schemaPath);
  const migrationsList = await readMigrationsFolder(options.migrationsDir);
  if (options.provider === 'postgres') {
    if (!options.postgresUrl) throw new Error('createMigration: provider postgres needs postgresUrl');
    return withScratchPostgres(options.postgresUrl, (url) => diffAndWrite(options, { provider: 'postgres', url }, schemaPath, migrationsList));
  }
  const scratch = await mkdtemp(path.join(tmpdir(), 'giveback-migration-'));
  try {
    return await diffAndWrite(options, { provider: 'sqlite', file: path.join(scratch, 'replay.db') }, schemaPath, migrationsList);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

async function diffAndWrite(options: CreateMigrationOptions, target: EngineTarget, schemaPath: string, migrationsList: MigrationList): Promise<CreateMigrationResult> {
  const schemaFiles = [{ path: schemaPath, content: await readFile(schemaPath, 'utf8') }];
  const { engine, close, filters } = await openSchemaEngine(target, () => {});
  try {
    await replay(engine, filters, migrationsList, 'Existing migration');
    const diff = () =>
      engine.diff({
        from: { tag: 'schemaDatasource', files: schemaFiles, configDir: path.dirname(schemaPath) },
        to: { tag: 'schemaDatamodel', files: schemaFiles },
        script: true,
        exitCode: true,
        filters,
      });
    const changes = await diff();
    if (changes.exitCode === 0) return { status: 'unchanged' };
    const sql = changes.stdout ?? '';
    const existing = migrationsList.migrationDirectories.map((dir) => dir.path);
    const folderName = nextMigrationFolderName(options.name, options.now ?? new Date(), existing);
    await replay(engine, filters, withMigration(migrationsList, folderName, sql), 'The generated migration');
    if ((await diff()).exitCode !== 0) {
      options.log?.(`Warning: after ${folderName} the database still differs from the schema; review the SQL`);
    }
    const lock = target.provider === 'sqlite' ? SQLITE_LOCKFILE : POSTGRES_LOCKFILE;
    return { status: 'created', folderName, sql, directory: await write(migrationsList, folderName, sql, lock) };
  } finally {
    await close();
  }
}

async function replay(engine: SchemaEngine, filters: SchemaFilter, migrationsList: MigrationList, what: string): Promise<void> {
  if (migrationsList.migrationDirectories.length === 0) return;
  try {
    await engine.applyMigrations({ migrationsList, filters });
  } catch (error) {
    const name = failedMigrationName(error) ?? '(unknown)';
    throw new Error(`${what} ${name} does not apply to an empty database: ${engineMessage(error)}`, { cause: error });
  }
}

function withMigration(list: MigrationList, folderName: string, sql: string): MigrationList {
  const added = { path: folderName, migrationFile: { path: MIGRATION_FILE_NAME, content: { tag: 'ok' as const, value: sql } } };
  return { ...list, migrationDirectories: [...list.migrationDirectories, added] };
}

async function write(list: MigrationList, folderName: string, sql: string, lock: string): Promise<string> {
  const directory = path.join(list.baseDir, folderName);
  await mkdir(list.baseDir, { recursive: true });
  await mkdir(directory);
  await writeFile(path.join(directory, MIGRATION_FILE_NAME), sql, { flag: 'wx' });
  if (list.lockfile.content === null) await writeFile(path.join(list.baseDir, LOCKFILE_NAME), lock);
  return directory;
}
