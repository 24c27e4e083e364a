/** A decoded bencode value (BEP 3): integers as bigint, byte strings as bytes, lists, dictionaries. */
export type BValue = bigint | Uint8Array | BValue[] | BDict;

/**
 * Dictionary keys are "binary strings": one char per byte (char codes 0-255), so any byte key round-trips and
 * comparing two keys with < compares them as raw bytes (BEP 3 sorting). ASCII keys like 'info' read naturally.
 * A Map, not a plain object, so keys such as `__proto__` are ordinary data.
 */
export type BDict = Map<string, BValue>;

/** What `encode` accepts: numbers must be safe integers, JS strings are written as UTF-8. */
export type BEncodable =
  | bigint
  | number
  | string
  | Uint8Array
  | readonly BEncodable[]
  | ReadonlyMap<string, BEncodable>;

export type DecodeErrorCode =
  | 'empty'
  | 'too-large'
  | 'too-deep'
  | 'unexpected-end'
  | 'unexpected-byte'
  | 'invalid-integer'
  | 'integer-out-of-range'
  | 'invalid-string-length'
  | 'string-length-exceeds-input'
  | 'non-string-key'
  | 'unsorted-keys'
  | 'duplicate-key'
  | 'trailing-bytes';

/** `offset` is the byte the problem was found at (0 for 'empty', maxBytes for 'too-large'). */
export interface DecodeError {
  code: DecodeErrorCode;
  message: string;
  offset: number;
}

/** A half-open byte range: `end` is exclusive. */
export interface ByteSpan {
  start: number;
  end: number;
}

/** `infoSpan` locates the top-level `info` value, so a SHA-1 over exactly those bytes is the v1 infohash. */
export type DecodeResult = { ok: true; value: BValue; infoSpan: ByteSpan | null } | { ok: false; error: DecodeError };

export interface DecodeOptions {
  /** Inputs longer than this are refused before any parsing; default 10 MiB. */
  maxBytes?: number;
  /** Lists and dictionaries nested deeper than this are refused; default 256. */
  maxDepth?: number;
}
