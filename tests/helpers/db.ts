import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applyMigrations } from '@/lib/db/migrate';
import { ROOT } from './server';

/**
 * A real SQLite database in a fresh temporary folder with every migration applied. Call before the first
 * service call of a test file (each file runs in its own worker, so the process environment is its own).
 */
export async function useTestDatabase(): Promise<{ dir: string; databaseUrl: string; cleanup: () => Promise<void> }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'giveback-it-'));
  const databaseUrl = `file:${path.join(dir, 'test.db')}`;
  process.env.DATA_DIR = dir;
  process.env.DATABASE_URL = databaseUrl;
  await applyMigrations({ databaseUrl, migrationsDir: path.join(ROOT, 'prisma', 'migrations') });
  return {
    dir,
    databaseUrl,
    cleanup: async () => {
      const { db } = await import('@/lib/db/client');
      await db().$disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
