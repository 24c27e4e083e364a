import { binaryStringToBytes, utf8 } from '@/lib/bencode';
import { fail, type TorrentError } from './errors';
import { ok, type Result } from './result';

const lossy = new TextDecoder('utf-8', { fatal: false });

// C0 controls (NUL included), DEL and C1 controls: invisible or terminal-altering in file names.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_ALL = /[\u0000-\u001f\u007f-\u009f]/g;

function hex4(code: number): string {
  return code.toString(16).toUpperCase().padStart(4, '0');
}

/** Path elements (binary strings) made printable for a message: invalid UTF-8 shows as U+FFFD, controls as \uXXXX. */
export function displayPath(elements: readonly string[]): string {
  return elements
    .map((e) => lossy.decode(binaryStringToBytes(e)))
    .join('/')
    .replace(CONTROL_ALL, (c) => `\\u${hex4(c.charCodeAt(0))}`);
}

function problem(text: string | null, subject: string): string | null {
  if (text === null) return `${subject} is not valid UTF-8`;
  if (text === '') return `${subject} is empty`;
  if (text === '.' || text === '..') return '"." and ".." are not allowed';
  if (text.includes('/')) return `${subject} contains "/"`;
  if (text.includes('\\')) return `${subject} contains "\\"`;
  const control = CONTROL.exec(text);
  if (control) return `${subject} contains a control character (U+${hex4(control[0].charCodeAt(0))})`;
  return null;
}

/**
 * Checks one path element (a binary string from the torrent) and returns it decoded. It must be non-empty
 * strict UTF-8, not `.` or `..`, and free of `/`, `\` and control characters, so that joining the elements
 * can never escape the download directory or hide characters from the user.
 */
function element(raw: string, fullPath: readonly string[], kind: 'name' | 'path'): Result<string, TorrentError> {
  const text = utf8(binaryStringToBytes(raw));
  const reason = problem(text, kind === 'name' ? 'the name' : 'an element');
  if (reason === null && text !== null) return ok(text);
  const shown = displayPath(fullPath);
  if (kind === 'name') return fail('invalid-name', `Invalid torrent name "${shown}": ${reason}`);
  return fail('invalid-path', `Invalid file path "${shown}": ${reason}`);
}

/** Validates the torrent's `name` (BEP 3); it becomes the download's file or directory name. */
export function checkName(raw: string): Result<string, TorrentError> {
  return element(raw, [raw], 'name');
}

/** Validates every element of a file path and returns the decoded elements. */
export function checkPath(raw: readonly string[]): Result<string[], TorrentError> {
  if (raw.length === 0) return fail('invalid-path', 'Invalid file path "": a file path must have at least one element');
  const out: string[] = [];
  for (const part of raw) {
    const checked = element(part, raw, 'path');
    if (!checked.ok) return checked;
    out.push(checked.value);
  }
  return ok(out);
}
