import { queryObject } from '@/lib/http/query-object';
import { plainError } from '@/lib/http/plain-error';
import { memberByRssKey } from '@/lib/services/rss/rss-member';
import { torrentFeed } from '@/lib/services/rss/torrent-feed';
import { browseQuerySchema } from '@/lib/validation/browse';

/** The member's RSS feed of the torrent list, filtered as /torrents is (`?category=…&tags=…&q=…&freeleech=1&uploader=…`). */
export async function GET(request: Request, { params }: { params: Promise<{ key: string }> }) {
  const { key } = await params;
  try {
    const actor = await memberByRssKey({ key });
    const xml = await torrentFeed({ actor, rssKey: key, query: browseQuerySchema.parse(queryObject(request)) });
    return new Response(xml, { headers: { 'content-type': 'application/rss+xml; charset=utf-8', 'cache-control': 'private, no-store' } });
  } catch (thrown) {
    return plainError(thrown);
  }
}
