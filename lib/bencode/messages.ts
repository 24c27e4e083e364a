import { bytesToBinaryString } from './binary-string';
import type { DecodeError, DecodeErrorCode } from './types';

const MAX_KEY_CHARS = 32;
export const MAX_DIGITS_SHOWN = 20;

export function errorAt(code: DecodeErrorCode, offset: number, problem: string): DecodeError {
  return { code, offset, message: `Invalid bencode at byte ${offset}: ${problem}` };
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** A byte as it would read in the file: `"x"` when printable ASCII, `0x0A` otherwise. */
export function describeByte(byte: number): string {
  if (byte >= 0x20 && byte <= 0x7e) return JSON.stringify(String.fromCharCode(byte));
  return `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`;
}

/** A binary-string key, quoted, non-printable bytes escaped as \xNN, long keys cut short. */
export function describeKey(key: string): string {
  let out = '';
  const shown = Math.min(key.length, MAX_KEY_CHARS);
  for (let i = 0; i < shown; i++) {
    const code = key.charCodeAt(i);
    if (code === 0x22 || code === 0x5c) out += `\\${key[i]}`;
    else if (code >= 0x20 && code <= 0x7e) out += key[i];
    else if (code <= 0xff) out += `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`;
    else out += `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return `"${out}${key.length > shown ? '...' : ''}"`;
}

/** A run of ASCII digits from the input, or its length when it is too long to be worth printing. */
export function describeDigits(input: Uint8Array, start: number, end: number): string {
  if (end - start > MAX_DIGITS_SHOWN) return `of ${end - start} digits`;
  return bytesToBinaryString(input.subarray(start, end));
}

const UNITS = ['KiB', 'MiB', 'GiB', 'TiB'] as const;

/** "10 MiB", "1.5 KiB", "1000 bytes": a size limit as a person would state it. */
export function formatSize(bytes: number): string {
  let value = bytes;
  let unit: string = bytes === 1 ? 'byte' : 'bytes';
  for (const next of UNITS) {
    if (value < 1024) break;
    value /= 1024;
    unit = next;
  }
  return `${Number(value.toFixed(2))} ${unit}`;
}
