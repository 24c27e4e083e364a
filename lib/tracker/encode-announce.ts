import { bytesSize, DICT, END, intSize, keyBytes, LIST, utf8, writeBytes, writeInt, writeRaw } from './bencode-writer';

/** Swarm figures and timing shared by both announce response forms. */
export interface AnnounceStats {
  /** Seconds (BEP 3 `interval`). */
  interval: number;
  /** Seconds (`min interval`); clients must not reannounce sooner. */
  minInterval: number;
  complete: number;
  incomplete: number;
  downloaded: number;
  /** Sent as `warning message`: the client shows it but the announce still succeeded. */
  warning?: string | undefined;
}

export interface CompactAnnounce extends AnnounceStats {
  /** Concatenated 6-byte IPv4 endpoints (BEP 23). */
  peers4: Uint8Array;
  /** Concatenated 18-byte IPv6 endpoints (BEP 7); omitted from the response when empty. */
  peers6: Uint8Array;
}

export interface DictPeer {
  ip: string;
  port: number;
  peerId?: Uint8Array;
}

export interface DictAnnounce extends AnnounceStats {
  peers: readonly DictPeer[];
  /** The client sent no_peer_id=1: leave `peer id` out of every peer. */
  noPeerId: boolean;
}

const K_COMPLETE = keyBytes('complete');
const K_DOWNLOADED = keyBytes('downloaded');
const K_INCOMPLETE = keyBytes('incomplete');
const K_INTERVAL = keyBytes('interval');
const K_MIN_INTERVAL = keyBytes('min interval');
const K_PEERS = keyBytes('peers');
const K_PEERS6 = keyBytes('peers6');
const K_WARNING = keyBytes('warning message');
const K_IP = keyBytes('ip');
const K_PEER_ID = keyBytes('peer id');
const K_PORT = keyBytes('port');

/**
 * Compact announce response (BEP 3 + BEP 23 `peers` + BEP 7 `peers6`), keys in raw-byte order:
 * complete, downloaded, incomplete, interval, min interval, peers, peers6, warning message.
 */
export function encodeAnnounce(r: CompactAnnounce): Uint8Array {
  const warning = r.warning === undefined ? null : utf8(r.warning);
  let size = 2 + statsSize(r) + K_PEERS.length + bytesSize(r.peers4.length);
  if (r.peers6.length > 0) size += K_PEERS6.length + bytesSize(r.peers6.length);
  if (warning) size += K_WARNING.length + bytesSize(warning.length);
  // From Buffer's shared pool (every announce sends one of these; a new array of this size would be an
  // allocation off the heap), so every byte must be written: checked below.
  const out = Buffer.allocUnsafe(size);
  let at = writeStats(out, 1, r);
  out[0] = DICT;
  at = writeBytes(out, writeRaw(out, at, K_PEERS), r.peers4);
  if (r.peers6.length > 0) at = writeBytes(out, writeRaw(out, at, K_PEERS6), r.peers6);
  if (warning) at = writeBytes(out, writeRaw(out, at, K_WARNING), warning);
  out[at] = END;
  if (at !== size - 1) throw new Error(`announce encoding wrote ${at + 1} of ${size} bytes`);
  return out;
}

/**
 * Non-compact announce response (BEP 3): `peers` is a list of dictionaries with `ip`, `peer id` and `port`,
 * for the few clients that send compact=0.
 */
export function encodeAnnounceDict(r: DictAnnounce): Uint8Array {
  const warning = r.warning === undefined ? null : utf8(r.warning);
  const ips = r.peers.map((p) => utf8(p.ip));
  let size = 2 + statsSize(r) + K_PEERS.length + 2;
  r.peers.forEach((p, i) => {
    size += 2 + K_IP.length + bytesSize(ips[i]?.length ?? 0) + K_PORT.length + intSize(p.port);
    if (!r.noPeerId && p.peerId) size += K_PEER_ID.length + bytesSize(p.peerId.length);
  });
  if (warning) size += K_WARNING.length + bytesSize(warning.length);
  const out = new Uint8Array(size);
  out[0] = DICT;
  let at = writeRaw(out, writeStats(out, 1, r), K_PEERS);
  out[at++] = LIST;
  r.peers.forEach((p, i) => {
    out[at++] = DICT;
    at = writeBytes(out, writeRaw(out, at, K_IP), ips[i] ?? new Uint8Array(0));
    if (!r.noPeerId && p.peerId) at = writeBytes(out, writeRaw(out, at, K_PEER_ID), p.peerId);
    at = writeInt(out, writeRaw(out, at, K_PORT), p.port);
    out[at++] = END;
  });
  out[at++] = END;
  if (warning) at = writeBytes(out, writeRaw(out, at, K_WARNING), warning);
  out[at] = END;
  return out;
}

function statsSize(r: AnnounceStats): number {
  return (
    K_COMPLETE.length + intSize(r.complete) + K_DOWNLOADED.length + intSize(r.downloaded) +
    K_INCOMPLETE.length + intSize(r.incomplete) + K_INTERVAL.length + intSize(r.interval) +
    K_MIN_INTERVAL.length + intSize(r.minInterval)
  );
}

function writeStats(out: Uint8Array, at: number, r: AnnounceStats): number {
  at = writeInt(out, writeRaw(out, at, K_COMPLETE), r.complete);
  at = writeInt(out, writeRaw(out, at, K_DOWNLOADED), r.downloaded);
  at = writeInt(out, writeRaw(out, at, K_INCOMPLETE), r.incomplete);
  at = writeInt(out, writeRaw(out, at, K_INTERVAL), r.interval);
  return writeInt(out, writeRaw(out, at, K_MIN_INTERVAL), r.minInterval);
}
