import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import { sqlitePath } from '@/lib/env';
import { createTracker } from '@/lib/tracker-server';
import { useTestDatabase } from '../helpers/db';

/**
 * Who copies the WAL into the database file. The site's connection must not: SQLite's default makes the first
 * commit past 1,000 WAL pages do it, on the event loop the tracker shares, and after a fold of tens of
 * megabytes that stalled every reply (86 ms, measured). The fold worker does it instead, also when the tracker is
 * quiet. Whether a checkpoint ran is read off the database file itself: a marker written through the WAL appears
 * in the file only once a checkpoint has copied its page.
 */
let database: Awaited<ReturnType<typeof useTestDatabase>>;
let file: string;
let other: Database.Database;

beforeEach(async () => {
  database = await useTestDatabase();
  file = sqlitePath(database.databaseUrl);
  // Another writer, like the fold worker, that never checkpoints by itself.
  other = new Database(file);
  // As the tracker leaves the file when the site starts.
  other.pragma('journal_mode = WAL');
  other.pragma('wal_autocheckpoint = 0');
});

afterEach(async () => {
  other.close();
  await database.cleanup();
});

/** Writes a marker and 5 MB besides (over 1,000 WAL pages) through the other connection's WAL. */
function writeThroughWal(): Buffer {
  const marker = `marker-${randomBytes(12).toString('hex')}`;
  other.exec('CREATE TABLE IF NOT EXISTS filler (b BLOB)');
  other.prepare('INSERT INTO filler (b) VALUES (randomblob(5000000))').run();
  other.prepare('INSERT INTO "Setting" ("key", "value", "updatedAt") VALUES (?, ?, ?)').run(marker, '1', new Date().toISOString());
  return Buffer.from(marker, 'latin1');
}

const inDatabaseFile = (marker: Buffer) => readFileSync(file).includes(marker);

describe('WAL checkpoints', () => {
  it('are never run by the site connection, however large the WAL', async () => {
    const marker = writeThroughWal();
    expect(inDatabaseFile(marker)).toBe(false);
    await db().seedingSample.deleteMany({ where: { userId: -1 } });
    await db().setting.create({ data: { key: 'site write', value: '1' } });
    expect(inDatabaseFile(marker)).toBe(false);
    // The check can see a checkpoint: once one runs, the marker is in the file.
    other.pragma('wal_checkpoint(PASSIVE)');
    expect(inDatabaseFile(marker)).toBe(true);
  });

  it('are run by the fold worker when it has nothing to fold', async () => {
    const tracker = await createTracker({ databaseUrl: `file:${file}`, settings: { foldIntervalMs: 20 }, log: () => undefined });
    try {
      const marker = writeThroughWal();
      // Rounds come every 20 ms; give them up to 10 s on a loaded machine.
      for (let i = 0; i < 500 && !inDatabaseFile(marker); i++) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(inDatabaseFile(marker)).toBe(true);
    } finally {
      await tracker.close();
    }
  });
});
