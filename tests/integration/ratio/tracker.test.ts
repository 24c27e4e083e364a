import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import { evaluateMemberRatio } from '@/lib/services/ratio/evaluate-member';
import { createRatioScheduler } from '@/lib/services/ratio/ratio-scheduler';
import { putSetting } from '@/lib/services/settings';
import { takeRatioActivity } from '@/lib/tracker-server/ratio-activity';
import { startTrackerFixture, type TrackerFixture } from '@/tests/helpers/tracker-fixture';
import { failureOf, intOf, peerId } from '@/tests/helpers/tracker-harness';
import { audits, DAY, GIB, member, stored, torrent } from './fixture';

let f: TrackerFixture;
beforeAll(async () => {
  f = await startTrackerFixture();
});
afterAll(async () => f.close());
beforeEach(() => {
  takeRatioActivity();
});

const TEN_MIN = 600_000;
const now = () => new Date(f.clock.ms);
const hashOf = (t: { infoHashV1: string | null }) => Buffer.from(t.infoHashV1 ?? '', 'hex');

/** A member put on watch now and left below the requirement until the watch expired: leeching disabled. */
async function disabledMember() {
  const m = await member({ downloaded: 20n * GIB, uploaded: 4n * GIB });
  await evaluateMemberRatio({ userId: m.id, now: now() });
  f.clock.ms += 14 * DAY;
  await evaluateMemberRatio({ userId: m.id, now: now() });
  return m;
}

describe('tracker ratio enforcement', () => {
  it('refuses a disabled member leeching with the ratio message and no peers, but accepts and credits seeding', async () => {
    const m = await disabledMember();
    const [seeded, wanted] = [await torrent(), await torrent({ freeleech: true })];
    const other = await member();
    // Someone downloading from the member, so the upload is plausible.
    await f.announce(other.passkey, { infoHash: hashOf(seeded), peerId: peerId(90), port: 7001, left: 1000 });

    const seed = { infoHash: hashOf(seeded), peerId: peerId(1), port: 7002, left: 0 };
    expect(failureOf(await f.announce(m.passkey, seed))).toBeUndefined();
    f.clock.ms += TEN_MIN;
    expect(failureOf(await f.announce(m.passkey, { ...seed, uploaded: Number(GIB) }))).toBeUndefined();
    expect((await stored(m.id)).uploaded).toBe(5n * GIB);

    // Freeleech does not open a disabled account.
    const refused = await f.announce(m.passkey, { infoHash: hashOf(wanted), peerId: peerId(2), port: 7003, left: 1000 });
    expect(failureOf(refused)).toBe('Leeching disabled: ratio 0.25 is below the required 0.30; seed to recover');
    expect(refused.peers).toBeUndefined();
    expect(await db().peer.count({ where: { userId: m.id, torrentId: wanted.id } })).toBe(0);

    // Reaching the requirement by seeding opens leeching at once, before any evaluation.
    f.clock.ms += TEN_MIN;
    expect(failureOf(await f.announce(m.passkey, { ...seed, uploaded: 2 * Number(GIB) }))).toBeUndefined();
    const allowed = await f.announce(m.passkey, { infoHash: hashOf(wanted), peerId: peerId(2), port: 7003, left: 1000 });
    expect(failureOf(allowed)).toBeUndefined();
    expect(allowed.peers).toBeDefined();
  });

  it('disables leeching on the next announce after more than the limit was downloaded during a watch', async () => {
    await putSetting('maxDownloadDuringWatchGiB', 1);
    const m = await member({ downloaded: 20n * GIB, uploaded: 4n * GIB });
    await evaluateMemberRatio({ userId: m.id, now: now() });
    const t = await torrent();
    const leech = { infoHash: hashOf(t), peerId: peerId(3), port: 7004, left: 10 * Number(GIB) };
    expect(failureOf(await f.announce(m.passkey, leech))).toBeUndefined();
    f.clock.ms += TEN_MIN;
    expect(failureOf(await f.announce(m.passkey, { ...leech, downloaded: Number(GIB) }))).toBeUndefined();
    f.clock.ms += TEN_MIN;
    expect(failureOf(await f.announce(m.passkey, { ...leech, downloaded: Number(GIB) + 1 }))).toBeUndefined();
    f.clock.ms += TEN_MIN;
    // 1 GiB + 1 byte since the watch started: refused at once, with no scheduler pass in between.
    const refused = await f.announce(m.passkey, { ...leech, downloaded: Number(GIB) + 1 });
    expect(failureOf(refused)).toBe('Leeching disabled: ratio 0.19 is below the required 0.30; seed to recover');
    expect((await stored(m.id)).leechingDisabled).toBe(false);

    // The tracker asked the scheduler to persist it: its short pass does, with the audit entry.
    const scheduler = createRatioScheduler({ now, log: () => undefined });
    await scheduler.processActivity();
    expect(await stored(m.id)).toMatchObject({ leechingDisabled: true, leechingDisabledReason: 'ratio' });
    expect((await audits(m.id)).at(-1)).toEqual({
      actorId: null, action: 'leeching.disable', reason: 'Downloaded more than 1 GiB during the watch (ratio 0.19, required 0.30)',
    });
    await putSetting('maxDownloadDuringWatchGiB', 10);
  });

  it('refuses leeching once the watch deadline passed, before the scheduler stored it', async () => {
    const m = await member({ downloaded: 20n * GIB, uploaded: 4n * GIB });
    await evaluateMemberRatio({ userId: m.id, now: now() });
    const t = await torrent();
    const leech = { infoHash: hashOf(t), peerId: peerId(9), port: 7011, left: 1000 };
    f.clock.ms += 14 * DAY - 1;
    expect(failureOf(await f.announce(m.passkey, leech))).toBeUndefined();
    f.clock.ms += TEN_MIN;
    expect(failureOf(await f.announce(m.passkey, leech))).toBe('Leeching disabled: ratio 0.20 is below the required 0.30; seed to recover');
    expect((await stored(m.id)).leechingDisabled).toBe(false);
    await createRatioScheduler({ now, log: () => undefined }).processActivity();
    expect((await audits(m.id)).map((a) => a.action)).toEqual(['watch.start', 'leeching.disable']);
  });

  it('applies site-wide freeleech and double upload only inside their windows', async () => {
    const m = await member();
    const other = await member();
    const t = await torrent();
    const end = new Date(f.clock.ms + 3 * TEN_MIN).toISOString();
    await putSetting('siteFreeleechUntil', end);
    await putSetting('siteDoubleUploadUntil', end);
    await f.announce(other.passkey, { infoHash: hashOf(t), peerId: peerId(91), port: 7005, left: 1000 });
    const p = { infoHash: hashOf(t), peerId: peerId(4), port: 7006, left: 1000 };
    await f.announce(m.passkey, p);
    f.clock.ms += TEN_MIN;
    await f.announce(m.passkey, { ...p, uploaded: 1000, downloaded: 5000 });
    expect(await stored(m.id)).toMatchObject({ uploaded: 2000n, downloaded: 0n });

    f.clock.ms += 3 * TEN_MIN;
    await f.announce(m.passkey, { ...p, uploaded: 2000, downloaded: 8000 });
    expect(await stored(m.id)).toMatchObject({ uploaded: 3000n, downloaded: 3000n });
    await putSetting('siteFreeleechUntil', null);
    await putSetting('siteDoubleUploadUntil', null);
  });

  it('hands out the announce interval set by the admin', async () => {
    const m = await member();
    const t = await torrent();
    await putSetting('announceIntervalSeconds', 3600);
    expect(intOf(await f.announce(m.passkey, { infoHash: hashOf(t), peerId: peerId(5), port: 7007 }), 'interval')).toBe(3600);
    await putSetting('announceIntervalSeconds', 1800);
    f.clock.ms += TEN_MIN;
    expect(intOf(await f.announce(m.passkey, { infoHash: hashOf(t), peerId: peerId(5), port: 7007 }), 'interval')).toBe(1800);
  });
});

