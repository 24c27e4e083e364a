import { describe, expect, it } from 'vitest';
import { evaluateMember, type EvaluateMemberInput } from '@/lib/ratio/evaluate-member';
import { DEFAULT_RATIO_TABLE } from '@/lib/ratio/ratio-table';
import { requiredRatio } from '@/lib/ratio/required-ratio';
import { DAY_MS, GIB } from '@/lib/ratio/units';
import { DEFAULT_WATCH_SETTINGS, type MemberRatioState, type RatioWatch } from '@/lib/ratio/watch-state';

const NOW = new Date('2026-06-15T12:00:00Z');
const STARTED = new Date(NOW.getTime() - 5 * DAY_MS);
const ENDS = new Date(STARTED.getTime() + 14 * DAY_MS);
const WATCH: RatioWatch = { startedAt: STARTED, endsAt: ENDS, downloadedAtStart: 20n * GIB, requiredAtStart: 0.3 };
const ALLOWED = { leechingDisabled: false, leechingDisabledReason: null } as const;
const BY_RATIO = { leechingDisabled: true, leechingDisabledReason: 'ratio' } as const;
const BY_STAFF = { leechingDisabled: true, leechingDisabledReason: 'staff' } as const;

/** A member with 20 GiB downloaded and a ratio of 0.21 against a requirement of 0.30, unless overridden. */
function evaluate(member: Partial<EvaluateMemberInput['member']> = {}, over: Partial<EvaluateMemberInput> = {}) {
  return evaluateMember({
    now: NOW,
    member: { uploaded: 4_200n * (GIB / 1000n), downloaded: 20n * GIB, ...ALLOWED, watch: null, ...member },
    required: 0.3,
    settings: DEFAULT_WATCH_SETTINGS,
    ...over,
  });
}
const RECOVERED = { uploaded: 7n * GIB };

