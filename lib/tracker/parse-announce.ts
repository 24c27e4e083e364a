import { quoteBytes } from './bytes';
import { failureReasons } from './failure-reasons';
import { isIpLiteral } from './peer-endpoint';
import { duplicateParameter, MAX_ANNOUNCE_QUERY_LENGTH, scanQuery, type ParamSink, type QueryError, type QueryParams } from './query-string';
import { err, ok, type Result } from './result';
import { parseSaturatingUint, parseUint63 } from './unsigned-integer';

/** `event` of BEP 3, plus `paused` from BEP 21 (partial seeds); `none` when absent or empty. */
export type AnnounceEvent = 'started' | 'completed' | 'stopped' | 'paused' | 'none';

/**
 * A validated announce (BEP 3, BEP 23). Byte fields are views into the parsed query's buffer: copy them
 * before keeping them beyond the request.
 */
export interface AnnounceRequest {
  infoHash: Uint8Array;
  peerId: Uint8Array;
  /** 0 only with event `stopped`. */
  port: number;
  uploaded: bigint;
  downloaded: bigint;
  left: bigint;
  event: AnnounceEvent;
  /** Clamped to [0, maxNumwant]. */
  numwant: number;
  compact: boolean;
  noPeerId: boolean;
  key: Uint8Array | null;
  /** The client's `ip` parameter, only when the caller trusts it; otherwise always null. */
  ip: string | null;
}

export interface AnnounceOptions {
  /** Use the `ip` parameter (only behind a trusted proxy that sets it); default false, so it is ignored. */
  trustIpParam?: boolean;
  /** Upper bound and default for `numwant`; default 50. */
  maxNumwant?: number;
}

const EVENTS: readonly (readonly [Uint8Array, AnnounceEvent])[] = (
  ['started', 'completed', 'stopped', 'paused'] as const
).map((e) => [Uint8Array.from(e, (c) => c.charCodeAt(0)), e] as const);

const NAMES = ['info_hash', 'peer_id', 'port', 'uploaded', 'downloaded', 'left', 'event', 'numwant', 'compact', 'no_peer_id', 'key', 'ip'] as const;
type Name = (typeof NAMES)[number];
/** Each known name's slot in AnnounceFields: INDEX for names read off the wire, P for the validator below. */
const INDEX = new Map<string, number>(NAMES.map((name, i) => [name, i]));
const P = Object.fromEntries(INDEX) as { readonly [K in Name]: number };

/**
 * The parameters an announce reads, as offsets into one byte buffer: no map and no view per parameter, since
 * this runs for every announce. Unknown names are only checked for repetition.
 */
class AnnounceFields implements ParamSink {
  private readonly starts: number[] = [-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1];
  private readonly ends: number[] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
  private unknown: Set<string> | null = null;

  constructor(readonly bytes: Uint8Array) {}

  param(name: string, start: number, end: number): QueryError | null {
    const i = INDEX.get(name);
    if (i === undefined) {
      this.unknown ??= new Set();
      if (this.unknown.has(name)) return duplicateParameter(name);
      this.unknown.add(name);
    } else {
      if ((this.starts[i] as number) !== -1) return duplicateParameter(name);
      this.starts[i] = start;
      this.ends[i] = end;
    }
    return null;
  }

  has(p: number): boolean {
    return this.start(p) !== -1;
  }

  start(p: number): number {
    return this.starts[p] as number;
  }

  end(p: number): number {
    return this.ends[p] as number;
  }

  length(p: number): number {
    return this.end(p) - this.start(p);
  }

  /** A view of the value, valid until the next query is parsed. */
  view(p: number): Uint8Array {
    return this.bytes.subarray(this.start(p), this.end(p));
  }

  /** A copy of the value, for the values the request keeps. */
  copy(p: number): Uint8Array {
    return this.bytes.slice(this.start(p), this.end(p));
  }
}

/** Validates announce parameters; the error is the exact `failure reason` to send. */
export function parseAnnounce(params: QueryParams, options: AnnounceOptions = {}): Result<AnnounceRequest, string> {
  let size = 0;
  for (const value of params.values()) size += value.length;
  const fields = new AnnounceFields(new Uint8Array(size));
  let at = 0;
  for (const [name, value] of params) {
    fields.bytes.set(value, at);
    fields.param(name, at, at + value.length);
    at += value.length;
  }
  return validate(fields, options);
}

/**
 * One decode buffer for every query: the values a request keeps (info_hash, peer_id, key) are copied out of it
 * (small copies live on the JavaScript heap), while a buffer of the query's size per request would be a
 * separate allocation outside it, costlier to make and to collect. Parsing is synchronous, so nothing else
 * uses it meanwhile.
 */
