/**
 * RSS 2.0 (https://www.rssboard.org/rss-specification) of torrents for BitTorrent clients' RSS downloaders. Each
 * item's enclosure is the member's personal .torrent; the `torrent:` elements (the ezRSS namespace several clients
 * read) carry size, seeders, peers and infohash.
 */
export interface FeedItem {
  title: string;
  link: string;
  guid: string;
  pubDate: Date;
  category: string;
  size: bigint;
  seeders: number;
  leechers: number;
  infoHash: string | null;
  enclosureUrl: string;
  description: string;
}

export interface Feed {
  title: string;
  link: string;
  description: string;
  items: FeedItem[];
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!)
    // Characters XML 1.0 forbids (control characters other than tab, newline and return).
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
}

export function buildRssFeed(feed: Feed): string {
  const e = escapeXml;
  const items = feed.items.map((item) => [
    '<item>',
    `<title>${e(item.title)}</title>`,
    `<link>${e(item.link)}</link>`,
    `<guid isPermaLink="false">${e(item.guid)}</guid>`,
    `<pubDate>${item.pubDate.toUTCString()}</pubDate>`,
    `<category>${e(item.category)}</category>`,
    `<description>${e(item.description)}</description>`,
    `<enclosure url="${e(item.enclosureUrl)}" length="${item.size}" type="application/x-bittorrent"/>`,
    `<torrent:contentLength>${item.size}</torrent:contentLength>`,
    `<torrent:seeds>${item.seeders}</torrent:seeds>`,
    `<torrent:peers>${item.seeders + item.leechers}</torrent:peers>`,
    item.infoHash ? `<torrent:infoHash>${e(item.infoHash)}</torrent:infoHash>` : '',
    '</item>',
  ].join(''));
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:torrent="http://xmlns.ezrss.it/0.1/">',
    '<channel>',
    `<title>${e(feed.title)}</title>`,
    `<link>${e(feed.link)}</link>`,
    `<description>${e(feed.description)}</description>`,
    '<ttl>10</ttl>',
    ...items,
    '</channel>',
    '</rss>',
    '',
  ].join('\n');
}
