import { describe, expect, it } from 'vitest';
import { applyAnnounceCounters, type CounterInput, type TorrentMode } from '@/lib/tracker/accounting';

const NORMAL: TorrentMode = { freeleech: false, neutral: false, doubleUpload: false };
const GB = 1_000_000_000n;
const T0 = 1_700_000_000_000;

/** A peer announcing `up`/`down` 30 minutes after a baseline of `baseUp`/`baseDown`. */
function announce(over: Partial<CounterInput> & { up?: bigint; down?: bigint; baseUp?: bigint; baseDown?: bigint } = {}) {
  const { up = 0n, down = 0n, baseUp = 0n, baseDown = 0n, ...rest } = over;
  return applyAnnounceCounters({
    baseline: { uploaded: baseUp, downloaded: baseDown, atMs: T0 },
    report: { uploaded: up, downloaded: down },
    nowMs: T0 + 30 * 60_000,
    mode: NORMAL,
    swarmHadLeechers: true,
    ...rest,
  });
}

describe('applyAnnounceCounters', () => {
  it('credits nothing on a peer’s first announce, however large its counters, and sets the baseline', () => {
    const r = applyAnnounceCounters({
      baseline: null,
      report: { uploaded: 5000n * GB, downloaded: 7n * GB },
      nowMs: T0,
      mode: NORMAL,
      swarmHadLeechers: true,
    });
    expect(r).toEqual({
      actualUploaded: 0n, actualDownloaded: 0n, creditedUploaded: 0n, creditedDownloaded: 0n,
      baseline: { uploaded: 5000n * GB, downloaded: 7n * GB, atMs: T0 }, reset: false, flags: [],
    });
  });

  it('credits the delta since the baseline and moves the baseline', () => {
    const r = announce({ baseUp: 10n * GB, baseDown: 2n * GB, up: 13n * GB, down: 2n * GB + 500n });
    expect([r.actualUploaded, r.actualDownloaded, r.creditedUploaded, r.creditedDownloaded]).toEqual([3n * GB, 500n, 3n * GB, 500n]);
    expect(r.baseline).toEqual({ uploaded: 13n * GB, downloaded: 2n * GB + 500n, atMs: T0 + 30 * 60_000 });
    expect([r.reset, r.flags]).toEqual([false, []]);
  });

  it('credits nothing when the same counters are announced again', () => {
    const r = announce({ baseUp: 4n * GB, baseDown: GB, up: 4n * GB, down: GB });
    expect([r.creditedUploaded, r.creditedDownloaded, r.flags]).toEqual([0n, 0n, []]);
  });

  it.each([
    ['uploaded went down', { baseUp: 9n * GB, up: 1n * GB, baseDown: 0n, down: 5n * GB }],
    ['downloaded went down', { baseUp: 0n, up: 5n * GB, baseDown: 3n * GB, down: 0n }],
  ])('treats a counter that %s as a client restart: new baseline, nothing credited', (_what, counters) => {
    const r = announce(counters);
    expect(r.reset).toBe(true);
    expect([r.actualUploaded, r.actualDownloaded, r.creditedUploaded, r.creditedDownloaded]).toEqual([0n, 0n, 0n, 0n]);
    expect(r.baseline).toEqual({ uploaded: counters.up, downloaded: counters.down, atMs: T0 + 30 * 60_000 });
  });

  it.each<[string, TorrentMode, bigint, bigint]>([
    ['normal', NORMAL, 4n * GB, 2n * GB],
    ['freeleech: download not counted', { ...NORMAL, freeleech: true }, 4n * GB, 0n],
    ['neutral: nothing counted', { ...NORMAL, neutral: true }, 0n, 0n],
    ['double upload', { ...NORMAL, doubleUpload: true }, 8n * GB, 2n * GB],
    ['freeleech and double upload', { ...NORMAL, freeleech: true, doubleUpload: true }, 8n * GB, 0n],
    ['neutral wins over double upload', { freeleech: true, neutral: true, doubleUpload: true }, 0n, 0n],
  ])('credits %s', (_what, mode, up, down) => {
    const r = announce({ up: 4n * GB, down: 2n * GB, mode });
    expect([r.creditedUploaded, r.creditedDownloaded]).toEqual([up, down]);
    expect([r.actualUploaded, r.actualDownloaded]).toEqual([4n * GB, 2n * GB]);
  });

  it('caps a delta above the rate limit at limit x elapsed seconds and flags it', () => {
    const r = announce({ up: 10n ** 15n, down: 10n ** 14n, maxBytesPerSecond: 1e6, nowMs: T0 + 10_000 });
    expect([r.actualUploaded, r.actualDownloaded]).toEqual([10_000_000n, 10_000_000n]);
    expect(r.flags).toEqual(['rate-capped-upload', 'rate-capped-download']);
    expect(r.baseline.uploaded).toBe(10n ** 15n);
  });

  it('uses 10 Gbit/s as the default limit', () => {
    const within = announce({ up: 1_250_000_000n * 60n, nowMs: T0 + 60_000 });
    expect(within.flags).toEqual([]);
    const over = announce({ up: 1_250_000_000n * 60n + 1n, nowMs: T0 + 60_000 });
    expect([over.actualUploaded, over.flags]).toEqual([1_250_000_000n * 60n, ['rate-capped-upload']]);
  });

  it('allows at least one second of transfer when announces come at the same millisecond or out of order', () => {
    expect(announce({ down: 900n, maxBytesPerSecond: 1000, nowMs: T0 }).flags).toEqual([]);
    const r = announce({ down: 5000n, maxBytesPerSecond: 1000, nowMs: T0 - 60_000 });
    expect([r.actualDownloaded, r.flags]).toEqual([1000n, ['rate-capped-download']]);
  });

  it('flags but still credits upload when the swarm had no other leecher', () => {
    const r = announce({ up: GB, swarmHadLeechers: false });
    expect([r.creditedUploaded, r.flags]).toEqual([GB, ['upload-without-leechers']]);
    expect(announce({ down: GB, swarmHadLeechers: false }).flags).toEqual([]);
  });

  it('stays exact above 2^53', () => {
    const base = 2n ** 62n;
    const r = announce({ baseUp: base, up: base + 2n ** 53n + 1n, baseDown: base, down: base + 3n, mode: { ...NORMAL, doubleUpload: true }, maxBytesPerSecond: 1e13 });
    expect(r.actualUploaded).toBe(9007199254740993n);
    expect(r.creditedUploaded).toBe(18014398509481986n);
    expect(r.actualDownloaded).toBe(3n);
    expect(r.baseline.uploaded).toBe(base + 9007199254740993n);
  });
});
