import path from 'node:path';
import Database from 'better-sqlite3';
import { applyMigrations } from '../../../lib/db/migrate';
import { TAGS, USERS, type createCorpus } from './corpus';

/** Fills a fresh SQLite file with the catalogue, as upload does (FTS5 row per torrent). Returns seconds. */
export async function fillSqlite(file: string, corpus: ReturnType<typeof createCorpus>): Promise<number> {
  await applyMigrations({ databaseUrl: `file:${file}`, migrationsDir: path.resolve(import.meta.dirname, '../../../prisma/migrations') });
  const conn = new Database(file);
  conn.pragma('journal_mode = WAL');
  conn.pragma('synchronous = OFF');
  const insertUser = conn.prepare('INSERT INTO User (username, usernameKey, passwordHash, role, passkey, createdAt) VALUES (?, ?, ?, ?, ?, ?)');
  const insertTorrent = conn.prepare(
    `INSERT INTO Torrent (id, infoHashV1, name, title, description, version, size, pieceLength, fileCount, categoryId, uploaderId, createdAt, updatedAt, seeders, leechers, snatches, freeleech)
     VALUES (?, ?, ?, ?, '', 'v1', ?, 262144, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertFile = conn.prepare('INSERT INTO TorrentFile (torrentId, position, path, size) VALUES (?, ?, ?, ?)');
  const insertTag = conn.prepare('INSERT INTO TorrentTag (torrentId, tagId) VALUES (?, ?)');
  const insertSearch = conn.prepare('INSERT INTO torrent_search (rowid, title, files, tags) VALUES (?, ?, ?, ?)');
  const t0 = Date.now();
  conn.transaction(() => {
    for (let u = 1; u <= USERS; u++) insertUser.run(`user${u}`, `user${u}`, 'x', 'uploader', u.toString(16).padStart(32, '0'), new Date(0).toISOString());
    TAGS.forEach((t, i) => conn.prepare('INSERT INTO Tag (id, name) VALUES (?, ?)').run(i + 1, t));
  })();
  for (const batch of corpus.batches(20_000)) {
    conn.transaction(() => {
      for (const t of batch) {
        const created = t.createdAt.toISOString();
        insertTorrent.run(t.id, t.id.toString(16).padStart(40, '0'), t.title, t.title, t.size, t.files.length, t.categoryId, t.uploaderId, created, created, t.seeders, t.leechers, t.snatches, t.freeleech ? 1 : 0);
        t.files.forEach((f, i) => insertFile.run(t.id, i, f, 1000));
        insertTag.run(t.id, TAGS.indexOf(t.tag) + 1);
        insertSearch.run(t.id, t.title, t.files.map((f) => f.replace(/[/._-]+/g, ' ')).join('\n'), t.tag);
      }
    })();
  }
  conn.exec('ANALYZE');
  conn.close();
  return (Date.now() - t0) / 1000;
}

/** The obvious design without a full-text index, for reference: a LIKE scan over titles. */
export function sqliteLikeScan(file: string): { run: (word: string) => void; close: () => void } {
  const conn = new Database(file, { readonly: true });
  const like = conn.prepare('SELECT id FROM Torrent WHERE deletedAt IS NULL AND title LIKE ? ORDER BY createdAt DESC LIMIT 50');
  return { run: (word) => void like.all(`%${word}%`), close: () => conn.close() };
}
