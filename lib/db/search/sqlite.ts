import { Prisma } from '../generated/client';
import type { SearchIndex } from './index';

/**
 * SQLite: a contentless FTS5 table whose rowid is the torrent's id (unicode61 tokenizer with remove_diacritics 2,
 * prefix indexes of 2 and 3 characters; see the init migration). A keyword search sorted by date walks the index
 * in rowid order and stops after the first page of matches.
 */
export const sqliteSearchIndex: SearchIndex = {
  async write(tx, document) {
    await tx.$executeRaw`DELETE FROM torrent_search WHERE rowid = ${document.torrentId}`;
    await tx.$executeRaw`INSERT INTO torrent_search (rowid, title, files, tags)
      VALUES (${document.torrentId}, ${document.title}, ${document.files.map((f) => f.replace(/[/._-]+/g, ' ')).join('\n')}, ${document.tags.join(' ')})`;
  },

  async remove(tx, torrentId) {
    await tx.$executeRaw`DELETE FROM torrent_search WHERE rowid = ${torrentId}`;
  },

  async match(_client, words, { drivesOrder }) {
    const query = ftsQuery(words);
    if (drivesOrder) {
      return {
        from: Prisma.sql`torrent_search s JOIN "Torrent" t ON t.id = s.rowid`,
        where: Prisma.sql`s.torrent_search MATCH ${query}`,
        idOrder: Prisma.sql`s.rowid`,
      };
    }
    return {
      from: Prisma.sql`"Torrent" t`,
      where: Prisma.sql`t.id IN (SELECT rowid FROM torrent_search WHERE torrent_search MATCH ${query})`,
      idOrder: Prisma.sql`t.id`,
    };
  },
};

/** Each word a quoted FTS5 term (so its syntax characters are literal), all required, the last as a prefix. */
export function ftsQuery(words: readonly string[]): string {
  return words.map((w, i) => `"${w}"${i === words.length - 1 ? '*' : ''}`).join(' ');
}
