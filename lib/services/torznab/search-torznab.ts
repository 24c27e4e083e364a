import 'server-only';
import { env } from '@/lib/env';
import { torznabParent } from '@/lib/torznab/categories';
import { volumeFactors } from '@/lib/torznab/volume-factors';
import { capsXml, resultsXml, SITE_CATEGORY_BASE } from '@/lib/torznab/xml';
import { browseQuerySchema } from '@/lib/validation/browse';
import type { TorznabQuery } from '@/lib/validation/torznab';
import { type ApiCategoryDto, listApiCategories } from '../list-api-categories';
import { searchTorrents } from '../search-torrents';
import { effectiveModes } from '../torrent-modes';

/** The site categories a Torznab `cat` list asks for: by standard number, its parent, or a site subcategory. */
export function siteCategoriesFor(cats: number[], categories: ApiCategoryDto[]): number[] {
  const wanted = new Set(cats);
  return categories
    .filter((c) => wanted.has(c.torznabId) || wanted.has(torznabParent(c.torznabId)) || wanted.has(SITE_CATEGORY_BASE + c.id))
    .map((c) => c.id);
}

/** `t=caps`. */
export async function torznabCaps(): Promise<string> {
  return capsXml({ title: env().siteName, categories: await listApiCategories() });
}

/**
 * `t=search`, `tvsearch` and `movie`: newest first, with each item's standard and site category, counts, infohash
 * and the volume factors of the mode in effect (site-wide windows included). Links download with the token.
 */
export async function torznabSearch(options: { query: TorznabQuery; token: string }): Promise<string> {
  const { publicUrl, siteName } = env();
  const { query } = options;
  const categories = await listApiCategories();
  const categoryIds = query.cats ? siteCategoriesFor(query.cats, categories) : undefined;
  const result = await searchTorrents({
    query: browseQuerySchema.parse({ q: query.q }),
    categoryIds,
    window: { offset: query.offset, limit: query.limit },
  });
  const facts = await effectiveModes({ ids: result.rows.map((r) => r.id) });
  const bySlug = new Map(categories.map((c) => [c.slug, c]));
  return resultsXml({
    title: siteName,
    link: publicUrl,
    offset: query.offset,
    total: result.total,
    items: result.rows.map((r) => {
      const f = facts.get(r.id);
      const category = bySlug.get(r.categorySlug);
      const factors = volumeFactors(f ?? { freeleech: r.freeleech, neutral: false, doubleUpload: r.doubleUpload });
      return {
        id: r.id,
        title: r.title,
        pageUrl: `${publicUrl}/torrents/${r.id}`,
        downloadUrl: `${publicUrl}/api/torznab/download/${r.id}?apikey=${encodeURIComponent(options.token)}`,
        pubDate: r.createdAt,
        size: r.size,
        categories: category ? [category.torznabId, SITE_CATEGORY_BASE + category.id] : [8000],
        seeders: r.seeders,
        leechers: r.leechers,
        grabs: r.snatches,
        infoHash: f?.infoHash ?? '',
        downloadVolumeFactor: factors.download,
        uploadVolumeFactor: factors.upload,
      };
    }),
  });
}
