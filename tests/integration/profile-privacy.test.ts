import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client';
import { getActivity } from '@/lib/services/get-activity';
import { getProfile } from '@/lib/services/get-profile';
import { listMemberUploads, UPLOADS_PER_PAGE } from '@/lib/services/list-member-uploads';
import { searchTorrents } from '@/lib/services/search-torrents';
import { browseQuerySchema } from '@/lib/validation/browse';
import { getProfilePrivacy } from '@/lib/services/privacy/get-profile-privacy';
import { updateProfilePrivacy } from '@/lib/services/privacy/update-profile-privacy';
import { useTestDatabase, type TestDatabase } from '@/tests/helpers/db';
import { GIB, member, snatch, torrent } from './ratio/fixture';

let database: TestDatabase;
beforeAll(async () => {
  database = await useTestDatabase();
});
afterAll(() => database.cleanup());

/** A member with uploads, a snatch and totals, and three viewers: another member, a moderator, the owner. */
async function scene() {
  const owner = await member({ uploaded: 3n * GIB, downloaded: 2n * GIB });
  const viewer = await member();
  const staff = await member({ role: 'moderator' });
  const uploads = [];
  for (let i = 0; i < 3; i++) uploads.push(await torrent({ uploaderId: owner.id }));
  const gone = await torrent({ uploaderId: owner.id, deleted: true });
  const snatched = await torrent();
  await snatch(owner.id, snatched.id);
  return { owner, viewer, staff, uploads, gone, snatched };
}

describe('profile paranoia', () => {
  it("by default shows other members the uploads and statistics but not the activity, as the profile did before", async () => {
    const { owner, viewer, uploads, gone } = await scene();
    expect(await getProfilePrivacy({ actor: owner })).toEqual({ uploads: true, stats: true, activity: false });
    const profile = await getProfile({ actor: viewer, username: owner.username });
    expect(profile).toMatchObject({ uploaded: 3n * GIB, downloaded: 2n * GIB, visible: { uploads: true, stats: true, activity: false }, privacy: null });
    expect(await getActivity({ actor: viewer, userId: owner.id })).toBeNull();
    const list = await listMemberUploads({ actor: viewer, userId: owner.id, page: 1 });
    // Newest first; a deleted torrent is not listed.
    expect(list?.rows.map((r) => r.id)).toEqual(uploads.map((u) => u.id).reverse());
    expect(list?.rows.map((r) => r.id)).not.toContain(gone.id);
    expect(list?.total).toBe(3);
  });

  it('hides what the member unticks from other members, never from staff or the member', async () => {
    const { owner, viewer, staff, snatched } = await scene();
    await updateProfilePrivacy({ actor: owner, privacy: { uploads: false, stats: false, activity: false } });

    const seen = await getProfile({ actor: viewer, username: owner.username });
    expect(seen).toMatchObject({ uploaded: null, downloaded: null, visible: { uploads: false, stats: false, activity: false }, privacy: null });
    expect(await listMemberUploads({ actor: viewer, userId: owner.id, page: 1 })).toBeNull();
    expect(await getActivity({ actor: viewer, userId: owner.id })).toBeNull();

    for (const actor of [staff, owner]) {
      const full = await getProfile({ actor, username: owner.username });
      expect(full).toMatchObject({ uploaded: 3n * GIB, downloaded: 2n * GIB, visible: { uploads: true, stats: true, activity: true } });
      expect(full.privacy).toEqual({ uploads: false, stats: false, activity: false });
      expect((await listMemberUploads({ actor, userId: owner.id, page: 1 }))?.total).toBe(3);
      expect((await getActivity({ actor, userId: owner.id }))?.snatched.map((s) => s.torrentId)).toEqual([snatched.id]);
    }
  });

  it("lists a member's uploads by the torrent list's uploader filter (site, API, feeds) only where the profile would", async () => {
    const { owner, viewer, staff, uploads } = await scene();
    const byUploader = async (actor: typeof viewer) =>
      (await searchTorrents({ query: browseQuerySchema.parse({ uploader: owner.username.toUpperCase() }), viewer: actor })).rows.map((r) => r.id).sort((a, b) => a - b);
    const ids = uploads.map((u) => u.id);
    expect(await byUploader(viewer)).toEqual(ids);
    await updateProfilePrivacy({ actor: owner, privacy: { uploads: false, stats: true, activity: false } });
    expect(await byUploader(viewer)).toEqual([]);
    expect(await byUploader(staff)).toEqual(ids);
    expect(await byUploader(owner)).toEqual(ids);
  });

  it('shows the activity to other members once the member ticks it', async () => {
    const { owner, viewer, snatched } = await scene();
    await updateProfilePrivacy({ actor: owner, privacy: { uploads: true, stats: true, activity: true } });
    expect((await getActivity({ actor: viewer, userId: owner.id }))?.snatched.map((s) => s.torrentId)).toEqual([snatched.id]);
    expect(await db().user.findUniqueOrThrow({ where: { id: owner.id }, select: { profileShowsActivity: true } })).toEqual({ profileShowsActivity: true });
  });

  it('pages the uploads list, the last page holding the rest', async () => {
    const owner = await member();
    for (let i = 0; i < UPLOADS_PER_PAGE + 2; i++) await torrent({ uploaderId: owner.id });
    const viewer = await member();
    const second = await listMemberUploads({ actor: viewer, userId: owner.id, page: 2 });
    expect(second).toMatchObject({ page: 2, pages: 2, total: UPLOADS_PER_PAGE + 2 });
    expect(second?.rows).toHaveLength(2);
    // A page past the end shows the last one.
    expect((await listMemberUploads({ actor: viewer, userId: owner.id, page: 9 }))?.page).toBe(2);
  });
});