const queryScratch = new Uint8Array(MAX_ANNOUNCE_QUERY_LENGTH);

/** The raw query text (after `?`) to a request or a `failure reason`. */
export function parseAnnounceQuery(raw: string, options: AnnounceOptions = {}): Result<AnnounceRequest, string> {
  const fields = new AnnounceFields(queryScratch);
  const error = scanQuery(raw, MAX_ANNOUNCE_QUERY_LENGTH, fields.bytes, fields);
  return error === null ? validate(fields, options) : err(error.message);
}

function validate(f: AnnounceFields, options: AnnounceOptions): Result<AnnounceRequest, string> {
  const maxNumwant = options.maxNumwant ?? 50;
  const bytes = f.bytes;
  if (!f.has(P.info_hash)) return err(failureReasons.missing('info_hash'));
  if (f.length(P.info_hash) !== 20) return err(failureReasons.wrongLength('info_hash', 20, f.length(P.info_hash)));
  if (!f.has(P.peer_id)) return err(failureReasons.missing('peer_id'));
  if (f.length(P.peer_id) !== 20) return err(failureReasons.wrongLength('peer_id', 20, f.length(P.peer_id)));

  const event = parseEvent(f);
  if (!f.has(P.port)) return err(failureReasons.missing('port'));
  const port = parseSaturatingUint(bytes, 65536, f.start(P.port), f.end(P.port));
  if (port < 0 || port > 65535 || (port === 0 && event !== 'stopped')) return err(failureReasons.invalidPort);

  const uploaded = counter(f, 'uploaded');
  if (!uploaded.ok) return uploaded;
  const downloaded = counter(f, 'downloaded');
  if (!downloaded.ok) return downloaded;
  const left = counter(f, 'left');
  if (!left.ok) return left;
  if (event === null) return err(failureReasons.invalidEvent(quoteBytes(f.view(P.event))));

  let numwant = maxNumwant;
  if (f.has(P.numwant)) {
    numwant = parseSaturatingUint(bytes, maxNumwant, f.start(P.numwant), f.end(P.numwant));
    if (numwant < 0) return err(failureReasons.notAnInteger('numwant'));
  }
  const compact = flag(f, 'compact', true);
  if (compact === null) return err(failureReasons.notAFlag('compact'));
  const noPeerId = flag(f, 'no_peer_id', false);
  if (noPeerId === null) return err(failureReasons.notAFlag('no_peer_id'));
  const key = f.has(P.key) ? f.copy(P.key) : null;
  if (key !== null && key.length > 64) return err(failureReasons.keyTooLong);

  let ip: string | null = null;
  if (options.trustIpParam === true && f.has(P.ip)) {
    const ipBytes = f.view(P.ip);
    ip = String.fromCharCode(...ipBytes.subarray(0, 46));
    if (ipBytes.length > 45 || !isIpLiteral(ip)) return err(failureReasons.invalidIp(quoteBytes(ipBytes, 45)));
  }
  return ok({
    infoHash: f.copy(P.info_hash), peerId: f.copy(P.peer_id), port, uploaded: uploaded.value, downloaded: downloaded.value,
    left: left.value, event, numwant, compact, noPeerId, key, ip,
  });
}

/** The event, or null when it is not one we know (reported after the counters, as before). */
function parseEvent(f: AnnounceFields): AnnounceEvent | null {
  if (!f.has(P.event) || f.length(P.event) === 0) return 'none';
  const start = f.start(P.event);
  const length = f.length(P.event);
  for (const [name, event] of EVENTS) {
    if (name.length !== length) continue;
    let same = true;
    for (let i = 0; i < length && same; i++) same = f.bytes[start + i] === name[i];
    if (same) return event;
  }
  return null;
}

function counter(f: AnnounceFields, name: 'uploaded' | 'downloaded' | 'left'): Result<bigint, string> {
  const p = P[name];
  if (!f.has(p)) return err(failureReasons.missing(name));
  const parsed = parseUint63(f.bytes, f.start(p), f.end(p));
  if (parsed.ok) return parsed;
  return err(parsed.error === 'not-an-integer' ? failureReasons.notAnInteger(name) : failureReasons.exceeds63Bits(name));
}

function flag(f: AnnounceFields, name: 'compact' | 'no_peer_id', absent: boolean): boolean | null {
  const p = P[name];
  if (!f.has(p)) return absent;
  if (f.length(p) !== 1) return null;
  const b = f.bytes[f.start(p)];
  return b === 0x31 ? true : b === 0x30 ? false : null;
}
