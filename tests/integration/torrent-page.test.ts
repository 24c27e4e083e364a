import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as torrentRoute from '@/app/api/v1/torrents/[id]/route';
import type { SessionUser } from '@/lib/auth/session';
import { createApiToken } from '@/lib/services/api-tokens/create-api-token';
import { getActivity } from '@/lib/services/get-activity';
import { getProfile } from '@/lib/services/get-profile';
import { getTorrent, type PeerDto } from '@/lib/services/get-torrent';
import { createApiTokenSchema } from '@/lib/validation/api-token';
import { startTrackerFixture, type TrackerFixture } from '@/tests/helpers/tracker-fixture';
import { failureOf, peerId } from '@/tests/helpers/tracker-harness';
import { member, torrent } from './ratio/fixture';

/**
 * The torrent page's figures from real announces (the tracker on the suite's database, its clock injected):
 * each peer's reported amounts, its speeds over its last two announces, when it last announced; the torrent's
 * balance for staff; and who snatched it, which only staff see (members get the count, and their own).
 */
let f: TrackerFixture;
beforeAll(async () => {
  f = await startTrackerFixture();
});
afterAll(async () => f.close());

type Member = SessionUser & { passkey: string };

async function announce(m: Member, infoHash: Buffer, seed: number, p: { uploaded?: number; downloaded?: number; left: number; event?: string }) {
  expect(failureOf(await f.announce(m.passkey, { infoHash, peerId: peerId(seed), port: 6000 + seed, ...p }))).toBeUndefined();
}

/** What a row of the peers table shows, by client-reported upload (members' rows carry no name). */
const shown = (peers: PeerDto[]) => peers
  .map((p) => ({ uploaded: p.uploaded, downloaded: p.downloaded, speed: p.speed, lastAnnounceAt: p.lastAnnounceAt, progress: p.progress }))
  .sort((a, b) => Number(a.uploaded - b.uploaded) || Number(a.downloaded - b.downloaded) || a.progress - b.progress);

