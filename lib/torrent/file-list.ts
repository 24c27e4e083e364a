import { fail, type TorrentError } from './errors';
import { ok, type Result } from './result';
import type { TorrentFile } from './types';

export const NO_DATA = fail('no-data', 'The torrent contains no data');

export function tooManyFiles(maxFiles: number): { ok: false; error: TorrentError } {
  return fail('too-many-files', `The torrent has more than ${maxFiles} files`);
}

function bothFileAndDirectory(path: string): { ok: false; error: TorrentError } {
  return fail('duplicate-path', `The path "${path}" is used both as a file and as a directory`);
}

/**
 * Refuses two files at the same path and a file that is also another file's directory: a client would
 * overwrite one with the other. Padding files are skipped, since BEP 47 creators reuse `.pad/<size>`.
 */
export function checkUniquePaths(files: readonly TorrentFile[]): Result<true, TorrentError> {
  const filePaths = new Set<string>();
  const dirPaths = new Set<string>();
  for (const file of files) {
    if (file.padding) continue;
    // Elements never contain "/" once validated, so the joined path is an unambiguous key.
    const key = file.path.join('/');
    if (filePaths.has(key)) return fail('duplicate-path', `The file path "${key}" appears more than once`);
    if (dirPaths.has(key)) return bothFileAndDirectory(key);
    for (let i = 1; i < file.path.length; i++) {
      const dir = file.path.slice(0, i).join('/');
      if (filePaths.has(dir)) return bothFileAndDirectory(dir);
      dirPaths.add(dir);
    }
    filePaths.add(key);
  }
  return ok(true);
}
