import { bytesToBinaryString, encode, type BEncodable } from '@/lib/bencode';

/** Helpers that build synthetic .torrent files for the tests; not a test file itself. */

export type Dict = Map<string, BEncodable>;

export const text = (value: string): Uint8Array => new TextEncoder().encode(value);

export function dict(entries: Record<string, BEncodable>): Dict {
  return new Map(Object.entries(entries));
}

export interface FileSpec {
  path: (string | Uint8Array)[];
  length: number | bigint;
  attr?: string;
}

function total(files: readonly FileSpec[]): bigint {
  return files.reduce((sum, file) => sum + BigInt(file.length), 0n);
}

/** SHA-1 placeholders: parseTorrent checks the number of piece hashes, not their values. */
export function fakePieces(totalBytes: bigint, pieceLength: number): Uint8Array {
  const count = Number((totalBytes + BigInt(pieceLength) - 1n) / BigInt(pieceLength));
  return new Uint8Array(20 * count);
}

export interface V1Options {
  name?: string;
  pieceLength?: number;
  /** Overrides the computed placeholder hashes (needed for huge sizes). */
  pieces?: Uint8Array;
}

export function v1Info(files: readonly FileSpec[], options: V1Options = {}): Dict {
  const pieceLength = options.pieceLength ?? 16384;
  const list = files.map((file) => {
    const entry = dict({ length: file.length, path: file.path.map((p) => (typeof p === 'string' ? text(p) : p)) });
    if (file.attr !== undefined) entry.set('attr', text(file.attr));
    return entry;
  });
  return dict({
    name: text(options.name ?? 'sample'),
    'piece length': pieceLength,
    files: list,
    pieces: options.pieces ?? fakePieces(total(files), pieceLength),
  });
}

export function v1SingleInfo(length: number | bigint, options: V1Options = {}): Dict {
  const pieceLength = options.pieceLength ?? 16384;
  return dict({
    name: text(options.name ?? 'sample.bin'),
    'piece length': pieceLength,
    length,
    pieces: options.pieces ?? fakePieces(BigInt(length), pieceLength),
  });
}

/** A distinct, recognisable 32-byte pieces root per file. */
export function fakeRoot(index: number): Uint8Array {
  return new Uint8Array(32).fill(index + 1);
}

/** A v2 `file tree` plus matching `piece layers` (right sizes, placeholder hashes). */
export function v2Parts(files: readonly FileSpec[], pieceLength = 16384): { fileTree: Dict; pieceLayers: Dict } {
  const fileTree: Dict = new Map();
  const pieceLayers: Dict = new Map();
  files.forEach((file, index) => {
    let node = fileTree;
    // Dictionary keys are binary strings (one char per byte), so text keys go in as their UTF-8 bytes.
    const parts = file.path.map((p) => bytesToBinaryString(typeof p === 'string' ? text(p) : p));
    for (const part of parts.slice(0, -1)) {
      const next = node.get(part);
      const child: Dict = next instanceof Map ? (next as Dict) : new Map();
      node.set(part, child);
      node = child;
    }
    const leaf = dict({ length: file.length });
    if (BigInt(file.length) > 0n) leaf.set('pieces root', fakeRoot(index));
    node.set(parts.at(-1) ?? '', dict({ '': leaf }));
    if (BigInt(file.length) > BigInt(pieceLength)) {
      const pieces = Number((BigInt(file.length) + BigInt(pieceLength) - 1n) / BigInt(pieceLength));
      pieceLayers.set(bytesToBinaryString(fakeRoot(index)), new Uint8Array(32 * pieces));
    }
  });
  return { fileTree, pieceLayers };
}

export function v2Torrent(files: readonly FileSpec[], options: { name?: string; pieceLength?: number } = {}): { info: Dict; root: Dict } {
  const pieceLength = options.pieceLength ?? 16384;
  const { fileTree, pieceLayers } = v2Parts(files, pieceLength);
  const info = dict({ name: text(options.name ?? 'sample'), 'piece length': pieceLength, 'meta version': 2, 'file tree': fileTree });
  return { info, root: dict({ info, 'piece layers': pieceLayers }) };
}

export function v2Bytes(files: readonly FileSpec[], options: { name?: string; pieceLength?: number } = {}): Uint8Array {
  return encode(v2Torrent(files, options).root);
}

export function torrent(info: BEncodable, rootExtras: Record<string, BEncodable> = {}): Uint8Array {
  return encode(dict({ ...rootExtras, info }));
}
