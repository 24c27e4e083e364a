export type TrustedProxy = 'none' | 'loopback' | 'all';

/**
 * Durability of the announce journal. `normal`: a batch is written to the journal (the OS page cache) but not
 * fsynced before its replies, so an acknowledged announce survives `kill -9` and any crash of the process, and
 * only an OS crash or power loss can lose the last batches. `full`: each batch is also fdatasynced before its
 * replies (one fsync shared by all batches written meanwhile), and the fold commits with synchronous=FULL.
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
   * Announces arriving within this window share one journal write (group commit). 0, the default, writes at the
   * end of the event-loop turn: an idle tracker answers at once, and under load everything that arrived during
   * one turn shares the next write, so batches grow with the load without a fixed wait.
   */
  batchWindowMs: number;
  /** A batch this large is committed at once instead of waiting for the window. */
  maxBatchSize: number;
  /**
   * How long a read of the tracker's own connection (cache misses) waits for a lock. Short on purpose:
   * better-sqlite3 waits synchronously, which stalls the whole process (the site included) for that time.
   */
  busyTimeoutMs: number;
  /** Durability of a journal write: see TrackerSynchronous. */
  synchronous: TrackerSynchronous;
  /**
   * How often the fold worker moves journaled announces into the database. The site's figures (profiles, torrent
   * counts) lag the tracker by about this much. Longer intervals fold more announces per transaction, and a fold's
   * cost is mostly the pages it dirties (random Peer and UserTorrent rows), which many announces then share: in
   * bench:announce, 5 s instead of 1 s lowered the half-load p99 median from about 40 ms to about 13 ms (it shares the
   * core with the fold), at the price of a somewhat longer p99 under full load.
   */
  foldIntervalMs: number;
  /**
   * Scheduling niceness of the fold worker thread (Linux; 0 = as the process, 19 = lowest): its share of a core
   * the event loop keeps busy. Used as is when `foldIdle` is off or cannot be had.
   */
  foldNice: number;
  /**
   * Linux: the fold worker runs in the idle scheduling class (SCHED_IDLE, set with util-linux `chrt`), so the
   * event loop preempts it as soon as it wakes and a fold never delays a reply. A niceness alone does not: with
   * `foldNice` 10, `perf sched` showed the event loop waiting up to 5 ms for the fold's time slice to end. The
   * price: while other work keeps every core busy the fold gets almost nothing and lags (the journal keeps what
   * it has not folded; the site's figures wait).
   */
  foldIdle: boolean;
  /** How long a fold waits for the site's writes to release the database (in the worker: nothing else waits). */
  foldBusyTimeoutMs: number;
  /** A journal file is closed at this size and a new one started; folded files are deleted. */
  journalSegmentBytes: number;
  /**
   * About how much journal one fold transaction takes in; a larger backlog is folded in several rounds. Larger
   * rounds cost less per announce (each commit writes every page the round touched) but hold the database's
   * write lock longer: a site write waits for it (off the event loop, lib/db/sqlite-adapter.ts) and fails after
   * 5 s.
   */
  foldRoundBytes: number;
  /**
   * How long one fold round should hold the write lock at most. A fold applies steps of up to foldStepBytes,
   * each sized to what the budget left affords at the fold's pace so far (pacedStepBytes), and once it affords
   * no more, commits the steps done and leaves the rest to the next round; a round that held
   * the lock longer also makes the next rounds smaller (down to 256 KiB of journal), and one well within it lets
   * the next be foldRoundBytes again. On a core the event loop keeps busy, the fold in the idle class gets almost
   * no CPU while it holds the lock: one 16 MiB round held it for 7.3 s, past the 5 s a site write waits. A 16 MiB
   * round on an idle core takes ~2 s.
   */
  foldLockBudgetMs: number;
  /** The most journal a fold applies between two checks of foldLockBudgetMs (whole frames; at least one per step). */
  foldStepBytes: number;
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
  foldIntervalMs: 5000,
  foldNice: 10,
  foldIdle: true,
  foldBusyTimeoutMs: 5000,
  journalSegmentBytes: 64 * 1024 * 1024,
  foldRoundBytes: 16 * 1024 * 1024,
  foldLockBudgetMs: 2500,
  // Some 4,000 announces: ~40 ms of CPU, most of a second in the idle class on a busy core. Smaller steps cost
  // locality (fold microbenchmark: 256 KiB ~10% and 512 KiB ~7% more per record; 1 MiB within noise of none).
  foldStepBytes: 1024 * 1024,
  maxNumwant: 50,
  cacheTtlSeconds: 60,
};

/** Defaults filled in; without an explicit expiry, peers expire after two (possibly custom) intervals. */
export function resolveSettings(partial: Partial<TrackerSettings> = {}): TrackerSettings {
  const merged = { ...DEFAULT_TRACKER_SETTINGS, ...partial };
  if (partial.peerExpirySeconds === undefined) merged.peerExpirySeconds = 2 * merged.intervalSeconds;
  return merged;
}
