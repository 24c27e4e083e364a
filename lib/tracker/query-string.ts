import { quoteBytes } from './bytes';
import { failureReasons } from './failure-reasons';
import { err, ok, type Result } from './result';

/**
 * Why a raw query string was refused. `message` is the exact `failure reason` text.
 */
export type QueryError =
  | { code: 'too-long'; message: string }
  | { code: 'malformed-percent'; message: string }
  | { code: 'invalid-character'; message: string }
  | { code: 'duplicate'; name: string; message: string };

/** Query parameters as raw bytes, keyed by the parameter name (decoded, one char per byte). */
export type QueryParams = Map<string, Uint8Array>;

/** A scrape query: ordinary parameters plus every `info_hash`, in request order. */
export interface ScrapeQuery {
  params: QueryParams;
  infoHashes: Uint8Array[];
}

const TOO_LONG: QueryError = { code: 'too-long', message: failureReasons.queryTooLong };
const MALFORMED: QueryError = { code: 'malformed-percent', message: failureReasons.malformedPercent };
const BAD_CHAR: QueryError = { code: 'invalid-character', message: failureReasons.invalidCharacter };
const MALFORMED_AT = -1;
const BAD_CHAR_AT = -2;

/** The longest announce query accepted: a full announce with every escaped parameter takes under 400 characters. */
export const MAX_ANNOUNCE_QUERY_LENGTH = 2048;

/**
 * Parses the part of an announce URL after `?` into raw bytes (BEP 3: binary values are URL-encoded).
 *
 * Each `%XX` is one byte, whatever it encodes (never UTF-8 decoding, which would corrupt binary info_hash
 * values); other characters are taken as their char codes and must be <= 0xFF. `+` stays a literal 0x2B:
 * BEP 3 asks for RFC 1738/3986 URL encoding, not HTML form encoding, mainstream clients (libtorrent,
 * Transmission, aria2) always escape `+`, and opentracker likewise treats it as a plain character. Empty
 * segments are ignored; a repeated name is refused, since two `port` values have no meaning.
 */
export function parseQueryString(raw: string, maxLength = MAX_ANNOUNCE_QUERY_LENGTH): Result<QueryParams, QueryError> {
  const out = new Uint8Array(Math.min(raw.length, maxLength));
  const sink = new MapSink(out, null);
  const error = scanQuery(raw, maxLength, out, sink);
  return error ? err(error) : ok(sink.params);
}

/**
 * The scrape variant: `info_hash` may repeat (BEP 48) and is collected in order; every other name must be
 * unique. The default cap is higher than announce's because 100 escaped hashes take about 7,100 characters.
 */
export function parseScrapeQueryString(raw: string, maxLength = 8192): Result<ScrapeQuery, QueryError> {
  const out = new Uint8Array(Math.min(raw.length, maxLength));
  const infoHashes: Uint8Array[] = [];
  const sink = new MapSink(out, infoHashes);
  const error = scanQuery(raw, maxLength, out, sink);
  return error ? err(error) : ok({ params: sink.params, infoHashes });
}

/** Receives each parameter of a query in order: its decoded name and its decoded value at out[start, end). */
export interface ParamSink {
  /** Returns an error to stop the scan (a duplicate, say), or null to go on. */
  param(name: string, start: number, end: number): QueryError | null;
}

class MapSink implements ParamSink {
  readonly params: QueryParams = new Map();

  constructor(private readonly out: Uint8Array, private readonly infoHashes: Uint8Array[] | null) {}

  param(name: string, start: number, end: number): QueryError | null {
    const value = this.out.subarray(start, end);
    if (this.infoHashes !== null && name === 'info_hash') this.infoHashes.push(value);
    else if (this.params.has(name)) return duplicateParameter(name);
    else this.params.set(name, value);
    return null;
  }
}

/**
 * The scan under both parsers: decodes every value into `out` (at least `raw.length` bytes, one backing store for
 * the whole request) and hands each parameter to `sink` in order; returns the first error met.
 */
export function scanQuery(raw: string, maxLength: number, out: Uint8Array, sink: ParamSink): QueryError | null {
  if (raw.length > maxLength) return TOO_LONG;
  let pos = 0;
  let start = 0;
  while (start <= raw.length) {
    let end = raw.indexOf('&', start);
    if (end === -1) end = raw.length;
    if (end > start) {
      let eq = raw.indexOf('=', start);
      if (eq === -1 || eq > end) eq = end;
      if (eq > start) {
        const name = decodeName(raw, start, eq, out, pos);
        if (typeof name === 'number') return name === MALFORMED_AT ? MALFORMED : BAD_CHAR;
        const valueEnd = eq < end ? decodeInto(raw, eq + 1, end, out, pos) : pos;
        if (valueEnd < 0) return valueEnd === MALFORMED_AT ? MALFORMED : BAD_CHAR;
        const error = sink.param(name, pos, valueEnd);
        if (error !== null) return error;
        pos = valueEnd;
      }
    }
    start = end + 1;
  }
  return null;
}

export function duplicateParameter(name: string): QueryError {
  const shown = /^[\x21-\x7e]{1,32}$/.test(name)
    ? name
    : quoteBytes(Uint8Array.from(name, (c) => c.charCodeAt(0)));
  return { code: 'duplicate', name, message: failureReasons.duplicate(shown) };
}

/** Names are nearly always plain ASCII, so they are sliced without decoding when possible. */
function decodeName(raw: string, start: number, end: number, scratch: Uint8Array, at: number): string | number {
  let plain = true;
  for (let i = start; i < end; i++) {
    const c = raw.charCodeAt(i);
    if (c === 0x25 || c > 0x7f) {
      plain = false;
      break;
    }
  }
  if (plain) return raw.slice(start, end);
  const stop = decodeInto(raw, start, end, scratch, at);
  if (stop < 0) return stop;
  let name = '';
  for (let i = at; i < stop; i++) name += String.fromCharCode(scratch[i] ?? 0);
  return name;
}

/** Decodes raw[start, end) into out from `at`; returns the end offset, or a negative error marker. */
function decodeInto(raw: string, start: number, end: number, out: Uint8Array, at: number): number {
  let o = at;
  for (let i = start; i < end; i++) {
    const c = raw.charCodeAt(i);
    if (c === 0x25) {
      if (i + 2 >= end) return MALFORMED_AT;
      const hi = hexValue(raw.charCodeAt(i + 1));
      const lo = hexValue(raw.charCodeAt(i + 2));
      if (hi < 0 || lo < 0) return MALFORMED_AT;
      out[o++] = (hi << 4) | lo;
      i += 2;
    } else if (c > 0xff) {
      return BAD_CHAR_AT;
    } else {
      out[o++] = c;
    }
  }
  return o;
}

/** The value of each hex digit by char code, -1 for every other code below 256. */
const HEX_DIGITS = Int8Array.from({ length: 256 }, (_, c) => {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const lower = c | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
});

function hexValue(c: number): number {
  return c < 256 ? (HEX_DIGITS[c] as number) : -1;
}
