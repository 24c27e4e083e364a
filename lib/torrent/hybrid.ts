import { fail, type TorrentError } from './errors';
import { ok, type Result } from './result';
import type { TorrentFile } from './types';

function describe(file: TorrentFile): string {
  return `"${file.path.join('/')}" (${file.length} bytes)`;
}

/**
 * BEP 52 hybrid torrents describe the same data twice; if the v1 `files` (padding aside) and the v2
 * `file tree` disagree, v1 and v2 peers would download different content under one listing.
 */
export function checkHybrid(v1: readonly TorrentFile[], v2: readonly TorrentFile[]): Result<true, TorrentError> {
  const real = v1.filter((file) => !file.padding);
  if (real.length !== v2.length) {
    return fail('hybrid-mismatch', `The v1 and v2 file lists differ: ${real.length} files in "files", ${v2.length} in "file tree"`);
  }
  for (const [index, a] of real.entries()) {
    const b = v2[index];
    if (b === undefined) break;
    if (a.length !== b.length || a.path.join('/') !== b.path.join('/')) {
      return fail('hybrid-mismatch', `The v1 and v2 file lists differ at file ${index + 1}: ${describe(a)} in "files", ${describe(b)} in "file tree"`);
    }
  }
  return ok(true);
}
