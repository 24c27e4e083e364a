import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations, createMigration } from '@/lib/db/migrate';
import { nextMigrationFolderName } from '@/lib/db/migrations-engine/migration-name';

const ROOT = path.resolve(import.meta.dirname, '../..');
const MIGRATIONS = path.join(ROOT, 'prisma/migrations');
const SCHEMA = path.join(ROOT, 'prisma/schema.prisma');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const run = promisify(execFile);

let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'giveback-migrations-'));
});
afterAll(() => rm(work, { recursive: true, force: true }));

async function migrationFolders(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
}

function query<T>(file: string, sql: string): T[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

const tableNames = (file: string) =>
  query<{ name: string }>(file, "SELECT name FROM sqlite_master WHERE type = 'table'").map((row) => row.name);

interface MigrationRow {
  migration_name: string;
  checksum: string;
  finished_at: string | null;
  rolled_back_at: string | null;
}
const migrationRows = (file: string) =>
  query<MigrationRow>(file, 'SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY started_at');

const sha256 = async (file: string) => createHash('sha256').update(await readFile(file)).digest('hex');

async function copyProject(name: string): Promise<{ schemaPath: string; migrationsDir: string }> {
  const dir = path.join(work, name);
  await mkdir(dir);
  await cp(SCHEMA, path.join(dir, 'schema.prisma'));
  await cp(MIGRATIONS, path.join(dir, 'migrations'), { recursive: true });
  return { schemaPath: path.join(dir, 'schema.prisma'), migrationsDir: path.join(dir, 'migrations') };
}

describe('applyMigrations', () => {
  let file: string;
  let databaseUrl: string;
  let firstRun: { applied: string[] };

  beforeAll(async () => {
    file = path.join(work, 'fresh', 'nested', 'giveback.db');
    databaseUrl = `file:${file}`;
    firstRun = await applyMigrations({ databaseUrl, migrationsDir: MIGRATIONS });
  });

  it('creates the database file and its folders, applying every migration in order', async () => {
    expect(firstRun.applied).toEqual(await migrationFolders(MIGRATIONS));
  });

  it('creates a table for every model of the schema, plus Prisma\'s history table', async () => {
    const models = [...(await readFile(SCHEMA, 'utf8')).matchAll(/^model (\w+) \{/gm)].map((m) => m[1]);
    expect(models.length).toBeGreaterThan(0);
    expect(tableNames(file)).toEqual(expect.arrayContaining([...models, '_prisma_migrations']));
  });

  it('records each migration as finished, with the checksum Prisma computes (sha256 of migration.sql)', async () => {
    const expected = await Promise.all(
      (await migrationFolders(MIGRATIONS)).map(async (name) => ({
        migration_name: name,
        checksum: await sha256(path.join(MIGRATIONS, name, 'migration.sql')),
        rolled_back_at: null,
      })),
    );
    const rows = migrationRows(file);
    expect(rows.map(({ finished_at: _, ...rest }) => rest)).toEqual(expected);
    for (const row of rows) expect(row.finished_at).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('applies nothing on a second run', async () => {
    const rowsBefore = migrationRows(file);
    expect(await applyMigrations({ databaseUrl, migrationsDir: MIGRATIONS })).toEqual({ applied: [] });
    expect(migrationRows(file)).toEqual(rowsBefore);
  });

  it('releases the database afterwards, so the app can write to it at once', () => {
    const db = new Database(file, { timeout: 0 });
    try {
      db.prepare("INSERT INTO Setting (key, value, updatedAt) VALUES ('probe', '1', 0)").run();
    } finally {
      db.close();
    }
  });

  it('refuses an empty migrations folder, saying how to create one', async () => {
    const empty = path.join(work, 'no-migrations');
    await mkdir(empty);
    await expect(applyMigrations({ databaseUrl, migrationsDir: empty })).rejects.toThrow(
      `No migrations in ${empty}: create one with npm run db:migration:create -- <name>`,
    );
  });

  it('rejects a database URL that is neither SQLite nor PostgreSQL', async () => {
    await expect(applyMigrations({ databaseUrl: 'mysql://root:pw@localhost/x', migrationsDir: MIGRATIONS })).rejects.toThrow(
      'Unsupported DATABASE_URL "mysql://root:***@localhost/x": expected file:… (SQLite) or postgresql://… (PostgreSQL)',
    );
  });
});

describe('applyMigrations with a broken migration', () => {
  const broken = '29991231235959_broken';
  let file: string;
  let migrationsDir: string;
  let error: Error;

  beforeAll(async () => {
    ({ migrationsDir } = await copyProject('broken'));
    await mkdir(path.join(migrationsDir, broken));
    await writeFile(path.join(migrationsDir, broken, 'migration.sql'), 'CREATE TABLE "Partial" (id INTEGER);\nTHIS IS NOT SQL;\n');
    file = path.join(work, 'broken.db');
    error = await applyMigrations({ databaseUrl: `file:${file}`, migrationsDir }).then(
      () => expect.fail('expected the broken migration to fail'),
      (e: unknown) => e as Error,
    );
  });

  it('fails with one line naming the migration and the database error', () => {
    expect(error.message).toBe(`Migration ${broken} failed on ${file}: near "THIS": syntax error`);
  });

  it('leaves the earlier migrations applied and the broken one recorded as unfinished', async () => {
    const earlier = (await migrationFolders(MIGRATIONS)).map((name) => ({ name, finished: true }));
    const rows = migrationRows(file).map((row) => ({ name: row.migration_name, finished: row.finished_at !== null }));
    expect(rows).toEqual([...earlier, { name: broken, finished: false }]);
    expect(tableNames(file)).toContain('User');
  });

  it('refuses to run again until the failed migration is resolved, saying how', async () => {
    await expect(applyMigrations({ databaseUrl: `file:${file}`, migrationsDir })).rejects.toThrow(
      `Cannot migrate ${file}: migration ${broken} failed on an earlier run and is recorded as failed; ` +
        `undo its partial changes, then run npm run db:migrate -- --rolled-back ${broken} (or delete a database holding nothing of value)`,
    );
  });
});

describe('createMigration', () => {
  const BOOKMARK = '\nmodel Bookmark {\n  id   Int    @id @default(autoincrement())\n  note String\n}\n';

  it('reports no change, and writes nothing, when the migrations already match the schema', async () => {
    const project = await copyProject('unchanged');
    const before = await migrationFolders(project.migrationsDir);
    expect(await createMigration({ name: 'nothing', ...project })).toEqual({ status: 'unchanged' });
    expect(await migrationFolders(project.migrationsDir)).toEqual(before);
  });

  it('writes a timestamped migration creating a model added to the schema, which then applies', async () => {
    const project = await copyProject('added-model');
    await writeFile(project.schemaPath, (await readFile(project.schemaPath, 'utf8')) + BOOKMARK);
    const result = await createMigration({ name: 'add_bookmarks', now: new Date('2030-01-02T03:04:05Z'), ...project });

    expect(result.status).toBe('created');
    if (result.status !== 'created') return;
    expect(result.folderName).toBe('20300102030405_add_bookmarks');
    const written = await readFile(path.join(project.migrationsDir, result.folderName, 'migration.sql'), 'utf8');
    expect(written).toBe(result.sql);
    expect(written).toContain('CREATE TABLE "Bookmark"');
    expect(written).not.toContain('CREATE TABLE "User"');

    const file = path.join(work, 'added-model.db');
    const { applied } = await applyMigrations({ databaseUrl: `file:${file}`, migrationsDir: project.migrationsDir });
    expect(applied.at(-1)).toBe(result.folderName);
    expect(tableNames(file)).toContain('Bookmark');
    expect(await createMigration({ name: 'again', ...project })).toEqual({ status: 'unchanged' });
  });

  it('creates the first migration and the SQLite lockfile in an empty project', async () => {
    const dir = path.join(work, 'first');
    await mkdir(dir);
    await cp(SCHEMA, path.join(dir, 'schema.prisma'));
    const migrationsDir = path.join(dir, 'migrations');
    const result = await createMigration({ name: 'init', schemaPath: path.join(dir, 'schema.prisma'), migrationsDir });
    expect(result.status).toBe('created');
    expect(await migrationFolders(migrationsDir)).toEqual([expect.stringMatching(/^\d{14}_init$/)]);
    expect(await readFile(path.join(migrationsDir, 'migration_lock.toml'), 'utf8')).toContain('provider = "sqlite"');
  });

  it('rejects a name that is not lowercase letters, digits and underscores, writing nothing', async () => {
    const project = await copyProject('bad-name');
    await writeFile(project.schemaPath, (await readFile(project.schemaPath, 'utf8')) + BOOKMARK);
    const before = await migrationFolders(project.migrationsDir);
    await expect(createMigration({ name: 'Add-Bookmarks', ...project })).rejects.toThrow(
      'Invalid migration name "Add-Bookmarks": use lowercase letters, digits and underscores, e.g. add_torrents',
    );
    expect(await migrationFolders(project.migrationsDir)).toEqual(before);
  });

  it.each([
    ['the clock is ahead of every migration', ['20240101000000_init'], '20300102030405_x'],
    ['an existing migration is dated later', ['20400101000000_init'], '20400101000001_x'],
    ['an existing migration has the same second', ['20300102030405_init'], '20300102030406_x'],
    ['the later one ends a day', ['20301231235959_init'], '20310101000000_x'],
  ])('dates a new migration after the latest one when %s', (_, existing, expected) => {
    expect(nextMigrationFolderName('x', new Date('2030-01-02T03:04:05Z'), existing)).toBe(expected);
  });
});

describe('the command-line scripts', () => {
  it('db:migration:create prints that neither database needs a migration for an unchanged schema', async () => {
    const prismaDir = path.join(work, 'cli-unchanged');
    await cp(path.join(ROOT, 'prisma'), prismaDir, { recursive: true });
    const args = ['scripts/db/create-migration.ts', 'init', '--prisma', prismaDir, '--no-generate'];
    const { stdout } = await run(TSX, args, { cwd: ROOT, timeout: 60_000 });
    expect(stdout).toBe('SQLite: no schema changes, nothing to migrate\nPostgreSQL: no schema changes, nothing to migrate\n');
  });

  it('db:migration:create exits with the reason for an invalid name', async () => {
    const failure = await run(TSX, ['scripts/db/create-migration.ts', 'Bad Name'], { cwd: ROOT, timeout: 60_000 }).then(
      () => expect.fail('expected a non-zero exit'),
      (e: unknown) => e as { code: number; stderr: string },
    );
    expect(failure.code).toBe(1);
    expect(failure.stderr).toBe('Invalid migration name "Bad Name": use lowercase letters, digits and underscores, e.g. add_torrents\n');
  });

  it('db:migrate applies to DATABASE_URL, prints what it applied, and exits', async () => {
    const file = path.join(work, 'cli', 'giveback.db');
    const env = { ...process.env, DATABASE_URL: `file:${file}` };
    const names = await migrationFolders(MIGRATIONS);
    const first = await run(TSX, ['scripts/db/migrate.ts'], { cwd: ROOT, env, timeout: 60_000 });
    expect(first.stdout).toContain(`Applied ${names.length} migration${names.length === 1 ? '' : 's'} to file:${file}: ${names.join(', ')}\n`);
    const second = await run(TSX, ['scripts/db/migrate.ts'], { cwd: ROOT, env, timeout: 60_000 });
    expect(second.stdout).toBe(`Database file:${file} is up to date: no pending migrations\n`);
  });
});
