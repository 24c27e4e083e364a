/**
 * Browser-safe .torrent handling: parsing and validation (piece layers included), display tree, rewriting for
 * the tracker. Infohashes use node:crypto and live in `@/lib/torrent/hashes`.
 */
export { parseTorrent, type ParseOptions } from './parse';
export { validateTorrent } from './validate';
export { verifyPieceLayers } from './merkle';
export { fileTree, type FileTreeNode } from './file-tree';
export { personalize, rewriteForTracker, type RewrittenTorrent } from './rewrite';
export type { TorrentError, TorrentErrorCode } from './errors';
export type { ParsedTorrent, PieceLayer, TorrentFile, TorrentVersion } from './types';
export type { Result } from './result';
export { DEFAULT_MAX_FILES, MAX_PIECE_LENGTH, MAX_PIECES, MIN_PIECE_LENGTH } from './limits';
