import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import { getActivity } from '@/lib/services/get-activity';
import { getTorrent } from '@/lib/services/get-torrent';
import { getMemberAdmin } from '@/lib/services/moderation/get-member-admin';
import { startTrackerFixture, type TrackerFixture } from '@/tests/helpers/tracker-fixture';
import { failureOf, peerId } from '@/tests/helpers/tracker-harness';
import { member, torrent } from '../ratio/fixture';

/**
 * A re-announce that changes nothing about a peer but its counters writes only the member's history row
 * (UserTorrent.lastPeerId in schema.prisma). Everything else about a peer still reaches its Peer row, and the
 * site shows what the tracker last heard.
 */
let f: TrackerFixture;
beforeAll(async () => {
  f = await startTrackerFixture();
});
afterAll(async () => f.close());

const TEN_MIN = 600_000;

async function peerRow(userId: number, torrentId: number) {
  return db().peer.findFirstOrThrow({ where: { userId, torrentId }, select: { port: true, left: true, seeder: true, lastAnnounceAt: true } });
}

describe('Peer rows', () => {
  it('take a new endpoint and a finished download at once, and leave the counters of plain re-announces to the history row', async () => {
    const m = await member();
    const t = await torrent();
    const p = { infoHash: Buffer.from(t.infoHashV1 ?? '', 'hex'), peerId: peerId(1), port: 6881 };
    const announce = async (extra: { port?: number; left: number; event?: string }) => {
      f.clock.ms += TEN_MIN;
      expect(failureOf(await f.announce(m.passkey, { ...p, ...extra }))).toBeUndefined();
    };
    await announce({ left: 800 });
    const started = new Date(f.clock.ms);
    expect(await peerRow(m.id, t.id)).toEqual({ port: 6881, left: 800n, seeder: false, lastAnnounceAt: started });
    await announce({ left: 600 });
    // Same endpoint, still leeching: the row is as it was, the history row has the latest.
    expect(await peerRow(m.id, t.id)).toEqual({ port: 6881, left: 800n, seeder: false, lastAnnounceAt: started });
    expect(await db().userTorrent.findUniqueOrThrow({ where: { userId_torrentId: { userId: m.id, torrentId: t.id } } }))
      .toMatchObject({ lastPeerLeft: 600n, lastAnnounceAt: new Date(f.clock.ms) });
    await announce({ left: 400, port: 7000 });
    expect(await peerRow(m.id, t.id)).toEqual({ port: 7000, left: 400n, seeder: false, lastAnnounceAt: new Date(f.clock.ms) });
    await announce({ left: 0, port: 7000, event: 'completed' });
    expect(await peerRow(m.id, t.id)).toEqual({ port: 7000, left: 0n, seeder: true, lastAnnounceAt: new Date(f.clock.ms) });
  });

  it('of a member with two peers on one torrent are written at every announce', async () => {
    const m = await member();
    const t = await torrent();
    const infoHash = Buffer.from(t.infoHashV1 ?? '', 'hex');
    const rowOf = (id: number) => db().peer.findFirstOrThrow({ where: { userId: m.id, torrentId: t.id, peerId: Buffer.from(peerId(id)) }, select: { left: true } });
    for (const [id, left] of [[3, 900], [4, 800], [3, 700], [4, 600], [3, 500]] as const) {
      f.clock.ms += TEN_MIN;
      expect(failureOf(await f.announce(m.passkey, { infoHash, peerId: peerId(id), port: 6000 + id, left }))).toBeUndefined();
      expect((await rowOf(id)).left).toBe(BigInt(left));
    }
  });

  it('are shown to the site as the tracker last heard them: progress, what is left, the last announce', async () => {
    const m = await member();
    const staff = await member({ role: 'admin' });
    const t = await torrent();
    const p = { infoHash: Buffer.from(t.infoHashV1 ?? '', 'hex'), peerId: peerId(2), port: 6881 };
    f.clock.ms += TEN_MIN;
    await f.announce(m.passkey, { ...p, left: 900 });
    f.clock.ms += TEN_MIN;
    await f.announce(m.passkey, { ...p, left: 250 });
    const last = new Date(f.clock.ms);
    expect((await peerRow(m.id, t.id)).left).toBe(900n);

    const page = await getTorrent({ actor: m, id: t.id });
    expect(page.peers.map((x) => x.progress)).toEqual([0.75]);
    const admin = await getMemberAdmin({ actor: staff, userId: m.id });
    expect(admin.peers.map((x) => ({ left: x.left, lastAnnounceAt: x.lastAnnounceAt }))).toEqual([{ left: 250n, lastAnnounceAt: last }]);
    const activity = await getActivity({ actor: m, userId: m.id });
    expect(activity?.leeching.map((x) => x.left)).toEqual([250n]);
  });
});
