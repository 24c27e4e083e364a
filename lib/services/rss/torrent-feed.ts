import 'server-only';
import type { SessionUser } from '@/lib/auth/session';
import { env } from '@/lib/env';
import { formatBytes } from '@/lib/format';
import { buildRssFeed } from '@/lib/rss/build-feed';
import type { BrowseQuery } from '@/lib/validation/browse';
import { browseHref } from '@/lib/validation/browse';
import { searchTorrents } from '../search-torrents';
import { effectiveModes } from '../torrent-modes';

/**
 * The RSS 2.0 feed of the torrent list with the /torrents filters (newest first unless the query sorts), for the
 * member the RSS key belongs to. Enclosures download the member's personal .torrent with the same key.
 */
export async function torrentFeed(options: { actor: SessionUser; rssKey: string; query: BrowseQuery }): Promise<string> {
  const { publicUrl, siteName } = env();
  const result = await searchTorrents({ query: options.query, viewer: options.actor });
  const facts = await effectiveModes({ ids: result.rows.map((r) => r.id) });
  return buildRssFeed({
    title: `${siteName}: torrents`,
    link: `${publicUrl}${browseHref(options.query)}`,
    description: `New torrents on ${siteName} for ${options.actor.username}`,
    items: result.rows.map((r) => {
      const f = facts.get(r.id);
      const modes = [f?.neutral ? 'neutral' : null, f?.freeleech ? 'freeleech' : null, f?.doubleUpload ? 'double upload' : null].filter(Boolean);
      return {
        title: r.title,
        link: `${publicUrl}/torrents/${r.id}`,
        guid: `${publicUrl}/torrents/${r.id}`,
        pubDate: r.createdAt,
        category: r.category,
        size: r.size,
        seeders: r.seeders,
        leechers: r.leechers,
        infoHash: f?.infoHash || null,
        enclosureUrl: `${publicUrl}/rss/${options.rssKey}/download/${r.id}`,
        description: [`${r.category}`, formatBytes(r.size), `${r.seeders} seeders, ${r.leechers} leechers`, ...modes, r.tags.length ? `tags: ${r.tags.join(', ')}` : null].filter(Boolean).join(' · '),
      };
    }),
  });
}
