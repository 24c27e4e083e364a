/** Byte helpers shared by the parsers and encoders. */

/** Each byte becomes one UTF-16 unit (latin1): a lossless, compact string form for ids used as map keys. */
export function bytesToBinaryString(bytes: Uint8Array): string {
  // One call builds a flat string; appending char by char would leave a chain of cons strings in memory.
  return String.fromCharCode(...bytes);
}

/**
 * Shows a client-supplied value inside an error text: quoted, printable ASCII kept, every other byte as \xNN,
 * truncated, so a hostile value cannot inject control characters or bloat the response.
 */
export function quoteBytes(bytes: Uint8Array, maxBytes = 32): string {
  let s = '"';
  const n = Math.min(bytes.length, maxBytes);
  for (let i = 0; i < n; i++) s += showUnit(bytes[i] ?? 0);
  return s + (bytes.length > maxBytes ? '..."' : '"');
}

/** quoteBytes for text (e.g. an address string); units above 0xFF are shown as \uNNNN. */
export function quoteText(text: string, maxChars = 45): string {
  let s = '"';
  const n = Math.min(text.length, maxChars);
  for (let i = 0; i < n; i++) s += showUnit(text.charCodeAt(i));
  return s + (text.length > maxChars ? '..."' : '"');
}

function showUnit(c: number): string {
  if (c >= 0x20 && c < 0x7f && c !== 0x22 && c !== 0x5c) return String.fromCharCode(c);
  return c > 0xff ? '\\u' + c.toString(16).padStart(4, '0') : '\\x' + c.toString(16).padStart(2, '0');
}

/** Raw bytes compared lexicographically, the order BEP 3 requires for dictionary keys. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}
