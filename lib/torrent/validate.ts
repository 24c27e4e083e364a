import type { TorrentError } from './errors';
import { verifyPieceLayers } from './merkle';
import { parseTorrent, type ParseOptions } from './parse';
import type { Result } from './result';
import type { ParsedTorrent } from './types';

/**
 * Everything the site checks in a .torrent before accepting it: its structure (`parseTorrent`) and that its v2
 * piece layers hash to their roots (`verifyPieceLayers`). The server's upload and the upload page's preview both
 * call this, so the preview refuses exactly what the server refuses, with the same text.
 */
export function validateTorrent(bytes: Uint8Array, options: ParseOptions = {}): Result<ParsedTorrent, TorrentError> {
  const parsed = parseTorrent(bytes, options);
  if (!parsed.ok) return parsed;
  const verified = verifyPieceLayers(parsed.value);
  return verified.ok ? parsed : verified;
}
