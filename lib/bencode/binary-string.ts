const CHUNK = 0x2000;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Bytes to a binary string (one char per byte, codes 0-255): the form of dictionary keys in a BDict.
 * Not TextDecoder('latin1'): WHATWG maps that label to windows-1252, which rewrites bytes 0x80-0x9F.
 */
export function bytesToBinaryString(bytes: Uint8Array): string {
  let out = '';
  // apply takes any array-like, and is several times faster than spreading; chunks stay under argument limits.
  for (let i = 0; i < bytes.length; i += CHUNK) {
    out += String.fromCharCode.apply(null, bytes.subarray(i, i + CHUNK) as unknown as number[]);
  }
  return out;
}

const SHORT = 32;

/** The binary string of `bytes[start, end)`; short keys skip the view a subarray would allocate. */
export function binaryStringAt(bytes: Uint8Array, start: number, end: number): string {
  if (end - start > SHORT) return bytesToBinaryString(bytes.subarray(start, end));
  let out = '';
  for (let i = start; i < end; i++) out += String.fromCharCode(bytes[i] as number);
  return out;
}

/** A binary string back to its bytes; throws a TypeError on a char above 0xFF, which no byte can hold. */
export function binaryStringToBytes(s: string): Uint8Array {
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code > 0xff) throw new TypeError(`Not a binary string: char ${i} is U+${code.toString(16).toUpperCase().padStart(4, '0')}, above 0xFF`);
    bytes[i] = code;
  }
  return bytes;
}

/**
 * Strict UTF-8 decoding: null for any invalid sequence instead of U+FFFD, and a leading BOM is kept, so a
 * string that decodes re-encodes to the same bytes.
 */
export function utf8(bytes: Uint8Array): string | null {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}
