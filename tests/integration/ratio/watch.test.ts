import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import { DEFAULT_RATIO_TABLE } from '@/lib/ratio';
import { evaluateMemberRatio } from '@/lib/services/ratio/evaluate-member';
import { getRatioStatus } from '@/lib/services/ratio/get-ratio-status';
import { saveRatioTable } from '@/lib/services/ratio/ratio-tables';
import { useTestDatabase } from '@/tests/helpers/db';
import { at, audits, DAY, GIB, member, setTotals, snatch, stored, T0, torrent } from './fixture';

let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ cleanup } = await useTestDatabase());
});
afterAll(() => cleanup());

const HOUR = 3_600_000;
const BELOW = 'Ratio 0.20 is below the required 0.30';

describe('ratio watch', () => {
  it('puts a member below the required ratio on a 14-day watch and audits it as automatic', async () => {
    const m = await member({ downloaded: 20n * GIB, uploaded: 4n * GIB });
    const e = await evaluateMemberRatio({ userId: m.id, now: T0 });
    expect(e?.kind).toBe('start-watch');
    expect(await stored(m.id)).toMatchObject({
      watchStartedAt: T0, watchEndsAt: at(14 * DAY), watchDownloadedAtStart: 20n * GIB, watchRequiredAtStart: 0.3,
      requiredRatio: 0.3, leechingDisabled: false,
    });
    expect(await audits(m.id)).toEqual([
      { actorId: null, action: 'watch.start', reason: `${BELOW}; the watch ends 2026-01-15T00:00:00.000Z` },
    ]);
  });

  it('leaves a member meeting the requirement alone, and evaluating again changes nothing', async () => {
    const m = await member({ downloaded: 20n * GIB, uploaded: 6n * GIB });
    expect((await evaluateMemberRatio({ userId: m.id, now: T0 }))?.kind).toBe('none');
    expect((await evaluateMemberRatio({ userId: m.id, now: at(HOUR) }))?.kind).toBe('none');
    expect(await audits(m.id)).toEqual([]);
  });

  it('ends the watch once the member uploads enough', async () => {
    const m = await member({ downloaded: 20n * GIB, uploaded: 4n * GIB });
    await evaluateMemberRatio({ userId: m.id, now: T0 });
    await setTotals(m.id, { uploaded: 6n * GIB });
    expect((await evaluateMemberRatio({ userId: m.id, now: at(3 * DAY) }))?.kind).toBe('end-watch');
    expect(await stored(m.id)).toMatchObject({ watchStartedAt: null, watchEndsAt: null, leechingDisabled: false });
    expect((await audits(m.id)).map((a) => a.action)).toEqual(['watch.start', 'watch.end']);
  });

  it('disables leeching when the watch expires below the requirement, and restores it on recovery', async () => {
    const m = await member({ downloaded: 20n * GIB, uploaded: 4n * GIB });
    await evaluateMemberRatio({ userId: m.id, now: T0 });
    expect((await evaluateMemberRatio({ userId: m.id, now: at(14 * DAY - 1) }))?.kind).toBe('none');
    const expired = await evaluateMemberRatio({ userId: m.id, now: at(14 * DAY) });
    expect(expired).toMatchObject({ kind: 'disable-leeching', disabledBy: 'watch-expired' });
    const status = await getRatioStatus({ actor: m, userId: m.id, now: at(14 * DAY) });
    expect(status).toMatchObject({
      ratio: '0.20', requiredText: '0.30', leechingDisabled: true, leechingDisabledReason: 'ratio', bytesToUpload: 2n * GIB,
      leechingMessage: 'Leeching disabled: ratio 0.20 is below the required 0.30; seed to recover',
    });
    expect((await audits(m.id)).at(-1)).toEqual({
      actorId: null, action: 'leeching.disable', reason: 'The watch ended with ratio 0.20 below the required 0.30',
    });

    await setTotals(m.id, { uploaded: 6n * GIB });
    expect(await evaluateMemberRatio({ userId: m.id, now: at(15 * DAY) })).toMatchObject({ kind: 'end-watch' });
    expect(await stored(m.id)).toMatchObject({ leechingDisabled: false, leechingDisabledReason: null, watchEndsAt: null });
    expect((await audits(m.id)).map((a) => a.action)).toEqual(['watch.start', 'leeching.disable', 'watch.end', 'leeching.restore']);
  });

  it('disables leeching at once when more than 10 GiB is downloaded during the watch, not at exactly 10 GiB', async () => {
    const m = await member({ downloaded: 20n * GIB, uploaded: 4n * GIB });
    await evaluateMemberRatio({ userId: m.id, now: T0 });
    await setTotals(m.id, { downloaded: 30n * GIB });
    expect((await evaluateMemberRatio({ userId: m.id, now: at(HOUR) }))?.kind).toBe('none');
    await setTotals(m.id, { downloaded: 30n * GIB + 1n });
    expect(await evaluateMemberRatio({ userId: m.id, now: at(2 * HOUR) })).toMatchObject({ kind: 'disable-leeching', disabledBy: 'download-limit' });
    expect((await audits(m.id)).at(-1)).toEqual({
      actorId: null, action: 'leeching.disable', reason: 'Downloaded more than 10 GiB during the watch (ratio 0.13, required 0.40)',
    });
  });

  it('never restores leeching disabled by staff, whatever the ratio', async () => {
    const m = await member({ downloaded: 20n * GIB, uploaded: 40n * GIB });
    await db().user.update({ where: { id: m.id }, data: { leechingDisabled: true, leechingDisabledReason: 'staff' } });
    expect((await evaluateMemberRatio({ userId: m.id, now: T0 }))?.kind).toBe('none');
    const status = await getRatioStatus({ actor: m, userId: m.id, now: T0 });
    expect(status).toMatchObject({ leechingDisabled: true, leechingMessage: 'Leeching disabled by staff; seeding is still allowed' });
  });

  it('lowers the requirement for members who seed what they snatched (time-weighted over 7 days)', async () => {
    const m = await member({ downloaded: 20n * GIB, uploaded: 4n * GIB });
    const [a, b] = [await torrent(), await torrent()];
    await snatch(m.id, a.id);
    await snatch(m.id, b.id);
    // Seeding both for the whole week, then one for the last 3.5 days: average 1.5 of 2 snatched.
    await db().seedingSample.createMany({ data: [
      { userId: m.id, at: at(-8 * DAY), seeding: 2 },
      { userId: m.id, at: at(-3.5 * DAY), seeding: 1 },
    ] });
    const e = await evaluateMemberRatio({ userId: m.id, now: T0 });
    // max(0.05, 0.3 * (1 - 1.5 / 2)), the 7-day average being (3.5 * 2 + 3.5 * 1) / 7 = 1.5.
    expect(e).toMatchObject({ kind: 'none', averageSeeding: 1.5, snatched: 2, required: 0.075 });
  });

  it('does not count snatches of deleted torrents', async () => {
    const m = await member({ downloaded: 20n * GIB, uploaded: 4n * GIB });
    const gone = await torrent({ deleted: true });
    await snatch(m.id, gone.id);
    expect((await evaluateMemberRatio({ userId: m.id, now: T0 }))?.snatched).toBe(0);
  });

  it('refuses to show another member its ratio status unless staff', async () => {
    const [m, other] = [await member(), await member()];
    await expect(getRatioStatus({ actor: other, userId: m.id, now: T0 })).rejects.toMatchObject({
      code: 'FORBIDDEN', userMessage: 'You can only see your own ratio status',
    });
  });
});

