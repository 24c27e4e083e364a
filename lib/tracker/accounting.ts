/** The last counters seen from one peer (one (user, torrent, peer_id)), and when. */
export interface CounterBaseline {
  uploaded: bigint;
  downloaded: bigint;
  atMs: number;
}

export interface TorrentMode {
  /** Downloads are not counted against the member. */
  freeleech: boolean;
  /** Nothing is counted, neither upload nor download. Wins over the other two. */
  neutral: boolean;
  /** Uploads count twice. Combines with freeleech. */
  doubleUpload: boolean;
}

export type AccountingFlag = 'rate-capped-upload' | 'rate-capped-download' | 'upload-without-leechers';

export interface CounterInput {
  baseline: CounterBaseline | null;
  /** The client's cumulative `uploaded` / `downloaded` for this session (BEP 3). */
  report: { uploaded: bigint; downloaded: bigint };
  nowMs: number;
  /** Ceiling on believable transfer speed; default 1.25e9 (10 Gbit/s). */
  maxBytesPerSecond?: number;
  mode: TorrentMode;
  /**
   * Whether the swarm had a leecher other than this peer at some time since the baseline, i.e. someone this
   * peer could upload to (not only at this announce: a leecher that finished meanwhile was downloaded from).
   */
  swarmHadLeechers: boolean;
}

export interface CounterOutcome {
  /** Transfer since the baseline, after the rate cap: what really moved as far as the tracker believes. */
  actualUploaded: bigint;
  actualDownloaded: bigint;
  /** What the member's totals gain after the torrent's mode. */
  creditedUploaded: bigint;
  creditedDownloaded: bigint;
  /** To store for the next announce of this peer. */
  baseline: CounterBaseline;
  /** The counters went backwards (client restart or a new session under the same peer_id). */
  reset: boolean;
  /** For review only: flags never ban and never withhold credit beyond the cap. */
  flags: readonly AccountingFlag[];
}

export const DEFAULT_MAX_BYTES_PER_SECOND = 1.25e9;

const ZERO = 0n;
/** Most announces raise no flag: they share this empty list instead of allocating one each. */
const NO_FLAGS: readonly AccountingFlag[] = Object.freeze([]);

/**
 * Turns a peer's cumulative counters into per-announce deltas. BEP 3 counters are cumulative since the
 * client's `started`, so only differences between two announces of the same peer mean anything: the first
 * announce only sets the baseline (whatever it claims), and a counter that went down means the client
 * restarted, so the baseline moves to the new values and nothing is credited. A delta faster than
 * `maxBytesPerSecond` over the elapsed time (at least 1 s) is capped and flagged; the excess is dropped, not
 * carried over, because the baseline still moves to the report.
 */
export function applyAnnounceCounters(input: CounterInput): CounterOutcome {
  const { baseline, report, nowMs, mode } = input;
  const next: CounterBaseline = { uploaded: report.uploaded, downloaded: report.downloaded, atMs: nowMs };
  const reset = baseline !== null && (report.uploaded < baseline.uploaded || report.downloaded < baseline.downloaded);
  if (baseline === null || reset) {
    return {
      actualUploaded: ZERO, actualDownloaded: ZERO, creditedUploaded: ZERO, creditedDownloaded: ZERO,
      baseline: next, reset, flags: NO_FLAGS,
    };
  }
  let flags: AccountingFlag[] | null = null;
  const elapsedSeconds = Math.max(1, (nowMs - baseline.atMs) / 1000);
  const cap = BigInt(Math.floor((input.maxBytesPerSecond ?? DEFAULT_MAX_BYTES_PER_SECOND) * elapsedSeconds));
  let actualUploaded = report.uploaded - baseline.uploaded;
  let actualDownloaded = report.downloaded - baseline.downloaded;
  if (actualUploaded > cap) {
    actualUploaded = cap;
    (flags ??= []).push('rate-capped-upload');
  }
  if (actualDownloaded > cap) {
    actualDownloaded = cap;
    (flags ??= []).push('rate-capped-download');
  }
  if (actualUploaded > ZERO && !input.swarmHadLeechers) (flags ??= []).push('upload-without-leechers');

  let creditedUploaded = mode.doubleUpload ? actualUploaded * 2n : actualUploaded;
  let creditedDownloaded = mode.freeleech ? ZERO : actualDownloaded;
  if (mode.neutral) {
    creditedUploaded = ZERO;
    creditedDownloaded = ZERO;
  }
  return { actualUploaded, actualDownloaded, creditedUploaded, creditedDownloaded, baseline: next, reset: false, flags: flags ?? NO_FLAGS };
}
