import { searchWords } from '@/lib/validation/browse';
import type { Db } from '../client';
import { Prisma } from '../generated/client';
import type { SearchDocument, SearchIndex } from './index';
import { isCommon } from './postgres-frequency';

/** At most this many matches are handed to the browse query as a list of ids (see match). */
const FEW = 1000;

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

  /**
   * The tsquery is computed first and bound as a constant: the planner then estimates from the column's
   * statistics, and no row evaluates unaccent again. The planner still cannot see how rare a prefix is (it
   * assumes 0.5% of rows) and, for a date-sorted page, walks torrents newest first testing each: 1M rows (0.8 s)
   * when almost nothing matches; other sorts walk their own index the same way. So unless the page is sorted by
   * date and the statistics say the words are common, the GIN index gives the matches first, and up to FEW of
   * them go to the browse query as ids; past FEW the words are common enough for a walk to find a page soon.
   */
  async match(client, words, { drivesOrder }) {
    const query = await tsquery(client, words);
    const from = Prisma.sql`"Torrent" t`;
    const idOrder = Prisma.sql`t.id`;
    // A query of words that are nothing once unaccented (a lone `ʼ`) matches nothing, as to_tsquery says.
    if (query === '') return { from, where: Prisma.sql`FALSE`, idOrder };
    if (!drivesOrder || !(await isCommon(client, query))) {
      const found = await client.$queryRaw<{ id: number }[]>`
        WITH m AS MATERIALIZED (SELECT "torrentId" AS id FROM torrent_search WHERE "document" @@ ${query}::tsquery)
        SELECT id FROM m LIMIT ${FEW + 1}`;
      if (found.length <= FEW) {
        const where = found.length > 0 ? Prisma.sql`t.id IN (${Prisma.join(found.map((f) => f.id))})` : Prisma.sql`FALSE`;
        return { from, where, idOrder };
      }
    }
    if (drivesOrder) return { from, where: Prisma.sql`t.id IN (SELECT "torrentId" FROM torrent_search WHERE "document" @@ ${query}::tsquery)`, idOrder };
    // Many matches, sorted by something else: OFFSET 0 keeps the planner from walking the sort's index and testing
    // each torrent (15 s for a search with filters that left nothing), so it starts from the index's matches.
    return { from, where: Prisma.sql`t.id IN (SELECT "torrentId" FROM torrent_search WHERE "document" @@ ${query}::tsquery OFFSET 0)`, idOrder };
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

/** The query's words as tsquery text: all required, the last as a prefix. */
async function tsquery(client: Db, words: readonly string[]): Promise<string> {
  const terms = Prisma.join(words.map((w, i) => term(w, i === words.length - 1)), ' && ');
  const [row] = await client.$queryRaw<{ query: string }[]>`SELECT (${terms})::text AS query`;
  return row?.query ?? '';
}

/**
 * One word of the query as a tsquery, `:*` making it a prefix. The word is a bound parameter; it reaches
 * to_tsquery as one quoted phrase, so nothing unaccent makes of it (`ʼ` becomes a quote, `½` becomes `1/2`) is
 * read as tsquery syntax: quotes and backslashes are doubled, chr(39) and chr(92) spelled out for legibility.
 */
function term(word: string, prefix: boolean): Prisma.Sql {
  return Prisma.sql`to_tsquery('simple', chr(39) || replace(replace(unaccent(${word}::text), chr(92), chr(92) || chr(92)), chr(39), chr(39) || chr(39)) || chr(39) || ${prefix ? ':*' : ''}::text)`;
}
