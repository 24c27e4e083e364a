import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { MigrationList } from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { EngineTarget } from './wasm-engine';

const APPLIED = 'SELECT migration_name AS name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL';

/**
 * True when every migration folder is already recorded as finished in `_prisma_migrations` with the same
 * checksum. The schema engine needs a SQLite database to itself (it fails while the running site holds a
 * connection), and on PostgreSQL it takes an advisory lock, so callers skip it entirely when there is nothing to
 * apply.
 */
export async function isUpToDate(target: EngineTarget, list: MigrationList): Promise<boolean> {
  const rows = target.provider === 'sqlite' ? sqliteApplied(target.file) : await postgresApplied(target.url);
  if (rows === null) return false;
  const applied = new Map(rows.map((r) => [r.name, r.checksum]));
  return list.migrationDirectories.every((dir) => {
    const content = dir.migrationFile.content;
    return content.tag === 'ok' && applied.get(dir.path) === createHash('sha256').update(content.value).digest('hex');
  });
}

type Applied = { name: string; checksum: string }[];

function sqliteApplied(file: string): Applied | null {
  if (!existsSync(file)) return null;
  const conn = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const table = conn.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get();
    return table ? (conn.prepare(APPLIED).all() as Applied) : null;
  } finally {
    conn.close();
  }
}

async function postgresApplied(url: string): Promise<Applied | null> {
  const client = new pg.Client({ connectionString: url });
  // A connection lost between two queries is reported here (unhandled, it would end the process); the next
  // query then fails and says so.
  client.on('error', () => undefined);
  await client.connect();
  try {
    const table = await client.query("SELECT to_regclass('_prisma_migrations') IS NOT NULL AS present");
    if (table.rows[0]?.present !== true) return null;
    return (await client.query<{ name: string; checksum: string }>(APPLIED)).rows;
  } finally {
    await client.end();
  }
}