async function apiTorrent(actor: SessionUser, id: number): Promise<Record<string, unknown>> {
  const { token } = await createApiToken({ actor, input: createApiTokenSchema.parse({ name: 'read', scopes: ['read'], expiresInDays: '' }) });
  const response = await torrentRoute.GET(
    new Request(`http://localhost/api/v1/torrents/${id}`, { headers: { authorization: `Bearer ${token}`, 'x-giveback-client-ip': '192.0.2.10' } }),
    { params: Promise.resolve({ id: String(id) }) },
  );
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

describe('the torrent page', () => {
  let seeder: Member;
  let leecher: Member;
  let observer: Member;
  let staff: Member;
  let torrentId: number;
  let infoHash: Buffer;
  const times: Date[] = [];

  beforeAll(async () => {
    seeder = await member();
    leecher = await member();
    observer = await member();
    staff = await member({ role: 'moderator' });
    const t = await torrent({ uploaderId: seeder.id });
    torrentId = t.id;
    infoHash = Buffer.from(t.infoHashV1 ?? '', 'hex');
  });

  it('shows each peer\'s reported amounts and last announce, with no speed before its second announce', async () => {
    f.clock.ms += 600_000;
    times.push(new Date(f.clock.ms));
    await announce(seeder, infoHash, 1, { left: 0, event: 'started' });
    await announce(leecher, infoHash, 2, { left: 1000, event: 'started' });
    const page = await getTorrent({ actor: observer, id: torrentId });
    expect(shown(page.peers)).toEqual([
      { uploaded: 0n, downloaded: 0n, speed: null, lastAnnounceAt: times[0], progress: 0 },
      { uploaded: 0n, downloaded: 0n, speed: null, lastAnnounceAt: times[0], progress: 1 },
    ]);
  });

  it('computes speeds from the last two announces: bytes moved over the seconds between them', async () => {
    f.clock.ms += 600_000;
    times.push(new Date(f.clock.ms));
    await announce(seeder, infoHash, 1, { left: 0, uploaded: 600_000 });
    await announce(leecher, infoHash, 2, { left: 400, downloaded: 500_000 });
    expect(shown((await getTorrent({ actor: observer, id: torrentId })).peers)).toEqual([
      { uploaded: 0n, downloaded: 500_000n, speed: { upload: 0, download: 500_000 / 600 }, lastAnnounceAt: times[1], progress: 0.6 },
      { uploaded: 600_000n, downloaded: 0n, speed: { upload: 1000, download: 0 }, lastAnnounceAt: times[1], progress: 1 },
    ]);

    // The next interval is slower, and shorter: the speed is this interval's, not the session's average.
    f.clock.ms += 400_000;
    times.push(new Date(f.clock.ms));
    await announce(seeder, infoHash, 1, { left: 0, uploaded: 640_000 });
    await announce(leecher, infoHash, 2, { left: 0, downloaded: 530_000, event: 'completed' });
    expect(shown((await getTorrent({ actor: observer, id: torrentId })).peers)).toEqual([
      { uploaded: 0n, downloaded: 530_000n, speed: { upload: 0, download: 75 }, lastAnnounceAt: times[2], progress: 1 },
      { uploaded: 640_000n, downloaded: 0n, speed: { upload: 100, download: 0 }, lastAnnounceAt: times[2], progress: 1 },
    ]);
  });

  it('gives no speed to the peers of a member with two clients on the torrent (their history row sums both)', async () => {
    const twoClients = await member();
    for (let round = 0; round < 2; round++) {
      f.clock.ms += 600_000;
      await announce(twoClients, infoHash, 3, { left: 0, uploaded: round * 60_000 });
      await announce(twoClients, infoHash, 4, { left: 0, uploaded: round * 6_000 });
    }
    const page = await getTorrent({ actor: staff, id: torrentId });
    expect(page.peers.filter((p) => p.username === twoClients.username).map((p) => [p.uploaded, p.speed]).sort())
      .toEqual([[6_000n, null], [60_000n, null]]);
    f.clock.ms += 600_000;
    await announce(twoClients, infoHash, 3, { left: 0, uploaded: 60_000, event: 'stopped' });
    await announce(twoClients, infoHash, 4, { left: 0, uploaded: 6_000, event: 'stopped' });
  });

  it('shows the torrent\'s balance to staff only: reported and credited totals over all members', async () => {
    const page = await getTorrent({ actor: staff, id: torrentId });
    // 640,000 from the seeder and 66,000 from the member with two clients, against the leecher's 530,000.
    expect(page.balance).toEqual({
      actualUploaded: 706_000n, actualDownloaded: 530_000n, creditedUploaded: 706_000n, creditedDownloaded: 530_000n, balance: 176_000n,
    });
    expect((await getTorrent({ actor: observer, id: torrentId })).balance).toBeNull();
    expect((await getTorrent({ actor: leecher, id: torrentId })).balance).toBeNull();
  });

  it('names snatchers to staff only; a member sees the count and whether they snatched it, on the page and in the API', async () => {
    const completedAt = times[2];
    const forStaff = await getTorrent({ actor: staff, id: torrentId });
    expect({ snatches: forStaff.snatches, list: forStaff.snatchList }).toEqual({ snatches: 1, list: [{ username: leecher.username, completedAt }] });

    const forObserver = await getTorrent({ actor: observer, id: torrentId });
    expect({ snatches: forObserver.snatches, list: forObserver.snatchList, mine: forObserver.snatchedByViewerAt }).toEqual({ snatches: 1, list: null, mine: null });
    const forSnatcher = await getTorrent({ actor: leecher, id: torrentId });
    expect({ list: forSnatcher.snatchList, mine: forSnatcher.snatchedByViewerAt }).toEqual({ list: null, mine: completedAt });

    const apiObserver = await apiTorrent(observer, torrentId);
    expect(apiObserver).toMatchObject({ snatches: 1, snatchedByYouAt: null });
    expect(apiObserver).not.toHaveProperty('snatchers');
    expect(await apiTorrent(leecher, torrentId)).toMatchObject({ snatches: 1, snatchedByYouAt: completedAt?.toISOString() });
    expect((await apiTorrent(staff, torrentId)).snatchers).toEqual([{ username: leecher.username, completedAt: completedAt?.toISOString() }]);
  });

  it('shows a member\'s snatch count on their profile to everyone, and which torrents only to them and staff', async () => {
    expect((await getProfile({ actor: observer, username: leecher.username })).snatched).toBe(1);
    expect(await getActivity({ actor: observer, userId: leecher.id })).toBeNull();
    expect((await getActivity({ actor: staff, userId: leecher.id }))?.snatched.map((s) => s.torrentId)).toEqual([torrentId]);
    expect((await getActivity({ actor: leecher, userId: leecher.id }))?.snatched.map((s) => s.torrentId)).toEqual([torrentId]);
  });
});