describe('ratio scheduler', () => {
  it('samples the seeding of members the tracker reported, writing only changes', async () => {
    const m = await member();
    const [a, b] = [await torrent(), await torrent()];
    const scheduler = createRatioScheduler({ now, log: () => undefined });
    await f.announce(m.passkey, { infoHash: hashOf(a), peerId: peerId(6), port: 7008, left: 0 });
    await f.announce(m.passkey, { infoHash: hashOf(a), peerId: peerId(7), port: 7009, left: 0 });
    await f.announce(m.passkey, { infoHash: hashOf(b), peerId: peerId(6), port: 7008, left: 0 });
    await scheduler.processActivity();
    f.clock.ms += TEN_MIN;
    await f.announce(m.passkey, { infoHash: hashOf(b), peerId: peerId(6), port: 7008, left: 0 });
    await scheduler.processActivity();
    f.clock.ms += TEN_MIN;
    await f.announce(m.passkey, { infoHash: hashOf(b), peerId: peerId(6), port: 7008, left: 0, event: 'stopped' });
    await scheduler.processActivity();
    const samples = await db().seedingSample.findMany({ where: { userId: m.id }, orderBy: { id: 'asc' }, select: { seeding: true } });
    expect(samples.map((s) => s.seeding)).toEqual([2, 1]);
  });

  it('sweeps: starts watches for members below the requirement and expires watches past their deadline', async () => {
    const scheduler = createRatioScheduler({ now, log: () => undefined });
    const quiet = await member({ downloaded: 20n * GIB, uploaded: 4n * GIB });
    await scheduler.sweep();
    expect((await stored(quiet.id)).watchEndsAt).toEqual(new Date(f.clock.ms + 14 * DAY));
    f.clock.ms += 14 * DAY;
    await scheduler.sweep();
    expect(await stored(quiet.id)).toMatchObject({ leechingDisabled: true, leechingDisabledReason: 'ratio' });
    expect((await audits(quiet.id)).map((a) => a.action)).toEqual(['watch.start', 'leeching.disable']);
  });

  it('evaluates a member with ordinary activity at most once a minute', async () => {
    const scheduler = createRatioScheduler({ now, log: () => undefined });
    const m = await member();
    const t = await torrent();
    await f.announce(m.passkey, { infoHash: hashOf(t), peerId: peerId(8), port: 7010, left: 0 });
    expect(await scheduler.processActivity()).toEqual({ evaluated: 1, changed: 0 });
    f.clock.ms += 30_000;
    await f.announce(m.passkey, { infoHash: hashOf(t), peerId: peerId(8), port: 7010, left: 0 });
    expect(await scheduler.processActivity()).toEqual({ evaluated: 0, changed: 0 });
    // Deferred, not forgotten: the next pass after the minute evaluates it without new activity.
    f.clock.ms += 30_000;
    expect(await scheduler.processActivity()).toEqual({ evaluated: 1, changed: 0 });
  });
});
