import type { Db } from '../client';
import { Prisma } from '../generated/client';
import { searchIndex } from './index';

export type BrowseSort = 'added' | 'name' | 'size' | 'seeders' | 'leechers' | 'snatches';

/** A browse or search, resolved to values the SQL binds (ids, lowercase keys). */
export interface BrowseFilter {
  /** What searchWords() made of the query; empty when browsing without one. */
  words: readonly string[];
  /** Any of these categories; empty for all. */
  categorySlugs: readonly string[];
  /** Any of these categories (Torznab's category filter); an empty list matches nothing. */
  categoryIds?: readonly number[];
  tagIds: readonly number[];
  freeleech: boolean;
  status?: 'alive' | 'dead';
  uploaderKey?: string;
  /** Leave out torrents this member has completed. */
  notSnatchedBy?: number;
}

export interface BrowseRow {
  id: number | bigint;
  title: string;
  category: string;
  categorySlug: string;
  size: bigint | number;
  fileCount: number | bigint;
  createdAt: Date | string | number;
  seeders: number | bigint;
  leechers: number | bigint;
  snatches: number | bigint;
  freeleech: number | boolean;
  doubleUpload: number | boolean;
  uploader: string;
  /** Tag names joined by commas, or null. */
  tags: string | null;
}

// Ids grow with upload time, so "added" sorts by id: the primary key (or the full-text index, see MatchSql)
// serves it without sorting, and a keyword search stops after the first page of matches.
const ORDER: Record<Exclude<BrowseSort, 'added'>, Prisma.Sql> = {
  name: Prisma.sql`t.title`,
  size: Prisma.sql`t.size`,
  seeders: Prisma.sql`t.seeders`,
  leechers: Prisma.sql`t.leechers`,
  snatches: Prisma.sql`t.snatches`,
};

/**
 * One page of torrents, and how many match up to `countCap` (+1, to tell "more than"). The SQL is the same on
 * both databases but for the full-text match (searchIndex()); every value is a bound parameter.
 */
export async function browseTorrents(
  client: Db,
  options: { filter: BrowseFilter; sort: BrowseSort; descending: boolean; limit: number; offset: number; countCap: number },
): Promise<{ rows: BrowseRow[]; matched: number }> {
  const { filter, sort } = options;
  const match = filter.words.length > 0 ? await searchIndex().match(client, filter.words, { drivesOrder: sort === 'added' }) : null;
  const from = match?.from ?? Prisma.sql`"Torrent" t`;
  const where = Prisma.join(conditions(filter, match?.where, sort === 'added'), ' AND ');
  const direction = Prisma.raw(options.descending ? 'DESC' : 'ASC');
  const order = sort === 'added'
    ? Prisma.sql`${match?.idOrder ?? Prisma.sql`t.id`} ${direction}`
    : Prisma.sql`${ORDER[sort]} ${direction}, t.id ${direction}`;
  const rows = await client.$queryRaw<BrowseRow[]>`
    SELECT t.id, t.title, c.name AS category, c.slug AS "categorySlug", t.size, t."fileCount" AS "fileCount",
           t."createdAt" AS "createdAt", t.seeders, t.leechers, t.snatches, t.freeleech, t."doubleUpload" AS "doubleUpload",
           u.username AS uploader,
           (SELECT string_agg(g.name, ',') FROM "TorrentTag" tt JOIN "Tag" g ON g.id = tt."tagId" WHERE tt."torrentId" = t.id) AS tags
      FROM ${from} JOIN "Category" c ON c.id = t."categoryId" JOIN "User" u ON u.id = t."uploaderId"
     WHERE ${where}
     ORDER BY ${order}
     LIMIT ${options.limit} OFFSET ${options.offset}`;
  const counted = await client.$queryRaw<{ n: number | bigint }[]>`
    SELECT count(*) AS n FROM (SELECT 1 FROM ${from} WHERE ${where} LIMIT ${options.countCap + 1}) AS capped`;
  return { rows, matched: Number(counted[0]?.n ?? 0) };
}

function conditions(filter: BrowseFilter, match: Prisma.Sql | undefined, matchFirst: boolean): Prisma.Sql[] {
  const parts = [Prisma.sql`t."deletedAt" IS NULL`];
  if (match && matchFirst) parts.unshift(match);
  else if (match) parts.push(match);
  if (filter.categorySlugs.length) parts.push(Prisma.sql`t."categoryId" IN (SELECT id FROM "Category" WHERE slug IN (${Prisma.join(filter.categorySlugs)}))`);
  if (filter.categoryIds) parts.push(filter.categoryIds.length ? Prisma.sql`t."categoryId" IN (${Prisma.join(filter.categoryIds)})` : Prisma.sql`1 = 0`);
  for (const tagId of filter.tagIds) parts.push(Prisma.sql`t.id IN (SELECT "torrentId" FROM "TorrentTag" WHERE "tagId" = ${tagId})`);
  if (filter.freeleech) parts.push(Prisma.sql`t.freeleech = TRUE`);
  if (filter.status === 'alive') parts.push(Prisma.sql`t.seeders > 0`);
  if (filter.status === 'dead') parts.push(Prisma.sql`t.seeders = 0`);
  if (filter.notSnatchedBy !== undefined) parts.push(Prisma.sql`t.id NOT IN (SELECT "torrentId" FROM "UserTorrent" WHERE "userId" = ${filter.notSnatchedBy} AND "completedAt" IS NOT NULL)`);
  if (filter.uploaderKey) parts.push(Prisma.sql`t."uploaderId" = (SELECT id FROM "User" WHERE "usernameKey" = ${filter.uploaderKey})`);
  return parts;
}
