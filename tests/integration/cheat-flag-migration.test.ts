import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations } from '@/lib/db/migrate';

/**
 * The migration that makes CheatFlag one row per member, torrent and kind, on a database that holds the old rows
 * (one per flagged announce): they are merged, nothing is lost.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const MIGRATIONS = path.join(ROOT, 'prisma/migrations');
const MIGRATION = '20261125020149_cheat_flag_per_pair';

let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'giveback-cheat-flag-'));
});
afterAll(() => rm(work, { recursive: true, force: true }));

describe('the cheat_flag_per_pair migration', () => {
  it('merges the rows of each member, torrent and kind: their count, first and latest time, latest details', async () => {
    // Every migration before this one.
    const before = path.join(work, 'before');
    await cp(MIGRATIONS, before, { recursive: true });
    const folders = (await readdir(before, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(folders).toContain(MIGRATION);
    for (const name of folders) if (name >= MIGRATION) await rm(path.join(before, name), { recursive: true });
    const file = path.join(work, 'flags.db');
    await applyMigrations({ databaseUrl: `file:${file}`, migrationsDir: before });

    const db = new Database(file);
    db.exec(`INSERT INTO "User" ("id", "username", "usernameKey", "passwordHash", "passkey") VALUES
      (1, 'a', 'a', 'x', 'p1'), (2, 'b', 'b', 'x', 'p2')`);
    const category = (db.prepare('SELECT "id" FROM "Category" LIMIT 1').get() as { id: number }).id;
    const torrent = db.prepare(`INSERT INTO "Torrent" ("id", "infoHashV1", "name", "title", "version", "size", "pieceLength",
      "fileCount", "categoryId", "uploaderId", "updatedAt") VALUES (?, ?, 't', 't', 'v1', 1, 1, 1, ?, 1, '2026-01-01T00:00:00.000+00:00')`);
    torrent.run(1, 'a'.repeat(40), category);
    torrent.run(2, 'b'.repeat(40), category);
    const flag = db.prepare('INSERT INTO "CheatFlag" ("userId", "torrentId", "kind", "details", "createdAt") VALUES (?, ?, ?, ?, ?)');
    const at = (day: number) => `2026-01-0${day}T00:00:00.000+00:00`;
    // Inserted out of time order: the latest details are the latest in time, not the last inserted.
    flag.run(1, 1, 'upload-without-leechers', 'second', at(2));
    flag.run(1, 1, 'upload-without-leechers', 'third', at(3));
    flag.run(1, 1, 'upload-without-leechers', 'first', at(1));
    flag.run(1, 1, 'rate-capped-upload', 'other kind', at(4));
    flag.run(1, 2, 'upload-without-leechers', 'other torrent', at(5));
    flag.run(2, 1, 'upload-without-leechers', 'other member', at(6));
    db.close();

    await applyMigrations({ databaseUrl: `file:${file}`, migrationsDir: MIGRATIONS });
    const after = new Database(file, { readonly: true });
    const rows = after.prepare(`SELECT "userId", "torrentId", "kind", "details", "count", "createdAt", "lastAt" FROM "CheatFlag"
      ORDER BY "userId", "torrentId", "kind"`).all();
    after.close();
    expect(rows).toEqual([
      { userId: 1, torrentId: 1, kind: 'rate-capped-upload', details: 'other kind', count: 1, createdAt: at(4), lastAt: at(4) },
      { userId: 1, torrentId: 1, kind: 'upload-without-leechers', details: 'third', count: 3, createdAt: at(1), lastAt: at(3) },
      { userId: 1, torrentId: 2, kind: 'upload-without-leechers', details: 'other torrent', count: 1, createdAt: at(5), lastAt: at(5) },
      { userId: 2, torrentId: 1, kind: 'upload-without-leechers', details: 'other member', count: 1, createdAt: at(6), lastAt: at(6) },
    ]);
  });
});