describe('ratio table versions', () => {
  const stricter = DEFAULT_RATIO_TABLE.map((row) => (row.fromGiB === 20 ? { ...row, maxRatio: 0.5 } : row));

  it('does not change the requirement of a running watch; new evaluations use the new table', async () => {
    const admin = await member({ role: 'admin' });
    const watched = await member({ downloaded: 20n * GIB, uploaded: 4n * GIB });
    await evaluateMemberRatio({ userId: watched.id, now: T0 });
    await saveRatioTable({ actor: admin, rows: stricter, effectiveFrom: at(HOUR), now: T0 });

    await setTotals(watched.id, { uploaded: 6n * GIB });
    // 0.30 meets the table the watch started under (0.30), though the new one asks 0.50.
    expect(await evaluateMemberRatio({ userId: watched.id, now: at(2 * HOUR) })).toMatchObject({ kind: 'end-watch', required: 0.3 });

    const fresh = await member({ downloaded: 20n * GIB, uploaded: 6n * GIB });
    expect(await evaluateMemberRatio({ userId: fresh.id, now: at(2 * HOUR) })).toMatchObject({ kind: 'start-watch', required: 0.5 });
    // The member whose watch ended is now measured against the table in effect.
    expect(await evaluateMemberRatio({ userId: watched.id, now: at(3 * HOUR) })).toMatchObject({ kind: 'start-watch', required: 0.5 });
  });

  it('refuses a table taking effect in the past, an invalid table, and non-admins', async () => {
    const admin = await member({ role: 'admin' });
    const moderator = await member({ role: 'moderator' });
    await expect(saveRatioTable({ actor: admin, rows: stricter, effectiveFrom: at(-1), now: T0 })).rejects.toMatchObject({
      userMessage: 'The table cannot take effect in the past; choose now or a later date',
    });
    await expect(saveRatioTable({ actor: admin, rows: [], effectiveFrom: T0, now: T0 })).rejects.toMatchObject({
      userMessage: 'The ratio table has no rows; it needs at least one row starting at 0 GiB with no upper bound',
    });
    await expect(saveRatioTable({ actor: moderator, rows: stricter, effectiveFrom: T0, now: T0 })).rejects.toMatchObject({
      code: 'FORBIDDEN', userMessage: 'Only admins can change the ratio table',
    });
  });
});
