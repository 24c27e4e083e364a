import { binaryStringToBytes, bytesToBinaryString, type BDict } from '@/lib/bencode';
import { fail, LAYERS_MISMATCH, type TorrentError } from './errors';
import { optionalField } from './fields';
import { SHA256_LENGTH } from './limits';
import { ok, type Result } from './result';
import type { PieceLayer } from './types';

export interface V2File {
  path: string[];
  length: number;
  piecesRoot: Uint8Array | null;
}

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}

function mismatch(detail: string): { ok: false; error: TorrentError } {
  return fail('piece-layers-mismatch', `${LAYERS_MISMATCH}: ${detail}`);
}

/**
 * BEP 52 `piece layers`: for every file longer than one piece, an entry keyed by its pieces root holding the
 * SHA-256 of each of its pieces. Shorter files need none (their root is the piece hash), and an entry no file
 * asks for is refused so the stored torrent carries nothing unchecked. Whether the hashes really lead to the
 * root is checked by `verifyPieceLayers` in `merkle.ts`.
 */
export function checkPieceLayers(root: BDict, files: readonly V2File[], pieceLength: number): Result<PieceLayer[], TorrentError> {
  const dict = optionalField(root, 'piece layers', 'dictionary', 'the torrent');
  if (!dict.ok) return dict;
  const entries = dict.value ?? new Map();
  const used = new Set<string>();
  const layers: PieceLayer[] = [];
  for (const file of files) {
    if (file.length <= pieceLength || file.piecesRoot === null) continue;
    const key = bytesToBinaryString(file.piecesRoot);
    const hashes = entries.get(key);
    const shown = file.path.join('/');
    if (hashes === undefined) return mismatch(`no layer for "${shown}"`);
    if (!(hashes instanceof Uint8Array)) return mismatch(`the layer for "${shown}" must be a byte string`);
    const expected = SHA256_LENGTH * Math.ceil(file.length / pieceLength);
    if (hashes.length !== expected) return mismatch(`the layer for "${shown}" is ${hashes.length} bytes, expected ${expected}`);
    used.add(key);
    layers.push({ path: file.path, length: file.length, piecesRoot: file.piecesRoot, hashes });
  }
  for (const key of entries.keys()) {
    if (!used.has(key)) return mismatch(`unexpected layer for pieces root ${toHex(binaryStringToBytes(key))}`);
  }
  return ok(layers);
}
