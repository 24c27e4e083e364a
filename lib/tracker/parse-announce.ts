import { bytesEqual, quoteBytes } from './bytes';
import { failureReasons } from './failure-reasons';
import { isIpLiteral } from './peer-endpoint';
import { parseQueryString, type QueryParams } from './query-string';
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

/** Validates announce parameters; the error is the exact `failure reason` to send. */
export function parseAnnounce(params: QueryParams, options: AnnounceOptions = {}): Result<AnnounceRequest, string> {
  const maxNumwant = options.maxNumwant ?? 50;
  const infoHash = params.get('info_hash');
  if (infoHash === undefined) return err(failureReasons.missing('info_hash'));
  if (infoHash.length !== 20) return err(failureReasons.wrongLength('info_hash', 20, infoHash.length));
  const peerId = params.get('peer_id');
  if (peerId === undefined) return err(failureReasons.missing('peer_id'));
  if (peerId.length !== 20) return err(failureReasons.wrongLength('peer_id', 20, peerId.length));

  const event = parseEvent(params.get('event'));
  const portBytes = params.get('port');
  if (portBytes === undefined) return err(failureReasons.missing('port'));
  const port = parseSaturatingUint(portBytes, 65536);
  if (port < 0 || port > 65535 || (port === 0 && event !== 'stopped')) return err(failureReasons.invalidPort);

  const uploaded = counter(params, 'uploaded');
  if (!uploaded.ok) return uploaded;
  const downloaded = counter(params, 'downloaded');
  if (!downloaded.ok) return downloaded;
  const left = counter(params, 'left');
  if (!left.ok) return left;
  if (typeof event !== 'string') return err(failureReasons.invalidEvent(quoteBytes(event.bad)));

  let numwant = maxNumwant;
  const numwantBytes = params.get('numwant');
  if (numwantBytes !== undefined) {
    numwant = parseSaturatingUint(numwantBytes, maxNumwant);
    if (numwant < 0) return err(failureReasons.notAnInteger('numwant'));
  }
  const compact = flag(params.get('compact'), true);
  if (compact === null) return err(failureReasons.notAFlag('compact'));
  const noPeerId = flag(params.get('no_peer_id'), false);
  if (noPeerId === null) return err(failureReasons.notAFlag('no_peer_id'));
  const key = params.get('key') ?? null;
  if (key !== null && key.length > 64) return err(failureReasons.keyTooLong);

  let ip: string | null = null;
  const ipBytes = options.trustIpParam ? params.get('ip') : undefined;
  if (ipBytes !== undefined) {
    ip = String.fromCharCode(...ipBytes.subarray(0, 46));
    if (ipBytes.length > 45 || !isIpLiteral(ip)) return err(failureReasons.invalidIp(quoteBytes(ipBytes, 45)));
  }
  return ok({
    infoHash, peerId, port, uploaded: uploaded.value, downloaded: downloaded.value, left: left.value,
    event, numwant, compact, noPeerId, key, ip,
  });
}

/** parseQueryString then parseAnnounce: the raw query text to a request or a `failure reason`. */
export function parseAnnounceQuery(raw: string, options: AnnounceOptions = {}): Result<AnnounceRequest, string> {
  const params = parseQueryString(raw);
  return params.ok ? parseAnnounce(params.value, options) : err(params.error.message);
}

function parseEvent(bytes: Uint8Array | undefined): AnnounceEvent | { bad: Uint8Array } {
  if (bytes === undefined || bytes.length === 0) return 'none';
  for (const [name, event] of EVENTS) if (bytesEqual(bytes, name)) return event;
  return { bad: bytes };
}

function counter(params: QueryParams, name: 'uploaded' | 'downloaded' | 'left'): Result<bigint, string> {
  const bytes = params.get(name);
  if (bytes === undefined) return err(failureReasons.missing(name));
  const parsed = parseUint63(bytes);
  if (parsed.ok) return parsed;
  return err(parsed.error === 'not-an-integer' ? failureReasons.notAnInteger(name) : failureReasons.exceeds63Bits(name));
}

function flag(bytes: Uint8Array | undefined, absent: boolean): boolean | null {
  if (bytes === undefined) return absent;
  if (bytes.length !== 1) return null;
  return bytes[0] === 0x31 ? true : bytes[0] === 0x30 ? false : null;
}
