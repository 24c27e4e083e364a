import { escapeXml as e } from '@/lib/rss/build-feed';
import { TORZNAB_CATEGORIES, torznabParent } from './categories';

/** Site categories are offered as Torznab subcategories numbered from here (the convention Jackett follows). */
export const SITE_CATEGORY_BASE = 100_000;

export const TORZNAB_LIMITS = { default: 50, max: 100 } as const;

/** Torznab error codes (the Newznab API's). */
export const TORZNAB_ERRORS = {
  badCredentials: 100,
  suspended: 101,
  notAllowed: 102,
  missingParameter: 200,
  badParameter: 201,
  noSuchFunction: 202,
  limitReached: 500,
  unknown: 900,
} as const;

export function torznabError(code: number, description: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<error code="${code}" description="${e(description)}"/>\n`;
}

/** `t=caps`: what the indexer supports and its categories: the standard ones in use, each site category below its own. */
export function capsXml(options: { title: string; categories: { id: number; name: string; torznabId: number }[] }): string {
  const byParent = new Map<number, { id: number; name: string }[]>();
  for (const c of options.categories) {
    const parent = torznabParent(c.torznabId);
    const list = byParent.get(parent) ?? [];
    list.push({ id: SITE_CATEGORY_BASE + c.id, name: c.name });
    if (c.torznabId !== parent && !list.some((s) => s.id === c.torznabId)) {
      list.push({ id: c.torznabId, name: TORZNAB_CATEGORIES.find((t) => t.id === c.torznabId)?.name ?? String(c.torznabId) });
    }
    byParent.set(parent, list);
  }
  const categories = [...byParent.entries()]
    .sort(([a], [b]) => a - b)
    .map(([parent, subs]) => {
      const name = TORZNAB_CATEGORIES.find((t) => t.id === parent)?.name ?? String(parent);
      return `<category id="${parent}" name="${e(name)}">${subs.map((s) => `<subcat id="${s.id}" name="${e(s.name)}"/>`).join('')}</category>`;
    });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<caps>',
    `<server version="1.0" title="${e(options.title)}"/>`,
    `<limits default="${TORZNAB_LIMITS.default}" max="${TORZNAB_LIMITS.max}"/>`,
    '<searching>',
    '<search available="yes" supportedParams="q"/>',
    '<tv-search available="yes" supportedParams="q,season,ep"/>',
    '<movie-search available="yes" supportedParams="q"/>',
    '<music-search available="no" supportedParams="q"/>',
    '<audio-search available="no" supportedParams="q"/>',
    '<book-search available="no" supportedParams="q"/>',
    '</searching>',
    `<categories>${categories.join('')}</categories>`,
    '</caps>',
    '',
  ].join('\n');
}

export interface TorznabItem {
  id: number;
  title: string;
  pageUrl: string;
  downloadUrl: string;
  pubDate: Date;
  size: bigint;
  /** The standard category first, then the site's own (SITE_CATEGORY_BASE + id). */
  categories: number[];
  seeders: number;
  leechers: number;
  grabs: number;
  infoHash: string;
  downloadVolumeFactor: number;
  uploadVolumeFactor: number;
}

export function resultsXml(options: { title: string; link: string; offset: number; total: number; items: TorznabItem[] }): string {
  const attr = (name: string, value: string | number | bigint) => `<torznab:attr name="${name}" value="${e(String(value))}"/>`;
  const items = options.items.map((i) => [
    '<item>',
    `<title>${e(i.title)}</title>`,
    `<guid isPermaLink="true">${e(i.pageUrl)}</guid>`,
    `<link>${e(i.downloadUrl)}</link>`,
    `<comments>${e(i.pageUrl)}</comments>`,
    `<pubDate>${i.pubDate.toUTCString()}</pubDate>`,
    `<size>${i.size}</size>`,
    ...i.categories.map((c) => `<category>${c}</category>`),
    `<enclosure url="${e(i.downloadUrl)}" length="${i.size}" type="application/x-bittorrent"/>`,
    ...i.categories.map((c) => attr('category', c)),
    attr('size', i.size),
    attr('seeders', i.seeders),
    attr('peers', i.seeders + i.leechers),
    attr('grabs', i.grabs),
    i.infoHash ? attr('infohash', i.infoHash) : '',
    attr('downloadvolumefactor', i.downloadVolumeFactor),
    attr('uploadvolumefactor', i.uploadVolumeFactor),
    '</item>',
  ].join(''));
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:torznab="http://torznab.com/schemas/2015/feed">',
    '<channel>',
    `<title>${e(options.title)}</title>`,
    `<link>${e(options.link)}</link>`,
    `<torznab:response offset="${options.offset}" total="${options.total}"/>`,
    ...items,
    '</channel>',
    '</rss>',
    '',
  ].join('\n');
}
