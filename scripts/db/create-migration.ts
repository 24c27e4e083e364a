import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createMigration } from '../../lib/db/migrate';

/**
 * npm run db:migration:create -- <name> [--schema <file>] [--migrations <dir>] [--no-generate]
 *
 * The one command after editing prisma/schema.prisma: writes the migration that brings the existing
 * migrations up to the schema, then regenerates the Prisma client. Replaces `prisma migrate dev`, which needs
 * a native engine this project cannot download.
 */
const USAGE = 'Usage: npm run db:migration:create -- <name> [--schema <file>] [--migrations <dir>] [--no-generate]';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      schema: { type: 'string' },
      migrations: { type: 'string' },
      'no-generate': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return console.log(USAGE);
  const [name, ...extra] = positionals;
  if (!name || extra.length > 0) throw new Error(`Expected exactly one migration name. ${USAGE}`);

  const repoRoot = path.resolve(import.meta.dirname, '../..');
  const schemaPath = path.resolve(values.schema ?? path.join(repoRoot, 'prisma/schema.prisma'));
  const migrationsDir = path.resolve(values.migrations ?? path.join(repoRoot, 'prisma/migrations'));

  const result = await createMigration({ name, schemaPath, migrationsDir, log: (line) => console.log(line) });
  if (result.status === 'unchanged') return console.log('No schema changes: nothing to migrate');
  const file = path.join(result.directory, 'migration.sql');
  const relative = path.relative(process.cwd(), file);
  console.log(`Created ${relative.startsWith('..') ? file : relative}`);
  if (/\bDROP\b/i.test(result.sql)) console.log('Review it: the SQL drops or rebuilds tables, check that no data is lost');

  if (values['no-generate']) return;
  const prisma = path.join(repoRoot, 'node_modules/.bin/prisma');
  const generated = spawnSync(prisma, ['generate', '--schema', schemaPath], { cwd: repoRoot, stdio: 'inherit' });
  if (generated.status !== 0) throw new Error('prisma generate failed (see above); the migration was still written');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
