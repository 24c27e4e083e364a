import { createHash } from 'node:crypto';
import type { TorrentVersion } from './types';

export interface InfoHashes {
  /** SHA-1 of the info dictionary (BEP 3), for v1 and hybrid torrents. */
  v1: string | null;
  /** SHA-256 of the info dictionary (BEP 52), for v2 and hybrid torrents. */
  v2: string | null;
}

/** Both infohashes of a torrent, lowercase hex, from the exact bytes of its info dictionary. */
export function infoHashes(infoBytes: Uint8Array, version: TorrentVersion): InfoHashes {
  return {
    v1: version === 'v2' ? null : createHash('sha1').update(infoBytes).digest('hex'),
    v2: version === 'v1' ? null : createHash('sha256').update(infoBytes).digest('hex'),
  };
}

/** BEP 52: v2 peers announce and handshake with the SHA-256 infohash truncated to its first 20 bytes. */
export function v2Truncated(v2Hex: string): string {
  return v2Hex.slice(0, 40);
}

/** The piece-layer check is pure (no node:crypto); re-exported here for the server code that imports it from here. */
export { pieceLayerRoot, verifyPieceLayers } from './merkle';
