import { bytesToBinaryString, decode, encode, type BDict } from '@/lib/bencode';
import { fail, type TorrentError } from './errors';
import { field, optionalField } from './fields';
import { checkHybrid } from './hybrid';
import { DEFAULT_MAX_FILES, MAX_PIECE_LENGTH, MIN_PIECE_LENGTH } from './limits';
import { creationDate, isPrivate, optionalText } from './metadata';
import { checkName } from './path';
import { ok, type Result } from './result';
import type { ParsedTorrent, PieceLayer, TorrentVersion } from './types';
import { parseV1, type V1Layout } from './v1';
import { parseV2, type V2Layout } from './v2';

const INFO = 'the info dictionary';

export interface ParseOptions {
  /** Refuse inputs longer than this many bytes (passed to the bencode decoder). */
  maxBytes?: number;
  /** Refuse torrents listing more files than this, padding files included; default 10,000. */
  maxFiles?: number;
}

function checkPieceLength(value: bigint): Result<number, TorrentError> {
  const n = Number(value);
  const powerOfTwo = value > 0n && (value & (value - 1n)) === 0n;
  if (!powerOfTwo || n < MIN_PIECE_LENGTH || n > MAX_PIECE_LENGTH) {
    return fail('invalid-piece-length', `"piece length" must be a power of two between 16 KiB and 64 MiB, got ${value}`);
  }
  return ok(n);
}

function checkMetaVersion(value: bigint | undefined): Result<boolean, TorrentError> {
  if (value === undefined) return ok(false);
  if (value !== 2n) return fail('unsupported-meta-version', `Unsupported "meta version" ${value}: only 2 (BitTorrent v2) is known`);
  return ok(true);
}

interface Header {
  name: string;
  pieceLength: number;
  hasV1: boolean;
  hasV2: boolean;
}

/** The fields every version shares, and which layouts (v1, v2 or both) the info dictionary carries. */
function readHeader(info: BDict): Result<Header, TorrentError> {
  const rawName = field(info, 'name', 'byte string', INFO);
  if (!rawName.ok) return rawName;
  const name = checkName(bytesToBinaryString(rawName.value));
  if (!name.ok) return name;
  const rawPieceLength = field(info, 'piece length', 'integer', INFO);
  if (!rawPieceLength.ok) return rawPieceLength;
  const pieceLength = checkPieceLength(rawPieceLength.value);
  if (!pieceLength.ok) return pieceLength;
  const metaVersion = optionalField(info, 'meta version', 'integer', INFO);
  if (!metaVersion.ok) return metaVersion;
  const hasV2 = checkMetaVersion(metaVersion.value);
  if (!hasV2.ok) return hasV2;
  // Without `meta version` the torrent is v1 whatever else it holds; with it, any v1 key makes it hybrid.
  const hasV1 = !hasV2.value || ['pieces', 'length', 'files'].some((key) => info.has(key));
  return ok({ name: name.value, pieceLength: pieceLength.value, hasV1, hasV2: hasV2.value });
}

type Layouts = { version: TorrentVersion; layout: V1Layout | V2Layout; pieceLayers: PieceLayer[] };

function readLayouts(root: BDict, info: BDict, header: Header, maxFiles: number): Result<Layouts, TorrentError> {
  const v1 = header.hasV1 ? parseV1(info, header.name, header.pieceLength, maxFiles) : null;
  if (v1 && !v1.ok) return v1;
  const v2 = header.hasV2 ? parseV2(root, info, header.pieceLength, maxFiles) : null;
  if (v2 && !v2.ok) return v2;
  if (v1 && v2) {
    const same = checkHybrid(v1.value.files, v2.value.files);
    if (!same.ok) return same;
    return ok({ version: 'hybrid', layout: v1.value, pieceLayers: v2.value.pieceLayers });
  }
  if (v2) return ok({ version: 'v2', layout: v2.value, pieceLayers: v2.value.pieceLayers });
  if (v1) return ok({ version: 'v1', layout: v1.value, pieceLayers: [] });
  return fail('invalid-structure', `Missing "pieces" in ${INFO}`);
}

/**
 * Decodes and validates a .torrent (BEP 3 v1, BEP 52 v2 or hybrid, BEP 47 padding files, BEP 27 private).
 * Browser-safe: no hashing happens here, so the piece layers' hashes are only checked for presence and size;
 * `validateTorrent` also runs `verifyPieceLayers` (merkle.ts). A torrent whose files hold no data at all
 * is refused, since there is nothing to share.
 */
export function parseTorrent(bytes: Uint8Array, options: ParseOptions = {}): Result<ParsedTorrent, TorrentError> {
  const decoded = decode(bytes, options.maxBytes === undefined ? undefined : { maxBytes: options.maxBytes });
  if (!decoded.ok) return fail('not-bencode', decoded.error.message);
  const root = decoded.value;
  if (!(root instanceof Map)) return fail('invalid-structure', 'Not a valid torrent file: the top level must be a dictionary');
  const info = field(root, 'info', 'dictionary', 'the torrent');
  if (!info.ok) return info;
  const header = readHeader(info.value);
  if (!header.ok) return header;
  const layouts = readLayouts(root, info.value, header.value, options.maxFiles ?? DEFAULT_MAX_FILES);
  if (!layouts.ok) return layouts;
  const { version, layout, pieceLayers } = layouts.value;
  const span = decoded.infoSpan;
  return ok({
    version,
    name: header.value.name,
    pieceLength: header.value.pieceLength,
    pieceCount: layout.pieceCount,
    totalSize: layout.files.reduce((sum, file) => (file.padding ? sum : sum + file.length), 0),
    files: layout.files,
    isPrivate: isPrivate(info.value),
    source: optionalText(info.value, 'source'),
    comment: optionalText(root, 'comment'),
    createdBy: optionalText(root, 'created by'),
    creationDate: creationDate(root),
    root,
    info: info.value,
    // Canonical input re-encodes byte for byte, so the fallback only matters if the decoder gave no span.
    infoBytes: span ? bytes.slice(span.start, span.end) : encode(info.value),
    pieceLayers,
  });
}
