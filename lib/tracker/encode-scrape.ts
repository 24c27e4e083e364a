import { bytesSize, DICT, END, intSize, keyBytes, writeBytes, writeInt, writeRaw } from './bencode-writer';
import { compareBytes } from './bytes';

export interface ScrapeFile {
  infoHash: Uint8Array;
  complete: number;
  incomplete: number;
  downloaded: number;
}

const K_FILES = keyBytes('files');
const K_COMPLETE = keyBytes('complete');
const K_DOWNLOADED = keyBytes('downloaded');
const K_INCOMPLETE = keyBytes('incomplete');

/**
 * Scrape response (BEP 48): `files` maps each raw 20-byte info hash to complete / downloaded / incomplete.
 * Hashes are sorted as raw bytes and repeats dropped, as a bencoded dictionary requires.
 */
export function encodeScrape(files: readonly ScrapeFile[]): Uint8Array {
  const sorted = [...files].sort((a, b) => compareBytes(a.infoHash, b.infoHash));
  const unique = sorted.filter((f, i) => i === 0 || compareBytes(f.infoHash, sorted[i - 1]?.infoHash ?? f.infoHash) !== 0);
  let size = 4 + K_FILES.length;
  for (const f of unique) {
    size += bytesSize(f.infoHash.length) + 2 + K_COMPLETE.length + K_DOWNLOADED.length + K_INCOMPLETE.length;
    size += intSize(f.complete) + intSize(f.downloaded) + intSize(f.incomplete);
  }
  const out = new Uint8Array(size);
  out[0] = DICT;
  let at = writeRaw(out, 1, K_FILES);
  out[at++] = DICT;
  for (const f of unique) {
    at = writeBytes(out, at, f.infoHash);
    out[at++] = DICT;
    at = writeInt(out, writeRaw(out, at, K_COMPLETE), f.complete);
    at = writeInt(out, writeRaw(out, at, K_DOWNLOADED), f.downloaded);
    at = writeInt(out, writeRaw(out, at, K_INCOMPLETE), f.incomplete);
    out[at++] = END;
  }
  out[at++] = END;
  out[at] = END;
  return out;
}
