import type { BDict } from '@/lib/bencode';

export type TorrentVersion = 'v1' | 'v2' | 'hybrid';

export interface TorrentFile {
  /** Path elements relative to the torrent's directory; a single-file torrent gives `[name]`. */
  path: string[];
  length: number;
  /** BEP 47 padding file (`attr` contains `p`): alignment filler that no client writes to disk. */
  padding?: boolean;
}

/** One BEP 52 piece layer, already checked for size against the file it belongs to. */
export interface PieceLayer {
  path: string[];
  length: number;
  piecesRoot: Uint8Array;
  /** Concatenated SHA-256 hashes of the file's pieces, 32 bytes each. */
  hashes: Uint8Array;
}

export interface ParsedTorrent {
  version: TorrentVersion;
  name: string;
  pieceLength: number;
  pieceCount: number;
  /** Sum of the real files' lengths; padding files are not counted. */
  totalSize: number;
  /** In torrent order: v1 `files` (padding included) for v1 and hybrid, the v2 `file tree` walk for v2. */
  files: TorrentFile[];
  isPrivate: boolean;
  source: string | null;
  comment: string | null;
  createdBy: string | null;
  /** Seconds since the Unix epoch, as written by the creator. */
  creationDate: number | null;
  root: BDict;
  info: BDict;
  /** The exact bytes of the bencoded info dictionary, the input of both infohashes. */
  infoBytes: Uint8Array;
  /** v2 and hybrid only: one entry per file larger than a piece. */
  pieceLayers: PieceLayer[];
}
