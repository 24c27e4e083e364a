import { bytesToBinaryString } from './bytes';
import { failureReasons } from './failure-reasons';
import { parseScrapeQueryString, type ScrapeQuery } from './query-string';
import { err, ok, type Result } from './result';

export const MAX_SCRAPE_HASHES = 100;

/** A validated scrape (BEP 48): 1-100 distinct 20-byte info hashes, in request order. */
export interface ScrapeRequest {
  infoHashes: Uint8Array[];
}

/**
 * Validates a scrape. A full-tracker scrape (no info_hash) is refused: on a private tracker it would list
 * every torrent. Repeated hashes are collapsed, because the response dictionary cannot hold a key twice.
 */
export function parseScrape(query: ScrapeQuery): Result<ScrapeRequest, string> {
  const hashes = query.infoHashes;
  if (hashes.length === 0) return err(failureReasons.scrapeRequiresInfoHash);
  if (hashes.length > MAX_SCRAPE_HASHES) return err(failureReasons.scrapeTooMany);
  for (const h of hashes) {
    if (h.length !== 20) return err(failureReasons.wrongLength('info_hash', 20, h.length));
  }
  if (hashes.length === 1) return ok({ infoHashes: hashes });
  const seen = new Set<string>();
  const infoHashes: Uint8Array[] = [];
  for (const h of hashes) {
    const id = bytesToBinaryString(h);
    if (seen.has(id)) continue;
    seen.add(id);
    infoHashes.push(h);
  }
  return ok({ infoHashes });
}

/** parseScrapeQueryString then parseScrape: the raw query text to a request or a `failure reason`. */
export function parseScrapeQuery(raw: string, maxLength?: number): Result<ScrapeRequest, string> {
  const query = parseScrapeQueryString(raw, maxLength);
  return query.ok ? parseScrape(query.value) : err(query.error.message);
}
