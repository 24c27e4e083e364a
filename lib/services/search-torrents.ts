import 'server-only';
import { db } from '@/lib/db/client';
import { type BrowseQuery, PER_PAGE, ftsQuery } from '@/lib/validation/browse';

export interface TorrentRow {
  id: number;
  title: string;
  category: string;
  categorySlug: string;
  size: bigint;
  fileCount: number;
  createdAt: Date;
  seeders: number;
  leechers: number;
  snatches: number;
  freeleech: boolean;
  doubleUpload: boolean;
  uploader: string;
  tags: string[];
}

export interface SearchResult {
  rows: TorrentRow[];
  /** Exact up to COUNT_CAP; beyond it the page shows "more than". */
  total: number;
  totalIsCapped: boolean;
  page: number;
  pages: number;
}

const COUNT_CAP = 1_000;
// Ids grow with upload time, so "added" sorts by id: the primary key (or the FTS index's rowid order) serves
// it without sorting, and a keyword search stops after the first page of matches.
const ORDER: Record<BrowseQuery['sort'], string> = {
  added: 't.id',
  name: 't.title',
  size: 't.size',
  seeders: 't.seeders',
  leechers: 't.leechers',
  snatches: 't.snatches',
};

/**
 * Builds FROM and WHERE for a browse query; every value is a bound parameter. A keyword search sorted by
 * date is driven by the full-text index in rowid order; other sorts test membership in the match set.
 */
function whereClause(query: BrowseQuery, tagIds: number[]): { from: string; sql: string; params: unknown[] } {
  const parts = ['t.deletedAt IS NULL'];
  const params: unknown[] = [];
  let from = 'Torrent t';
  const match = query.q ? ftsQuery(query.q) : null;
  if (match && query.sort === 'added') {
    from = 'torrent_search s JOIN Torrent t ON t.id = s.rowid';
    parts.unshift('s.torrent_search MATCH ?');
    params.push(match);
  } else if (match) {
    parts.push('t.id IN (SELECT rowid FROM torrent_search WHERE torrent_search MATCH ?)');
    params.push(match);
  }
  if (query.category) {
    parts.push('t.categoryId = (SELECT id FROM Category WHERE slug = ?)');
    params.push(query.category);
  }
  for (const tagId of tagIds) {
    parts.push('t.id IN (SELECT torrentId FROM TorrentTag WHERE tagId = ?)');
    params.push(tagId);
  }
  if (query.freeleech) parts.push('t.freeleech = 1');
  if (query.status === 'alive') parts.push('t.seeders > 0');
  if (query.status === 'dead') parts.push('t.seeders = 0');
  if (query.uploader) {
    parts.push('t.uploaderId = (SELECT id FROM User WHERE usernameKey = ?)');
    params.push(query.uploader.toLowerCase());
  }
  return { from, sql: parts.join(' AND '), params };
}

interface RawRow {
  id: number;
  title: string;
  category: string;
  categorySlug: string;
  size: bigint | number;
  fileCount: number;
  createdAt: Date | string | number;
  seeders: number;
  leechers: number;
  snatches: number;
  freeleech: number | boolean;
  doubleUpload: number | boolean;
  uploader: string;
  tags: string | null;
}

/** Browse and full-text search over title, file names and tags (SQLite FTS5), with filters and sorting. */
export async function searchTorrents(options: { query: BrowseQuery }): Promise<SearchResult> {
  const { query } = options;
  const tags = query.tags.length ? await db().tag.findMany({ where: { name: { in: query.tags } }, select: { id: true } }) : [];
  if (tags.length < query.tags.length) return { rows: [], total: 0, totalIsCapped: false, page: query.page, pages: 1 };
  const where = whereClause(query, tags.map((t) => t.id));
  const direction = query.order === 'asc' ? 'ASC' : 'DESC';
  const offset = (query.page - 1) * PER_PAGE;
  const rows = await db().$queryRawUnsafe<RawRow[]>(
    `SELECT t.id, t.title, c.name AS category, c.slug AS categorySlug, t.size, t.fileCount, t.createdAt,
            t.seeders, t.leechers, t.snatches, t.freeleech, t.doubleUpload, u.username AS uploader,
            (SELECT group_concat(g.name, ',') FROM TorrentTag tt JOIN Tag g ON g.id = tt.tagId WHERE tt.torrentId = t.id) AS tags
       FROM ${where.from} JOIN Category c ON c.id = t.categoryId JOIN User u ON u.id = t.uploaderId
      WHERE ${where.sql}
      ORDER BY ${query.sort === 'added' && where.from !== 'Torrent t' ? 's.rowid' : ORDER[query.sort]} ${direction}${query.sort === 'added' ? '' : `, t.id ${direction}`}
      LIMIT ? OFFSET ?`,
    ...where.params,
    PER_PAGE,
    offset,
  );
  const counted = await db().$queryRawUnsafe<{ n: number | bigint }[]>(
    `SELECT count(*) AS n FROM (SELECT 1 FROM ${where.from} WHERE ${where.sql} LIMIT ${COUNT_CAP + 1})`,
    ...where.params,
  );
  const n = Number(counted[0]?.n ?? 0);
  const total = Math.min(n, COUNT_CAP);
  return {
    rows: rows.map(toRow),
    total,
    totalIsCapped: n > COUNT_CAP,
    page: query.page,
    pages: Math.max(1, Math.ceil(total / PER_PAGE)),
  };
}

function toRow(r: RawRow): TorrentRow {
  return {
    id: Number(r.id),
    title: r.title,
    category: r.category,
    categorySlug: r.categorySlug,
    size: BigInt(r.size),
    fileCount: Number(r.fileCount),
    createdAt: new Date(r.createdAt),
    seeders: Number(r.seeders),
    leechers: Number(r.leechers),
    snatches: Number(r.snatches),
    freeleech: Boolean(r.freeleech),
    doubleUpload: Boolean(r.doubleUpload),
    uploader: r.uploader,
    tags: r.tags ? r.tags.split(',').sort() : [],
  };
}
