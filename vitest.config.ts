import path from 'node:path';
import { defineConfig } from 'vitest/config';

const alias = {
  '@': path.resolve(import.meta.dirname),
  // Next.js resolves `server-only` to an empty module on the server; tests run server code directly.
  'server-only': path.resolve(import.meta.dirname, 'tests/helpers/empty.ts'),
};

const integration = { testTimeout: 60_000, hookTimeout: 120_000 };

/**
 * Every integration file runs on both databases: once on SQLite (`integration`) and once on a PostgreSQL database of
 * its own (`integration-postgres`). Files that choose their database themselves (SQLite's adapter, WAL and migration
 * history; the drift, fold-differential and shared-state tests, which check each store) run once, in the first.
 */
const CHOOSE_THEIR_DATABASE = [
  'tests/integration/schema-drift.test.ts',
  'tests/integration/migrations.test.ts',
  'tests/integration/db-transactions.test.ts',
  'tests/integration/wal-checkpoints.test.ts',
  'tests/integration/cheat-flag-migration.test.ts',
  'tests/integration/tracker/fold.test.ts',
  'tests/integration/tracker/fold-differential.test.ts',
  'tests/integration/tracker/fold-postgres.test.ts',
  // The tracker on a PostgreSQL cluster of the test's own, which it kills and restarts.
  'tests/integration/tracker/postgres-down.test.ts',
  // Shared state across processes: each test runs over every store or on PostgreSQL itself.
  'tests/integration/shared-state/**',
];

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      { resolve: { alias }, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
      {
        resolve: { alias },
        test: { name: 'integration', include: ['tests/integration/**/*.test.ts'], ...integration },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration-postgres',
          include: ['tests/integration/**/*.test.ts'],
          exclude: CHOOSE_THEIR_DATABASE,
          env: { GIVEBACK_TEST_DATABASE: 'postgres' },
          ...integration,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          // A page's first render after a login can take seconds while the other projects load both cores.
          expect: { poll: { timeout: 15_000 } },
          fileParallelism: false,
        },
      },
    ],
  },
});
