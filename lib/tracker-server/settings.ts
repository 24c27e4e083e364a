export type TrustedProxy = 'none' | 'loopback' | 'all';

/**
 * SQLite `synchronous` for the tracker's WAL connection. `normal`: a commit is written to the WAL (the OS page
 * cache) but not fsynced, so an acknowledged announce survives `kill -9` and any crash of the process, and only an
 * OS crash or power loss can lose the last commits. `full`: every commit also fsyncs, which caps throughput at
 * about (concurrent requests) / (fsync latency).
 */
export type TrackerSynchronous = 'normal' | 'full';

/** Tunables of the tracker; every field has a default (see DEFAULT_TRACKER_SETTINGS). */
export interface TrackerSettings {
  /** Base announce interval in seconds, jittered +/-10% per response. */
  intervalSeconds: number;
  /** Announces sooner than this (except completed/stopped) get no peers and a warning. */
  minIntervalSeconds: number;
  /** Distinct peer_ids one member may run on one torrent. */
  maxPeersPerUserPerTorrent: number;
  /** Ceiling on believable transfer speed; faster deltas are capped and flagged. */
  maxBytesPerSecond: number;
  /** Whose X-Forwarded-For / `ip=` is believed: nobody, a proxy on loopback, or any socket. */
  trustedProxy: TrustedProxy;
  /** A peer not heard from for this long is dropped; default two intervals. */
  peerExpirySeconds: number;
  /** How often stale peers are looked for. */
  expiryCheckSeconds: number;
  /** Failed passkey lookups allowed per client address and window before further attempts are refused. */
  unknownPasskeyLimit: number;
  unknownPasskeyWindowSeconds: number;
  /**
   * Announces arriving within this window share one database transaction (group commit). 0, the default, commits
   * at the end of the event-loop turn: an idle tracker answers at once, and under load everything that arrived
   * during one commit shares the next, so batches grow with the load without a fixed wait.
   */
  batchWindowMs: number;
  /** A batch this large is committed at once instead of waiting for the window. */
  maxBatchSize: number;
  /**
   * How long a write waits for a lock held by another connection. Short on purpose: better-sqlite3 waits
   * synchronously, which stalls the whole process (the site included) for that time.
   */
  busyTimeoutMs: number;
  /** Durability of a commit: see TrackerSynchronous. */
  synchronous: TrackerSynchronous;
  /** Upper bound and default of `numwant`. */
  maxNumwant: number;
  /** Cached members, torrents and the client blacklist are reloaded at least this often. */
  cacheTtlSeconds: number;
}

export const DEFAULT_TRACKER_SETTINGS: Readonly<TrackerSettings> = {
  intervalSeconds: 1800,
  minIntervalSeconds: 300,
  maxPeersPerUserPerTorrent: 3,
  maxBytesPerSecond: 1.25e9,
  trustedProxy: 'none',
  peerExpirySeconds: 3600,
  expiryCheckSeconds: 60,
  unknownPasskeyLimit: 10,
  unknownPasskeyWindowSeconds: 600,
  batchWindowMs: 0,
  maxBatchSize: 1000,
  busyTimeoutMs: 100,
  synchronous: 'normal',
  maxNumwant: 50,
  cacheTtlSeconds: 60,
};

/** Defaults filled in; without an explicit expiry, peers expire after two (possibly custom) intervals. */
export function resolveSettings(partial: Partial<TrackerSettings> = {}): TrackerSettings {
  const merged = { ...DEFAULT_TRACKER_SETTINGS, ...partial };
  if (partial.peerExpirySeconds === undefined) merged.peerExpirySeconds = 2 * merged.intervalSeconds;
  return merged;
}
