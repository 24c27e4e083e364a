import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { MigrationList } from '@prisma/schema-engine-wasm/schema_engine_bg';

/**
 * True when every migration folder is already recorded as finished in `_prisma_migrations` with the same
 * checksum. The schema engine needs the database to itself (it fails while the running site holds a
 * connection), so callers skip it entirely when there is nothing to apply.
 */
export function isUpToDate(file: string, list: MigrationList): boolean {
  if (!existsSync(file)) return false;
  const conn = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const table = conn.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get();
    if (!table) return false;
    const rows = conn
      .prepare('SELECT migration_name AS name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL')
      .all() as { name: string; checksum: string }[];
    const applied = new Map(rows.map((r) => [r.name, r.checksum]));
    return list.migrationDirectories.every((dir) => {
      const content = dir.migrationFile.content;
      return content.tag === 'ok' && applied.get(dir.path) === createHash('sha256').update(content.value).digest('hex');
    });
  } finally {
    conn.close();
  }
}
