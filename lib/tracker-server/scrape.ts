import { encodeFailure, encodeScrape, parseScrapeQuery, type ScrapeFile } from '@/lib/tracker';
import type { TrackerContext } from './context';
import type { TrackerReply } from './request';

/**
 * Scrape (BEP 48) for up to 100 hashes, answered from memory: seeders and leechers from the swarm, snatches
 * from the torrent cache. Unknown and deleted torrents are left out of `files`, as BEP 48 allows, so a scrape
 * reveals nothing about hashes the site does not serve. A scrape without info_hash is refused by the parser.
 */
export function handleScrape(ctx: TrackerContext, query: string, reply: TrackerReply): void {
  const parsed = parseScrapeQuery(query);
  if (!parsed.ok) return reply.send(encodeFailure(parsed.error, ctx.settings.minIntervalSeconds));
  const files: ScrapeFile[] = [];
  for (const infoHash of parsed.value.infoHashes) {
    const torrent = ctx.directory.torrent(infoHash);
    if (torrent === null || torrent.deleted) continue;
    const counts = ctx.swarms.counts(torrent.id);
    files.push({ infoHash, complete: counts.seeders, incomplete: counts.leechers, downloaded: torrent.snatches });
  }
  reply.send(encodeScrape(files));
}
