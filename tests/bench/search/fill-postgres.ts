import path from 'node:path';
import pg from 'pg';
import { applyMigrations } from '../../../lib/db/migrate';
import { documentText } from '../../../lib/db/search/postgres';
import { TAGS, USERS, type createCorpus } from './corpus';

/**
 * Fills a fresh PostgreSQL database with the catalogue: multi-row inserts from arrays (`unnest`), the search
 * documents made by the same code as upload's (documentText, to_tsvector over unaccent). The GIN index is built
 * once at the end, as a restore would, instead of being updated 1M times. Returns seconds.
 */
export async function fillPostgres(url: string, corpus: ReturnType<typeof createCorpus>): Promise<number> {
  await applyMigrations({ databaseUrl: url, migrationsDir: path.resolve(import.meta.dirname, '../../../prisma/postgres/migrations') });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const t0 = Date.now();
  try {
    await client.query('SET synchronous_commit = off');
    const users = Array.from({ length: USERS }, (_, i) => i + 1);
    await client.query(
      `INSERT INTO "User" (username, "usernameKey", "passwordHash", role, passkey)
       SELECT 'user' || u, 'user' || u, 'x', 'uploader', lpad(to_hex(u), 32, '0') FROM unnest($1::int[]) u`,
      [users],
    );
    await client.query('INSERT INTO "Tag" (id, name) SELECT i, n FROM unnest($1::int[], $2::text[]) AS t(i, n)', [TAGS.map((_, i) => i + 1), TAGS]);
    await client.query('DROP INDEX torrent_search_document_idx');
    for (const batch of corpus.batches(10_000)) await insertBatch(client, batch);
    await client.query('CREATE INDEX torrent_search_document_idx ON torrent_search USING GIN ("document")');
    for (const table of ['User', 'Tag', 'Torrent']) {
      await client.query(`SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), (SELECT max(id) FROM "${table}"))`);
    }
    await client.query('VACUUM ANALYZE');
  } finally {
    await client.end();
  }
  return (Date.now() - t0) / 1000;
}

type Batch = ReturnType<ReturnType<typeof createCorpus>['batches']> extends Generator<infer B> ? B : never;

async function insertBatch(client: pg.Client, batch: Batch): Promise<void> {
  const col = <T>(f: (t: Batch[number]) => T) => batch.map(f);
  await client.query('BEGIN');
  await client.query(
    `INSERT INTO "Torrent" (id, "infoHashV1", name, title, version, size, "pieceLength", "fileCount", "categoryId", "uploaderId", "createdAt", "updatedAt", seeders, leechers, snatches, freeleech)
     SELECT id, lpad(to_hex(id), 40, '0'), title, title, 'v1', size, 262144, files, category, uploader, created, created, seeders, leechers, snatches, free
       FROM unnest($1::int[], $2::text[], $3::bigint[], $4::int[], $5::int[], $6::int[], $7::timestamp[], $8::int[], $9::int[], $10::int[], $11::bool[])
         AS t(id, title, size, files, category, uploader, created, seeders, leechers, snatches, free)`,
    [col((t) => t.id), col((t) => t.title), col((t) => t.size), col((t) => t.files.length), col((t) => t.categoryId), col((t) => t.uploaderId),
      col((t) => t.createdAt.toISOString()), col((t) => t.seeders), col((t) => t.leechers), col((t) => t.snatches), col((t) => t.freeleech)],
  );
  const files = batch.flatMap((t) => t.files.map((f, i) => [t.id, i, f] as const));
  await client.query(
    'INSERT INTO "TorrentFile" ("torrentId", position, path, size) SELECT t, p, f, 1000 FROM unnest($1::int[], $2::int[], $3::text[]) AS x(t, p, f)',
    [files.map((f) => f[0]), files.map((f) => f[1]), files.map((f) => f[2])],
  );
  await client.query(
    'INSERT INTO "TorrentTag" ("torrentId", "tagId") SELECT * FROM unnest($1::int[], $2::int[])',
    [col((t) => t.id), col((t) => TAGS.indexOf(t.tag) + 1)],
  );
  await client.query(
    `INSERT INTO torrent_search ("torrentId", "document") SELECT id, to_tsvector('simple', unaccent(doc)) FROM unnest($1::int[], $2::text[]) AS d(id, doc)`,
    [col((t) => t.id), batch.map((t) => documentText({ torrentId: t.id, title: t.title, files: t.files, tags: [t.tag] }))],
  );
  await client.query('COMMIT');
}

/** The obvious design without a full-text index, for reference: a LIKE scan over titles. */
export async function postgresLikeScan(url: string): Promise<{ run: (word: string) => Promise<void>; close: () => Promise<void> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    run: async (word) => void (await client.query('SELECT id FROM "Torrent" WHERE "deletedAt" IS NULL AND title LIKE $1 ORDER BY "createdAt" DESC LIMIT 50', [`%${word}%`])),
    close: () => client.end(),
  };
}
