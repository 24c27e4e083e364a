import { decode, encode, type BDict } from '@/lib/bencode';
import type { ParsedTorrent } from './types';

const textEncoder = new TextEncoder();

/**
 * Keys that would point clients at other trackers, web seeds (BEP 19 `url-list`, BEP 17 `httpseeds`) or DHT
 * nodes (BEP 5): a private torrent must only ever talk to this tracker.
 */
const DROPPED_ROOT_KEYS = ['announce', 'announce-list', 'url-list', 'httpseeds', 'nodes'];

export interface RewrittenTorrent {
  /** The torrent to store: no announce URL, so it holds no passkey. */
  bytes: Uint8Array;
  /** The new info dictionary's bytes, whose SHA-1 / SHA-256 are the torrent's infohashes from now on. */
  infoBytes: Uint8Array;
}

/**
 * Makes an uploaded torrent the site's own: `private` = 1 (BEP 27) and `source` = the site name inside the
 * info dictionary, which changes the infohash so the swarm cannot mix with copies of the torrent announced
 * to other trackers or the DHT. Every other key is kept, including v2 `piece layers`.
 */
export function rewriteForTracker(parsed: ParsedTorrent, options: { source: string }): RewrittenTorrent {
  const info: BDict = new Map(parsed.info);
  info.set('private', 1n);
  info.set('source', textEncoder.encode(options.source));
  const root: BDict = new Map(parsed.root);
  for (const key of DROPPED_ROOT_KEYS) root.delete(key);
  root.set('info', info);
  return { bytes: encode(root), infoBytes: encode(info) };
}

/**
 * A member's copy of a stored torrent: the same bytes with the root `announce` set to their personal URL.
 * Only the root dictionary changes; the info dictionary is re-encoded from canonical bytes and so comes out
 * byte-identical, keeping both infohashes. Throws if `storedBytes` is not a torrent, which would mean the
 * stored file was corrupted after `rewriteForTracker` produced it.
 */
export function personalize(storedBytes: Uint8Array, announceUrl: string): Uint8Array {
  // The stored file already passed parseTorrent under the site's limit, so the default size limit must not apply.
  const decoded = decode(storedBytes, { maxBytes: Math.max(storedBytes.length, 1) });
  if (!decoded.ok || !(decoded.value instanceof Map)) throw new Error('The stored torrent is not a bencoded dictionary');
  const root: BDict = new Map(decoded.value);
  root.set('announce', textEncoder.encode(announceUrl));
  return encode(root);
}