describe('evaluateMember', () => {
  it('starts a 14-day watch when the ratio falls below the requirement', () => {
    const before: MemberRatioState = { ...ALLOWED, watch: null };
    expect(evaluate()).toEqual({
      kind: 'start-watch',
      before,
      after: { ...ALLOWED, watch: { startedAt: NOW, endsAt: new Date(NOW.getTime() + 14 * DAY_MS), downloadedAtStart: 20n * GIB, requiredAtStart: 0.3 } },
    });
  });

  it('uses the configured watch length', () => {
    const result = evaluate({}, { settings: { ...DEFAULT_WATCH_SETTINGS, watchDays: 7 } });
    expect(result.after.watch?.endsAt).toEqual(new Date(NOW.getTime() + 7 * DAY_MS));
  });

  it.each<[string, bigint]>([
    ['above', 7n * GIB],
    ['exactly at', 6n * GIB],
  ])('leaves a member %s the requirement alone', (_case, uploaded) => {
    expect(evaluate({ uploaded })).toEqual({ kind: 'none', before: { ...ALLOWED, watch: null }, after: { ...ALLOWED, watch: null } });
  });

  it.each<[string, bigint]>([
    ['nothing', 0n],
    ['one byte', 1n],
    ['half of 5 GiB', 5n * GIB / 2n],
    ['one byte under 5 GiB', 5n * GIB - 1n],
  ])('never watches a member in the first table row (downloaded %s, uploaded nothing)', (_case, downloaded) => {
    const required = requiredRatio({ table: DEFAULT_RATIO_TABLE, downloaded, averageSeeding: 0, snatched: 3 });
    expect(evaluate({ uploaded: 0n, downloaded }, { required }).kind).toBe('none');
  });

  it('never watches a member who has downloaded nothing, whatever the requirement', () => {
    expect(evaluate({ uploaded: 0n, downloaded: 0n }, { required: 0.6 }).kind).toBe('none');
  });

  it('ends the watch when the ratio recovers, with leeching untouched', () => {
    expect(evaluate({ ...RECOVERED, watch: WATCH })).toEqual({
      kind: 'end-watch', leechingRestored: false, before: { ...ALLOWED, watch: WATCH }, after: { ...ALLOWED, watch: null },
    });
  });

  it('ends the watch and restores leeching that the ratio rule disabled', () => {
    expect(evaluate({ ...RECOVERED, ...BY_RATIO, watch: WATCH })).toEqual({
      kind: 'end-watch', leechingRestored: true, before: { ...BY_RATIO, watch: WATCH }, after: { ...ALLOWED, watch: null },
    });
  });

  it('ends the watch but never restores leeching that staff disabled', () => {
    expect(evaluate({ ...RECOVERED, ...BY_STAFF, watch: WATCH })).toEqual({
      kind: 'end-watch', leechingRestored: false, before: { ...BY_STAFF, watch: WATCH }, after: { ...BY_STAFF, watch: null },
    });
  });

  it('restores ratio-disabled leeching once the ratio recovers even without a watch', () => {
    expect(evaluate({ ...RECOVERED, ...BY_RATIO })).toEqual({
      kind: 'restore-leeching', before: { ...BY_RATIO, watch: null }, after: { ...ALLOWED, watch: null },
    });
  });

  it('leaves staff-disabled leeching alone without a watch when the ratio is fine', () => {
    expect(evaluate({ ...RECOVERED, ...BY_STAFF }).kind).toBe('none');
  });

  it.each<[string, number, string]>([
    ['one millisecond before the deadline', ENDS.getTime() - 1, 'none'],
    ['at the deadline', ENDS.getTime(), 'disable-leeching'],
    ['a day after the deadline', ENDS.getTime() + DAY_MS, 'disable-leeching'],
  ])('checks the deadline %s', (_case, nowMs, kind) => {
    expect(evaluate({ watch: WATCH }, { now: new Date(nowMs) }).kind).toBe(kind);
  });

  it('disables leeching when the watch expires below the requirement, keeping the watch', () => {
    expect(evaluate({ watch: WATCH }, { now: ENDS })).toEqual({
      kind: 'disable-leeching', reason: 'watch-expired', before: { ...ALLOWED, watch: WATCH }, after: { ...BY_RATIO, watch: WATCH },
    });
  });

  it.each<[string, bigint, string]>([
    ['exactly the 10 GiB limit', 10n * GIB, 'none'],
    ['one byte over the limit', 10n * GIB + 1n, 'disable-leeching'],
  ])('during a watch, downloading %s', (_case, since, kind) => {
    const downloaded = WATCH.downloadedAtStart + since;
    expect(evaluate({ uploaded: 0n, downloaded, watch: WATCH }).kind).toBe(kind);
  });

  it('disables leeching for the download limit before the deadline', () => {
    const result = evaluate({ uploaded: 0n, downloaded: 31n * GIB, watch: WATCH });
    expect(result).toEqual({
      kind: 'disable-leeching', reason: 'download-limit', before: { ...ALLOWED, watch: WATCH }, after: { ...BY_RATIO, watch: WATCH },
    });
  });

  it('reports an expired watch over the download limit as expired', () => {
    const result = evaluate({ uploaded: 0n, downloaded: 31n * GIB, watch: WATCH }, { now: ENDS });
    expect(result.kind === 'disable-leeching' && result.reason).toBe('watch-expired');
  });

  it('changes nothing while ratio-disabled leeching stays below the requirement', () => {
    expect(evaluate({ ...BY_RATIO, watch: WATCH }, { now: new Date(ENDS.getTime() + DAY_MS) }).kind).toBe('none');
  });

  it('keeps the staff reason when a watch expires on a staff-disabled member', () => {
    const result = evaluate({ ...BY_STAFF, watch: WATCH }, { now: ENDS });
    expect(result).toEqual({ kind: 'none', before: { ...BY_STAFF, watch: WATCH }, after: { ...BY_STAFF, watch: WATCH } });
  });

  it('still watches a staff-disabled member whose ratio falls below', () => {
    const result = evaluate({ ...BY_STAFF });
    expect([result.kind, result.after.leechingDisabledReason]).toEqual(['start-watch', 'staff']);
  });

  it('walks a member through watch, expiry and recovery', () => {
    const step = (now: Date, uploaded: bigint, state: MemberRatioState) =>
      evaluateMember({ now, member: { uploaded, downloaded: 20n * GIB, ...state }, required: 0.3, settings: DEFAULT_WATCH_SETTINGS });
    const started = step(NOW, 4n * GIB, { ...ALLOWED, watch: null });
    const deadline = started.after.watch?.endsAt ?? NOW;
    const expired = step(deadline, 4n * GIB, started.after);
    const recovered = step(new Date(deadline.getTime() + DAY_MS), 6n * GIB, expired.after);
    expect([started.kind, expired.kind, recovered.kind]).toEqual(['start-watch', 'disable-leeching', 'end-watch']);
    expect(recovered.after).toEqual({ ...ALLOWED, watch: null });
  });
});
