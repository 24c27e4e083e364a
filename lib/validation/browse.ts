import { z } from 'zod';

export const SORTS = ['added', 'name', 'size', 'seeders', 'leechers', 'snatches'] as const;
export type BrowseSort = (typeof SORTS)[number];
export const PER_PAGE = 50;

const one = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const text = (max: number) => z.preprocess(one, z.string().trim().max(max).optional().catch(undefined));
/** Repeated keys or one comma-separated value, lowercased, at most `max` items. */
const list = (max: number) =>
  z.preprocess(
    (v) => (Array.isArray(v) ? v.join(',') : v),
    z
      .string()
      .optional()
      .transform((s) => [...new Set((s ?? '').split(',').map((t) => t.trim().toLowerCase()).filter((t) => t.length > 0 && t.length <= 64))].slice(0, max))
      .catch([]),
  );
const flag = z.preprocess(one, z.enum(['1']).optional().catch(undefined)).transform((v) => v === '1');

/** The longest search: a query past it is refused with a message (searchQueryError), not silently dropped. */
export const MAX_QUERY_LENGTH = 200;

/**
 * Browse and search parameters, read from the URL; anything malformed falls back to its default, except a search
 * that is too long, which is kept so that the search can say so (a silently dropped search lists every torrent).
 */
export const browseQuerySchema = z.object({
  q: z.preprocess(one, z.string().trim().optional().catch(undefined)),
  category: list(20),
  tags: list(5),
  freeleech: flag,
  /** Only torrents the member browsing has not completed. */
  unsnatched: flag,
  status: z.preprocess(one, z.enum(['alive', 'dead']).optional().catch(undefined)),
  uploader: text(32),
  sort: z.preprocess(one, z.enum(SORTS).default('added').catch('added')),
  order: z.preprocess(one, z.enum(['asc', 'desc']).default('desc').catch('desc')),
  page: z.preprocess(one, z.coerce.number().int().min(1).max(10_000).default(1).catch(1)),
});
export type BrowseQuery = z.infer<typeof browseQuerySchema>;

/** The URL query for a browse state, leaving defaults out so links stay short. */
export function browseHref(query: BrowseQuery, change: Partial<BrowseQuery> = {}): string {
  const next = { ...query, ...change };
  const params = new URLSearchParams();
  if (next.q) params.set('q', next.q);
  if (next.category.length) params.set('category', next.category.join(','));
  if (next.tags.length) params.set('tags', next.tags.join(','));
  if (next.freeleech) params.set('freeleech', '1');
  if (next.unsnatched) params.set('unsnatched', '1');
  if (next.status) params.set('status', next.status);
  if (next.uploader) params.set('uploader', next.uploader);
  if (next.sort !== 'added') params.set('sort', next.sort);
  if (next.order !== 'desc') params.set('order', next.order);
  if (next.page > 1) params.set('page', String(next.page));
  const s = params.toString();
  return s ? `/torrents?${s}` : '/torrents';
}

/** Why a search cannot run, or null. */
export function searchQueryError(q: string | undefined): string | null {
  if (q === undefined || q.length <= MAX_QUERY_LENGTH) return null;
  return `Search is at most ${MAX_QUERY_LENGTH} characters; yours has ${q.length.toLocaleString('en')}. Shorten it.`;
}

/** A query's words beyond this many are ignored. */
export const MAX_QUERY_WORDS = 8;

/**
 * The words search matches, in text a member typed or in a torrent's title, file names and tags: runs of letters
 * and digits, lowercased; everything else (spaces, punctuation, `.`, `_`, `/`) separates them, as SQLite's FTS5
 * unicode61 tokenizer cuts text. Queries reach both search indexes (lib/db/search) as these words, and
 * PostgreSQL's documents are made of them, so that what matches does not depend on the database.
 */
export function searchWords(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}
