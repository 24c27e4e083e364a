import 'server-only';
import { db } from '@/lib/db/client';
import { type BrowseRow, browseTorrents } from '@/lib/db/search/browse';
import { AppError } from '@/lib/errors';
import type { SessionUser } from '@/lib/auth/session';
import { getSitePromotions } from './get-site-promotions';
import { uploadsListVisible } from './privacy/profile-privacy';
import { type BrowseQuery, MAX_QUERY_WORDS, PER_PAGE, searchQueryError, searchWords } from '@/lib/validation/browse';

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

/**
 * Browse and full-text search over title, file names and tags (lib/db/search), with filters and sorting;
 * `viewerId` is the member browsing, for "not yet snatched"; `viewer` the same member, whom the uploader filter
 * shows only the uploads lists members let them see (staff: all). A search too long to run is a BAD_REQUEST on the
 * field `q`. Torznab also filters by several category ids and pages by offset and limit instead of the site's pages.
 */
export async function searchTorrents(options: { query: BrowseQuery; viewerId?: number; viewer?: SessionUser; categoryIds?: number[]; window?: { offset: number; limit: number } }): Promise<SearchResult> {
  const { query } = options;
  const invalid = searchQueryError(query.q);
  if (invalid) throw new AppError('BAD_REQUEST', { userMessage: invalid, field: 'q' });
  // A member who hides their uploads list (profile paranoia) is not listed by the uploader filter either.
  if (query.uploader && !(await uploadsListVisible(options.viewer, query.uploader))) return { rows: [], total: 0, totalIsCapped: false, page: query.page, pages: 1 };
  const tags = query.tags.length ? await db().tag.findMany({ where: { name: { in: query.tags } }, select: { id: true } }) : [];
  if (tags.length < query.tags.length) return { rows: [], total: 0, totalIsCapped: false, page: query.page, pages: 1 };
  // While a site-wide freeleech runs every torrent is freeleech, so "freeleech only" filters nothing out.
  const siteFreeleech = query.freeleech && (await getSitePromotions()).freeleechUntil !== null;
  const { rows, matched } = await browseTorrents(db(), {
    filter: {
      words: query.q ? searchWords(query.q).slice(0, MAX_QUERY_WORDS) : [],
      categorySlugs: query.category,
      categoryIds: options.categoryIds,
      tagIds: tags.map((t) => t.id),
      freeleech: query.freeleech && !siteFreeleech,
      status: query.status,
      uploaderKey: query.uploader?.toLowerCase(),
      notSnatchedBy: query.unsnatched ? options.viewerId : undefined,
    },
    sort: query.sort,
    descending: query.order !== 'asc',
    limit: options.window?.limit ?? PER_PAGE,
    offset: options.window?.offset ?? (query.page - 1) * PER_PAGE,
    countCap: COUNT_CAP,
  });
  const total = Math.min(matched, COUNT_CAP);
  return {
    rows: rows.map(toRow),
    total,
    totalIsCapped: matched > COUNT_CAP,
    page: query.page,
    pages: Math.max(1, Math.ceil(total / PER_PAGE)),
  };
}

function toRow(r: BrowseRow): TorrentRow {
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
