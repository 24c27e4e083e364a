import { fail, LAYERS_MISMATCH, type TorrentError } from './errors';
import { MIN_PIECE_LENGTH, SHA256_LENGTH } from './limits';
import { ok, type Result } from './result';
import { sha256Pair } from './sha256';
import type { ParsedTorrent } from './types';

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

/**
 * Checks that each v2 piece layer hashes up to its file's `pieces root` (BEP 52); `parseTorrent` only checked
 * their sizes. Pure (no `node:crypto`), so the upload page runs exactly the check the server runs.
 */
export function verifyPieceLayers(parsed: ParsedTorrent): Result<true, TorrentError> {
  for (const layer of parsed.pieceLayers) {
    if (!sameBytes(pieceLayerRoot(layer.hashes, parsed.pieceLength), layer.piecesRoot)) {
      return fail('piece-layers-mismatch', `${LAYERS_MISMATCH}: the layer for "${layer.path.join('/')}" does not hash to its pieces root`);
    }
  }
  return ok(true);
}
