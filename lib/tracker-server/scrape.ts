import { encodeFailure, encodeScrape, parseScrapeQuery, type ScrapeFile } from '@/lib/tracker';
import type { TrackerContext } from './context';
import type { TorrentInfo } from './directory';
import type { TrackerReply } from './request';
import { isPending, type Awaitable } from './store';
import { trackerMessages } from './messages';

/**
 * Scrape (BEP 48) for up to 100 hashes, answered from memory: seeders and leechers from the swarm, snatches
 * from the torrent cache. Unknown and deleted torrents are left out of `files`, as BEP 48 allows, so a scrape
 * reveals nothing about hashes the site does not serve. A scrape without info_hash is refused by the parser.
 * Torrents missing from the cache of an asynchronous store are read together, and the reply waits for them.
 */
export function handleScrape(ctx: TrackerContext, query: string, reply: TrackerReply): void {
  const parsed = parseScrapeQuery(query);
  if (!parsed.ok) return reply.send(encodeFailure(parsed.error, ctx.settings.minIntervalSeconds));
  const { infoHashes } = parsed.value;
  const torrents: Awaitable<TorrentInfo | null>[] = infoHashes.map((hash) => ctx.directory.torrent(hash));
  if (!torrents.some(isPending)) return answer(ctx, infoHashes, torrents as (TorrentInfo | null)[], reply);
  Promise.all(torrents).then((found) => answer(ctx, infoHashes, found, reply)).catch(
    (error: unknown) => {
      ctx.readFailed(error);
      reply.send(encodeFailure(trackerMessages.unavailable, ctx.settings.minIntervalSeconds));
    },
  );
}

function answer(ctx: TrackerContext, infoHashes: readonly Uint8Array[], torrents: readonly (TorrentInfo | null)[], reply: TrackerReply): void {
  const files: ScrapeFile[] = [];
  infoHashes.forEach((infoHash, i) => {
    const torrent = torrents[i];
    if (torrent === undefined || torrent === null || torrent.deleted) return;
    const counts = ctx.swarms.counts(torrent.id);
    files.push({ infoHash, complete: counts.seeders, incomplete: counts.leechers, downloaded: torrent.snatches });
  });
  reply.send(encodeScrape(files));
}
