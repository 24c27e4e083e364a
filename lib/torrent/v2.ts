import type { BDict } from '@/lib/bencode';
import { fail, type TorrentError } from './errors';
import { field, fileLength, optionalField } from './fields';
import { NO_DATA, tooManyFiles } from './file-list';
import { MAX_PIECES, MAX_SIZE, SHA256_LENGTH } from './limits';
import { checkPath } from './path';
import { checkPieceLayers, type V2File } from './piece-layers';
import { ok, type Result } from './result';
import type { PieceLayer, TorrentFile } from './types';

export interface V2Layout {
  files: TorrentFile[];
  pieceCount: number;
  pieceLayers: PieceLayer[];
}

function treeError(message: string): { ok: false; error: TorrentError } {
  return fail('invalid-file-tree', `Invalid file tree: ${message}`);
}

function readLeaf(node: BDict, path: string[]): Result<V2File, TorrentError> {
  const shown = path.join('/');
  if (node.size !== 1) return treeError(`"${shown}" is both a file and a directory`);
  const leaf = field(node, '', 'dictionary', `file "${shown}"`);
  if (!leaf.ok) return leaf;
  const rawLength = field(leaf.value, 'length', 'integer', `file "${shown}"`);
  if (!rawLength.ok) return rawLength;
  const length = fileLength(rawLength.value, shown);
  if (!length.ok) return length;
  const root = optionalField(leaf.value, 'pieces root', 'byte string', `file "${shown}"`);
  if (!root.ok) return root;
  // BEP 52: empty files have no pieces root; any other file needs the 32-byte root of its merkle tree.
  if (length.value === 0) return ok({ path, length: 0, piecesRoot: null });
  if (root.value?.length !== SHA256_LENGTH) return treeError(`"${shown}" needs a 32-byte "pieces root"`);
  return ok({ path, length: length.value, piecesRoot: root.value });
}

/** Depth-first in key order, which is the order BEP 52 clients lay the files out in. */
function walk(node: BDict, prefix: string[], out: V2File[], maxFiles: number): Result<true, TorrentError> {
  for (const [key, child] of node) {
    const raw = [...prefix, key];
    const path = checkPath(raw);
    if (!path.ok) return path;
    const shown = path.value.join('/');
    if (!(child instanceof Map)) return treeError(`"${shown}" must be a dictionary`);
    if (child.has('')) {
      const file = readLeaf(child, path.value);
      if (!file.ok) return file;
      out.push(file.value);
      if (out.length > maxFiles) return tooManyFiles(maxFiles);
      continue;
    }
    if (child.size === 0) return treeError(`the directory "${shown}" is empty`);
    const nested = walk(child, raw, out, maxFiles);
    if (!nested.ok) return nested;
  }
  return ok(true);
}

/**
 * The BEP 52 layout: `file tree` (nested dictionaries whose leaves are `{"": {length, pieces root}}`), with
 * pieces counted per file, and the root-level `piece layers` checked for presence and size.
 */
export function parseV2(root: BDict, info: BDict, pieceLength: number, maxFiles: number): Result<V2Layout, TorrentError> {
  const tree = field(info, 'file tree', 'dictionary', 'the info dictionary');
  if (!tree.ok) return tree;
  const files: V2File[] = [];
  const walked = walk(tree.value, [], files, maxFiles);
  if (!walked.ok) return walked;
  let total = 0n;
  let pieceCount = 0;
  for (const file of files) {
    total += BigInt(file.length);
    pieceCount += Math.ceil(file.length / pieceLength);
  }
  if (total > MAX_SIZE) return fail('too-large', 'The torrent is larger than 2^53 bytes');
  if (total === 0n) return NO_DATA;
  if (pieceCount > MAX_PIECES) return fail('too-many-pieces', `The torrent has ${pieceCount} pieces; at most ${MAX_PIECES} are allowed`);
  const layers = checkPieceLayers(root, files, pieceLength);
  if (!layers.ok) return layers;
  return ok({ files: files.map(({ path, length }) => ({ path, length })), pieceCount, pieceLayers: layers.value });
}
