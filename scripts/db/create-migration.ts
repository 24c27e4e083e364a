import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createMigration, type CreateMigrationResult } from '../../lib/db/migrate';
import { postgresSchemaFrom } from '../../lib/db/migrations-engine/postgres-schema';
import { PRISMA_PATHS } from '../../lib/db/provider';

/**
 * npm run db:migration:create -- <name> [--prisma <dir>] [--no-generate]
 *
 * The one command after editing prisma/schema.prisma: rewrites prisma/postgres/schema.prisma from it, writes the
 * migration that brings each provider's migrations up to the schema (SQLite in prisma/migrations, PostgreSQL in
 * prisma/postgres/migrations, both with the same folder name), then regenerates both Prisma clients. Replaces
 * `prisma migrate dev`, which needs a native engine this project cannot download. The PostgreSQL migration is
 * replayed on a scratch database made on MIGRATION_POSTGRES_URL (default: as the OS user at
 * postgresql://127.0.0.1:5432/postgres).
 */
const USAGE = 'Usage: npm run db:migration:create -- <name> [--prisma <dir>] [--no-generate]';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { prisma: { type: 'string' }, 'no-generate': { type: 'boolean' }, help: { type: 'boolean' } },
  });
  if (values.help) return console.log(USAGE);
  const [name, ...extra] = positionals;
  if (!name || extra.length > 0) throw new Error(`Expected exactly one migration name. ${USAGE}`);

  const root = path.resolve(import.meta.dirname, '../..');
  // --prisma: another folder laid out as prisma/ is (schema.prisma, migrations/, postgres/), for tests.
  const at = (p: string) => (values.prisma ? path.join(path.resolve(values.prisma), path.relative('prisma', p)) : path.join(root, p));
  writeFileSync(at(PRISMA_PATHS.postgres.schema), postgresSchemaFrom(readFileSync(at(PRISMA_PATHS.sqlite.schema), 'utf8')));
  const now = new Date();
  const log = (line: string) => console.log(line);
  report('SQLite', await createMigration({ name, now, log, schemaPath: at(PRISMA_PATHS.sqlite.schema), migrationsDir: at(PRISMA_PATHS.sqlite.migrations) }));
  report('PostgreSQL', await createMigration({
    name, now, log, provider: 'postgres', postgresUrl: process.env.MIGRATION_POSTGRES_URL ?? `postgresql://${userInfo().username}@127.0.0.1:5432/postgres`,
    schemaPath: at(PRISMA_PATHS.postgres.schema), migrationsDir: at(PRISMA_PATHS.postgres.migrations),
  }));

  if (values['no-generate']) return;
  for (const schema of [PRISMA_PATHS.sqlite.schema, PRISMA_PATHS.postgres.schema]) {
    const generated = spawnSync(path.join(root, 'node_modules/.bin/prisma'), ['generate', '--schema', at(schema)], { cwd: root, stdio: 'inherit' });
    if (generated.status !== 0) throw new Error('prisma generate failed (see above); the migrations were still written');
  }
}

function report(provider: string, result: CreateMigrationResult): void {
  if (result.status === 'unchanged') return console.log(`${provider}: no schema changes, nothing to migrate`);
  const file = path.join(result.directory, 'migration.sql');
  const relative = path.relative(process.cwd(), file);
  console.log(`${provider}: created ${relative.startsWith('..') ? file : relative}`);
  if (/\bDROP\b/i.test(result.sql)) console.log(`${provider}: review it: the SQL drops or rebuilds tables, check that no data is lost`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
