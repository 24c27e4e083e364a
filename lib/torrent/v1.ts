import { bytesToBinaryString, type BDict, type BValue } from '@/lib/bencode';
import { fail, type TorrentError } from './errors';
import { field, fileLength, optionalField } from './fields';
import { MAX_PIECES, MAX_SIZE, SHA1_LENGTH } from './limits';
import { checkPath, displayPath } from './path';
import { ok, type Result } from './result';
import type { TorrentFile } from './types';
import { checkUniquePaths, NO_DATA, tooManyFiles } from './file-list';

const INFO = 'the info dictionary';

export interface V1Layout {
  files: TorrentFile[];
  pieceCount: number;
}

function readFile(entry: BValue, index: number): Result<TorrentFile, TorrentError> {
  const where = `file ${index + 1} of "files"`;
  if (!(entry instanceof Map)) return fail('invalid-structure', `Entry ${index + 1} of "files" must be a dictionary`);
  const dict = entry;
  const rawPath = field(dict, 'path', 'list', where);
  if (!rawPath.ok) return rawPath;
  const elements: string[] = [];
  for (const part of rawPath.value) {
    if (!(part instanceof Uint8Array)) return fail('invalid-structure', `"path" in ${where} must be a list of byte strings`);
    elements.push(bytesToBinaryString(part));
  }
  const path = checkPath(elements);
  if (!path.ok) return path;
  const rawLength = field(dict, 'length', 'integer', `file "${displayPath(elements)}"`);
  if (!rawLength.ok) return rawLength;
  const length = fileLength(rawLength.value, displayPath(elements));
  if (!length.ok) return length;
  const attr = optionalField(dict, 'attr', 'byte string', `file "${displayPath(elements)}"`);
  if (!attr.ok) return attr;
  // BEP 47: `attr` is a set of flag characters; `p` marks a padding file.
  const padding = attr.value !== undefined && attr.value.includes(0x70);
  return ok(padding ? { path: path.value, length: length.value, padding } : { path: path.value, length: length.value });
}

function readFiles(info: BDict, name: string, maxFiles: number): Result<TorrentFile[], TorrentError> {
  const single = info.has('length');
  if (single === info.has('files')) {
    const which = single ? ', not both' : '';
    return fail('invalid-structure', `The info dictionary must have either "length" (one file) or "files" (several files)${which}`);
  }
  if (single) {
    const raw = field(info, 'length', 'integer', INFO);
    if (!raw.ok) return raw;
    const length = fileLength(raw.value, name);
    return length.ok ? ok([{ path: [name], length: length.value }]) : length;
  }
  const list = field(info, 'files', 'list', INFO);
  if (!list.ok) return list;
  if (list.value.length > maxFiles) return tooManyFiles(maxFiles);
  const files: TorrentFile[] = [];
  for (const [index, entry] of list.value.entries()) {
    const file = readFile(entry, index);
    if (!file.ok) return file;
    files.push(file.value);
  }
  return ok(files);
}

/**
 * The BEP 3 layout: `length` (single file) or `files` (BEP 47 padding files allowed), and `pieces`, one SHA-1
 * per piece of the concatenated files. The piece count must be exactly ceil(total / piece length).
 */
export function parseV1(info: BDict, name: string, pieceLength: number, maxFiles: number): Result<V1Layout, TorrentError> {
  const files = readFiles(info, name, maxFiles);
  if (!files.ok) return files;
  const unique = checkUniquePaths(files.value);
  if (!unique.ok) return unique;
  let total = 0n;
  let payload = 0n;
  for (const file of files.value) {
    total += BigInt(file.length);
    if (!file.padding) payload += BigInt(file.length);
  }
  if (total > MAX_SIZE) return fail('too-large', 'The torrent is larger than 2^53 bytes');
  if (payload === 0n) return NO_DATA;
  const pieces = field(info, 'pieces', 'byte string', INFO);
  if (!pieces.ok) return pieces;
  if (pieces.value.length % SHA1_LENGTH !== 0) {
    return fail('invalid-pieces', `"pieces" must be a multiple of 20 bytes long, got ${pieces.value.length} bytes`);
  }
  const expected = Number((total + BigInt(pieceLength) - 1n) / BigInt(pieceLength));
  if (expected > MAX_PIECES) return fail('too-many-pieces', `The torrent has ${expected} pieces; at most ${MAX_PIECES} are allowed`);
  const count = pieces.value.length / SHA1_LENGTH;
  if (count !== expected) {
    return fail('invalid-pieces', `"pieces" holds ${count} piece hashes, but ${total} bytes in pieces of ${pieceLength} bytes need ${expected}`);
  }
  return ok({ files: files.value, pieceCount: count });
}
