import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import { mayDownload } from '@/lib/services/download-policy';
import { evaluateMemberRatio } from '@/lib/services/ratio/evaluate-member';
import { useTestDatabase } from '@/tests/helpers/db';
import { at, DAY, GIB, member, snatch, T0, torrent } from './fixture';

let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ cleanup } = await useTestDatabase());
});
afterAll(() => cleanup());

const REFUSAL = 'Leeching disabled: ratio 0.20 is below the required 0.30; seed to recover';
const LATER = at(14 * DAY);

/** A member whose watch expired below the requirement: leeching disabled by the ratio rule. */
async function disabledMember() {
  const m = await member({ downloaded: 20n * GIB, uploaded: 4n * GIB });
  await evaluateMemberRatio({ userId: m.id, now: T0 });
  await evaluateMemberRatio({ userId: m.id, now: LATER });
  return m;
}

async function seedNow(userId: number, torrentId: number, left: bigint) {
  await db().peer.create({
    data: {
      torrentId, userId, peerId: new Uint8Array(20).fill(userId % 250), ip: '10.0.0.1', port: 6881,
      uploaded: 0n, downloaded: 0n, left, seeder: left === 0n, client: 'qBittorrent 4.6.5', startedAt: T0, lastAnnounceAt: T0,
    },
  });
}

describe('download policy', () => {
  it('allows members whose leeching is enabled', async () => {
    const m = await member({ downloaded: 20n * GIB, uploaded: 4n * GIB });
    const t = await torrent();
    expect(await mayDownload({ userId: m.id, torrentId: t.id, now: T0 })).toEqual({ allowed: true });
  });

  it('refuses a member with leeching disabled, with the same message as the tracker', async () => {
    const m = await disabledMember();
    const t = await torrent();
    expect(await mayDownload({ userId: m.id, torrentId: t.id, now: LATER })).toEqual({ allowed: false, message: REFUSAL });
  });

  it('applies an expired watch at the moment of the download, before any scheduler pass', async () => {
    const m = await member({ downloaded: 20n * GIB, uploaded: 4n * GIB });
    await evaluateMemberRatio({ userId: m.id, now: T0 });
    const t = await torrent();
    expect(await mayDownload({ userId: m.id, torrentId: t.id, now: LATER })).toEqual({ allowed: false, message: REFUSAL });
  });

  it('does not open a disabled account for freeleech torrents', async () => {
    const m = await disabledMember();
    const t = await torrent({ freeleech: true });
    expect(await mayDownload({ userId: m.id, torrentId: t.id, now: LATER })).toEqual({ allowed: false, message: REFUSAL });
  });

  it.each([
    ['a torrent the member uploaded', async (userId: number) => (await torrent({ uploaderId: userId })).id],
    ['a torrent the member snatched', async (userId: number) => {
      const t = await torrent();
      await snatch(userId, t.id);
      return t.id;
    }],
    ['a torrent the member is seeding now', async (userId: number) => {
      const t = await torrent();
      await seedNow(userId, t.id, 0n);
      return t.id;
    }],
  ])('still allows %s while leeching is disabled', async (_name, prepare) => {
    const m = await disabledMember();
    const torrentId = await prepare(m.id);
    expect(await mayDownload({ userId: m.id, torrentId, now: LATER })).toEqual({ allowed: true });
  });

  it('does not count a torrent the member is only leeching as an exception', async () => {
    const m = await disabledMember();
    const t = await torrent();
    await seedNow(m.id, t.id, 500n);
    expect(await mayDownload({ userId: m.id, torrentId: t.id, now: LATER })).toEqual({ allowed: false, message: REFUSAL });
  });

  it('allows again as soon as the ratio meets the requirement', async () => {
    const m = await disabledMember();
    const t = await torrent();
    await db().user.update({ where: { id: m.id }, data: { uploaded: 6n * GIB } });
    expect(await mayDownload({ userId: m.id, torrentId: t.id, now: LATER })).toEqual({ allowed: true });
    expect(await db().user.findUniqueOrThrow({ where: { id: m.id }, select: { leechingDisabled: true } })).toEqual({ leechingDisabled: false });
  });
});
