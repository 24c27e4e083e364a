import { searchWords } from '@/lib/validation/browse';
import { Prisma } from '../generated/client';
import type { SearchDocument, SearchIndex } from './index';

/**
 * PostgreSQL: `torrent_search("torrentId", "document" tsvector)` with a GIN index (init migration). Matching is
 * made the same as SQLite's FTS5 table: the words are cut and lowercased by searchWords(), as the query is,
 * accents are folded by `unaccent`, and the 'simple' configuration keeps each word as it is (no stemming, no
 * stop words), as FTS5's unicode61 tokenizer does.
 */
export const postgresSearchIndex: SearchIndex = {
  async write(tx, document) {
    await tx.$executeRaw`INSERT INTO torrent_search ("torrentId", "document")
      VALUES (${document.torrentId}, to_tsvector('simple', unaccent(${documentText(document)}::text)))
      ON CONFLICT ("torrentId") DO UPDATE SET "document" = EXCLUDED."document"`;
  },

  async remove(tx, torrentId) {
    await tx.$executeRaw`DELETE FROM torrent_search WHERE "torrentId" = ${torrentId}`;
  },

  match(words) {
    const query = Prisma.join(words.map((w, i) => term(w, i === words.length - 1)), ' && ');
    // The planner drives a date-sorted search from the GIN index's bitmap and keeps the top page, so the
    // membership test serves every sort.
    return {
      from: Prisma.sql`"Torrent" t`,
      where: Prisma.sql`t.id IN (SELECT "torrentId" FROM torrent_search WHERE "document" @@ (${query}))`,
      idOrder: Prisma.sql`t.id`,
    };
  },
};

/**
 * Each distinct word once: a tsvector keeps one entry per word anyway, and a torrent of many files repeating the
 * same names stays far under PostgreSQL's 1 MB limit on a tsvector.
 */
export function documentText(document: SearchDocument): string {
  const words = new Set([document.title, ...document.files, ...document.tags].flatMap(searchWords));
  return [...words].join(' ');
}

/**
 * One word of the query as a tsquery, `:*` making it a prefix. The word is a bound parameter; it reaches
 * to_tsquery as one quoted phrase, so nothing unaccent makes of it (`ʼ` becomes a quote, `½` becomes `1/2`) is
 * read as tsquery syntax: quotes and backslashes are doubled, chr(39) and chr(92) spelled out for legibility.
 */
function term(word: string, prefix: boolean): Prisma.Sql {
  return Prisma.sql`to_tsquery('simple', chr(39) || replace(replace(unaccent(${word}::text), chr(92), chr(92) || chr(92)), chr(39), chr(39) || chr(39)) || chr(39) || ${prefix ? ':*' : ''}::text)`;
}
