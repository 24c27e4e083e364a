import { createHash } from 'node:crypto';
import { fail, LAYERS_MISMATCH, type TorrentError } from './errors';
import { MIN_PIECE_LENGTH, SHA256_LENGTH } from './limits';
import { ok, type Result } from './result';
import type { ParsedTorrent, TorrentVersion } from './types';

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

function sha256Pair(left: Uint8Array, right: Uint8Array): Uint8Array {
  return createHash('sha256').update(left).update(right).digest();
}

/**
 * The merkle root over one file's piece hashes (BEP 52). The tree's leaves are 16 KiB blocks whose hashes
 * beyond the end of the file are zero, so a missing piece at the piece layer is the root of a subtree of
 * zero leaves, pieceLength / 16 KiB wide. The layer is padded with it to a power of two, then hashed pairwise.
 */
export function pieceLayerRoot(hashes: Uint8Array, pieceLength: number): Uint8Array {
  let pad: Uint8Array = new Uint8Array(SHA256_LENGTH);
  for (let width = MIN_PIECE_LENGTH; width < pieceLength; width *= 2) pad = sha256Pair(pad, pad);
  let level: Uint8Array[] = [];
  for (let at = 0; at < hashes.length; at += SHA256_LENGTH) level.push(hashes.subarray(at, at + SHA256_LENGTH));
  let width = 1;
  while (width < level.length) width *= 2;
  while (level.length < width) level.push(pad);
  while (level.length > 1) {
    const next: Uint8Array[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(sha256Pair(level[i] ?? pad, level[i + 1] ?? pad));
    level = next;
  }
  return level[0] ?? pad;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/** Checks that each v2 piece layer hashes up to its file's `pieces root`; `parseTorrent` only checked sizes. */
export function verifyPieceLayers(parsed: ParsedTorrent): Result<true, TorrentError> {
  for (const layer of parsed.pieceLayers) {
    if (!sameBytes(pieceLayerRoot(layer.hashes, parsed.pieceLength), layer.piecesRoot)) {
      return fail('piece-layers-mismatch', `${LAYERS_MISMATCH}: the layer for "${layer.path.join('/')}" does not hash to its pieces root`);
    }
  }
  return ok(true);
}
