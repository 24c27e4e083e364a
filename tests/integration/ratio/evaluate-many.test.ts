import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import { evaluateMemberRatio, evaluateMembersRatio } from '@/lib/services/ratio/evaluate-member';
import { sampleSeeding } from '@/lib/services/ratio/seeding-samples';
import { useTestDatabase } from '@/tests/helpers/db';
import { at, audits, DAY, GIB, member, snatch, stored, T0, torrent } from './fixture';

/**
 * The scheduler's bulk evaluation against the one-member evaluation it replaces: twin members with the same
 * figures, one of each pair evaluated in bulk (more members than one slice of the bulk reads), the other one by
 * one, must end with the same stored state and the same audit entries.
 */
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ cleanup } = await useTestDatabase());
});
afterAll(() => cleanup());

const PER_PROFILE = 60;

interface Profile {
  uploaded: bigint;
  downloaded: bigint;
  watch?: { startedAt: Date; endsAt: Date };
  staffDisabled?: boolean;
  seeding?: boolean;
}

/** One of each kind of outcome: none, start-watch, none thanks to seeding, end-watch, disable-leeching, nothing downloaded, disabled by staff. */
const PROFILES: Profile[] = [
  { uploaded: 30n * GIB, downloaded: 20n * GIB },
  { uploaded: 4n * GIB, downloaded: 20n * GIB },
  { uploaded: 4n * GIB, downloaded: 20n * GIB, seeding: true },
  { uploaded: 10n * GIB, downloaded: 20n * GIB, watch: { startedAt: at(-DAY), endsAt: at(13 * DAY) } },
  { uploaded: 4n * GIB, downloaded: 20n * GIB, watch: { startedAt: at(-15 * DAY), endsAt: at(-DAY) } },
  { uploaded: 0n, downloaded: 0n },
  { uploaded: 30n * GIB, downloaded: 20n * GIB, staffDisabled: true },
];

async function make(profile: Profile, torrents: { kept: number[]; deleted: number }): Promise<number> {
  const m = await member({ uploaded: profile.uploaded, downloaded: profile.downloaded });
  if (profile.watch) {
    await db().user.update({
      where: { id: m.id },
      data: { watchStartedAt: profile.watch.startedAt, watchEndsAt: profile.watch.endsAt, watchDownloadedAtStart: profile.downloaded, watchRequiredAtStart: 0.3 },
    });
  }
  if (profile.staffDisabled) await db().user.update({ where: { id: m.id }, data: { leechingDisabled: true, leechingDisabledReason: 'staff' } });
  if (profile.seeding) {
    for (const t of torrents.kept) await snatch(m.id, t);
    await db().seedingSample.createMany({ data: [
      { userId: m.id, at: at(-9 * DAY), seeding: 1 },
      { userId: m.id, at: at(-8 * DAY), seeding: 2 },
      { userId: m.id, at: at(-3.5 * DAY), seeding: 1 },
    ] });
  }
  await snatch(m.id, torrents.deleted);
  return m.id;
}

describe('evaluating many members at once', () => {
  it('stores what evaluating each member alone stores, with the same audit entries', async () => {
    const torrents = { kept: [(await torrent()).id, (await torrent()).id], deleted: (await torrent({ deleted: true })).id };
    const bulk: number[] = [];
    const single: number[] = [];
    for (let i = 0; i < PER_PROFILE; i++) {
      for (const profile of PROFILES) {
        bulk.push(await make(profile, torrents));
        single.push(await make(profile, torrents));
      }
    }
    expect(bulk.length).toBeGreaterThan(400);

    const unknown = Math.max(...single) + 1000;
    const result = await evaluateMembersRatio({ userIds: [...bulk, unknown], now: T0 });
    for (const userId of single) await evaluateMemberRatio({ userId, now: T0 });

    expect(result.failed).toEqual([]);
    expect(result.evaluated.sort((a, b) => a - b)).toEqual(bulk);
    // start-watch, end-watch and disable-leeching members changed.
    expect(result.changed).toHaveLength(3 * PER_PROFILE);
    for (let k = 0; k < bulk.length; k++) {
      const [a, b] = [bulk[k] as number, single[k] as number];
      expect({ member: k, state: await stored(a) }).toEqual({ member: k, state: await stored(b) });
      expect({ member: k, audits: await audits(a) }).toEqual({ member: k, audits: await audits(b) });
    }
    const evaluatedAt = await db().user.findMany({ where: { id: { in: bulk } }, select: { ratioEvaluatedAt: true } });
    expect(evaluatedAt.every((row) => row.ratioEvaluatedAt?.getTime() === T0.getTime())).toBe(true);
    // The profiles did produce different outcomes: the comparison above is not between identical defaults.
    const required = new Set((await db().user.findMany({ where: { id: { in: bulk } }, select: { requiredRatio: true } })).map((r) => r.requiredRatio));
    expect([...required].sort()).toEqual([0, 0.075, 0.3]);
    const disabled = await db().user.count({ where: { id: { in: bulk }, leechingDisabled: true, leechingDisabledReason: 'ratio' } });
    expect(disabled).toBe(PER_PROFILE);
  });
});

describe('seeding samples', () => {
  it('count distinct torrents seeded, leaving out leeching and deleted torrents', async () => {
    const m = await member();
    const [a, b, gone] = [await torrent(), await torrent(), await torrent({ deleted: true })];
    const peer = (torrentId: number, n: number, seeder: boolean) => ({
      torrentId, userId: m.id, peerId: new Uint8Array(20).fill(n), ip: '10.0.0.1', port: 6881 + n, uploaded: 0n, downloaded: 0n,
      left: seeder ? 0n : 100n, seeder, client: 'aria2', startedAt: T0, lastAnnounceAt: T0,
    });
    // Two peers seeding a, one leeching b, one seeding a deleted torrent: one torrent seeded.
    await db().peer.createMany({ data: [peer(a.id, 1, true), peer(a.id, 2, true), peer(b.id, 3, false), peer(gone.id, 4, true)] });
    expect(await sampleSeeding({ now: T0, userIds: [m.id] })).toEqual([m.id]);
    expect(await sampleSeeding({ now: at(60_000) })).not.toContain(m.id);
    await db().peer.update({ where: { torrentId_userId_peerId: { torrentId: b.id, userId: m.id, peerId: new Uint8Array(20).fill(3) } }, data: { left: 0n, seeder: true } });
    expect(await sampleSeeding({ now: at(120_000) })).toContain(m.id);
    const samples = await db().seedingSample.findMany({ where: { userId: m.id }, orderBy: { id: 'asc' }, select: { seeding: true } });
    expect(samples.map((s) => s.seeding)).toEqual([1, 2]);
  });
});
