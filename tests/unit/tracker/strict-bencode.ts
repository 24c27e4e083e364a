/**
 * A tiny strict bencode reader for checking the encoders' output: it refuses unsorted or duplicate keys,
 * non-canonical integers, truncation and trailing bytes, which the npm `bencode` package accepts.
 */
export type BValue = bigint | Uint8Array | BValue[] | BDict;
/** Keys are binary strings (one char per byte), in encounter order. */
export type BDict = Map<string, BValue>;

export function strictDecode(bytes: Uint8Array): BValue {
  const [value, end] = readValue(bytes, 0);
  if (end !== bytes.length) throw new Error(`trailing bytes at ${end}`);
  return value;
}

function readValue(b: Uint8Array, at: number): [BValue, number] {
  const c = b[at];
  if (c === undefined) throw new Error(`truncated at ${at}`);
  if (c === 0x69) return readInt(b, at + 1);
  if (c >= 0x30 && c <= 0x39) return readBytes(b, at);
  if (c === 0x6c) {
    const list: BValue[] = [];
    at++;
    while (b[at] !== 0x65) {
      const [v, next] = readValue(b, at);
      list.push(v);
      at = next;
    }
    return [list, at + 1];
  }
  if (c === 0x64) return readDict(b, at + 1);
  throw new Error(`unexpected byte ${c} at ${at}`);
}

function readInt(b: Uint8Array, at: number): [bigint, number] {
  let end = at;
  while (b[end] !== 0x65) {
    if (b[end] === undefined) throw new Error('truncated integer');
    end++;
  }
  const text = String.fromCharCode(...b.subarray(at, end));
  if (!/^(0|-?[1-9]\d*)$/.test(text)) throw new Error(`non-canonical integer ${text}`);
  return [BigInt(text), end + 1];
}

function readBytes(b: Uint8Array, at: number): [Uint8Array, number] {
  let colon = at;
  while (b[colon] !== 0x3a) {
    if (b[colon] === undefined) throw new Error('truncated length');
    colon++;
  }
  const text = String.fromCharCode(...b.subarray(at, colon));
  if (!/^(0|[1-9]\d*)$/.test(text)) throw new Error(`non-canonical length ${text}`);
  const end = colon + 1 + Number(text);
  if (end > b.length) throw new Error('truncated string');
  return [b.subarray(colon + 1, end), end];
}

function readDict(b: Uint8Array, at: number): [BDict, number] {
  const dict: BDict = new Map();
  let previous: Uint8Array | null = null;
  while (b[at] !== 0x65) {
    if (b[at] === undefined) throw new Error('truncated dictionary');
    const [key, afterKey] = readBytes(b, at);
    if (previous !== null && compare(previous, key) >= 0) throw new Error('dictionary keys not sorted as raw bytes');
    previous = key;
    const [value, next] = readValue(b, afterKey);
    dict.set(String.fromCharCode(...key), value);
    at = next;
  }
  return [dict, at + 1];
}

function compare(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/** Bytes from a string written with one char per byte ('\x80' is byte 0x80). */
export function bin(s: string): Uint8Array {
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

/** Percent-encodes every byte, as clients do for info_hash and peer_id. */
export function pct(bytes: Uint8Array): string {
  return Array.from(bytes, (x) => '%' + x.toString(16).toUpperCase().padStart(2, '0')).join('');
}
