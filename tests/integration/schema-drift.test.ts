import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMigration } from '@/lib/db/migrate';
import { PRISMA_PATHS } from '@/lib/db/provider';
import { testPostgresServerUrl } from '../helpers/postgres';

const ROOT = path.resolve(import.meta.dirname, '../..');

let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'giveback-drift-'));
});
afterAll(() => rm(work, { recursive: true, force: true }));

/**
 * Each provider's migrations, replayed on an empty database, must give exactly its schema: a model changed without
 * `npm run db:migration:create`, or a migration folder edited by hand for one database only, fails here.
 */
describe.each(['sqlite', 'postgres'] as const)('the %s migrations', (provider) => {
  it('build exactly the schema (no migration left to create)', async () => {
    const migrationsDir = path.join(work, provider);
    await cp(path.join(ROOT, PRISMA_PATHS[provider].migrations), migrationsDir, { recursive: true });
    const result = await createMigration({
      name: 'drift_check',
      provider,
      postgresUrl: testPostgresServerUrl(),
      schemaPath: path.join(ROOT, PRISMA_PATHS[provider].schema),
      migrationsDir,
    });
    expect(result.status === 'created' ? result.sql : 'unchanged').toBe('unchanged');
  });
});
