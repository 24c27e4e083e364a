import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applyMigrations } from '@/lib/db/migrate';
import { migrationsDirFor } from '@/lib/db/provider';
import { createTestPostgresDatabase, testProvider } from './postgres';
import { ROOT } from './server';

export interface TestDatabase {
  provider: 'sqlite' | 'postgres';
  /** A fresh temporary folder (DATA_DIR: the SQLite file, the tracker's journal). */
  dir: string;
  databaseUrl: string;
  cleanup: () => Promise<void>;
}

/**
 * A real database with every migration applied: a SQLite file in a fresh temporary folder, or, when the suite
 * runs on PostgreSQL (GIVEBACK_TEST_DATABASE=postgres), a PostgreSQL database of the test's own, dropped by
 * cleanup(). Call before the first service call of a test file (each file runs in its own worker, so the process
 * environment is its own). `provider` forces one database whatever the suite runs on.
 */
export async function useTestDatabase(options: { provider?: 'sqlite' | 'postgres' } = {}): Promise<TestDatabase> {
  const provider = options.provider ?? testProvider();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'giveback-it-'));
  const postgres = provider === 'postgres' ? await createTestPostgresDatabase() : null;
  const databaseUrl = postgres?.url ?? `file:${path.join(dir, 'test.db')}`;
  process.env.DATA_DIR = dir;
  process.env.DATABASE_URL = databaseUrl;
  try {
    await applyMigrations({ databaseUrl, migrationsDir: migrationsDirFor(databaseUrl, ROOT) });
  } catch (error) {
    // No cleanup() reaches a caller whose setup failed: drop what was made here.
    await postgres?.drop();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    provider,
    dir,
    databaseUrl,
    cleanup: async () => {
      const { db } = await import('@/lib/db/client');
      await db().$disconnect();
      await postgres?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
