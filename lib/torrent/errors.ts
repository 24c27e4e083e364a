import { err } from './result';

/** Why a .torrent was refused; `message` is written for the uploader and names the offending field or path. */
export type TorrentErrorCode =
  | 'not-bencode'
  | 'invalid-structure'
  | 'invalid-name'
  | 'invalid-path'
  | 'duplicate-path'
  | 'invalid-piece-length'
  | 'invalid-pieces'
  | 'invalid-length'
  | 'too-large'
  | 'too-many-files'
  | 'too-many-pieces'
  | 'no-data'
  | 'unsupported-meta-version'
  | 'invalid-file-tree'
  | 'piece-layers-mismatch'
  | 'hybrid-mismatch';

export interface TorrentError {
  code: TorrentErrorCode;
  message: string;
}

export function fail(code: TorrentErrorCode, message: string): { ok: false; error: TorrentError } {
  return err({ code, message });
}

export const LAYERS_MISMATCH = 'piece layers do not match the file tree';
