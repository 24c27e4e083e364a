import { z } from 'zod';

export const SORTS = ['added', 'name', 'size', 'seeders', 'leechers', 'snatches'] as const;
export type BrowseSort = (typeof SORTS)[number];
export const PER_PAGE = 50;

const one = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const text = (max: number) => z.preprocess(one, z.string().trim().max(max).optional().catch(undefined));

/** Browse and search parameters, read from the URL; anything malformed falls back to its default. */
export const browseQuerySchema = z.object({
  q: text(200),
  category: text(64),
  tags: z.preprocess(
    (v) => (Array.isArray(v) ? v.join(',') : v),
    z
      .string()
      .optional()
      .transform((s) => (s ?? '').split(',').map((t) => t.trim().toLowerCase()).filter(Boolean).slice(0, 5))
      .catch([]),
  ),
  freeleech: z.preprocess(one, z.enum(['1']).optional().catch(undefined)).transform((v) => v === '1'),
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
  if (next.category) params.set('category', next.category);
  if (next.tags.length) params.set('tags', next.tags.join(','));
  if (next.freeleech) params.set('freeleech', '1');
  if (next.status) params.set('status', next.status);
  if (next.uploader) params.set('uploader', next.uploader);
  if (next.sort !== 'added') params.set('sort', next.sort);
  if (next.order !== 'desc') params.set('order', next.order);
  if (next.page > 1) params.set('page', String(next.page));
  const s = params.toString();
  return s ? `/torrents?${s}` : '/torrents';
}

/**
 * Turns what a member typed into an FTS5 query: each word becomes a quoted term (so FTS syntax characters are
 * literal), all must match, and the last one matches as a prefix while the member is still typing it.
 */
export function ftsQuery(input: string): string | null {
  const words = input.toLowerCase().match(/[\p{L}\p{N}]+/gu)?.slice(0, 8) ?? [];
  if (words.length === 0) return null;
  return words.map((w, i) => `"${w}"${i === words.length - 1 ? '*' : ''}`).join(' ');
}
