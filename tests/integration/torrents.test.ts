import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { createUser } from '@/lib/services/create-user';
import { deleteTorrent } from '@/lib/services/delete-torrent';
import { downloadTorrent } from '@/lib/services/download-torrent';
import { editTorrent } from '@/lib/services/edit-torrent';
import { searchTorrents } from '@/lib/services/search-torrents';
import { uploadTorrent } from '@/lib/services/upload-torrent';
import { browseQuerySchema } from '@/lib/validation/browse';
import { useTestDatabase } from '../helpers/db';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/torrents');
const fixture = (name: string) => new Uint8Array(readFileSync(path.join(FIXTURES, name)));
const meta = (title: string, tags: string[] = []) => ({ title, categoryId: 1, tags, description: '' });

let cleanup: () => Promise<void>;
let uploader: SessionUser;
let member: SessionUser;
let moderator: SessionUser;

beforeAll(async () => {
  ({ cleanup } = await useTestDatabase());
  uploader = (await createUser({ username: 'upper', password: 'password-1', role: 'uploader' })) as SessionUser;
  member = (await createUser({ username: 'member1', password: 'password-1', role: 'member' })) as SessionUser;
  moderator = (await createUser({ username: 'moder', password: 'password-1', role: 'moderator' })) as SessionUser;
});
afterAll(() => cleanup());

async function rejection(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (e: unknown) => e as { code: string; userMessage: string });
  expect(error, 'expected a rejection').not.toBeNull();
  return { code: error!.code, message: error!.userMessage };
}

const search = (params: Record<string, string>) => searchTorrents({ query: browseQuerySchema.parse(params) });

describe('upload, search, edit, delete and download on a real database', () => {
  let v1Id = 0;

  it('stores a v1 torrent and finds it by title, file name and tag', async () => {
    const result = await uploadTorrent({ actor: uploader, bytes: fixture('v1-multi.torrent'), input: meta('Sample Pack', ['samples']) });
    v1Id = result.id;
    expect(result.infoHashV1).toMatch(/^[0-9a-f]{40}$/);
    expect(result.infoHashV2).toBeNull();
    expect((await search({ q: 'sample' })).rows.map((r) => r.id)).toEqual([v1Id]);
    expect((await search({ q: 'big' })).rows.map((r) => r.id)).toEqual([v1Id]);
    expect((await search({ tags: 'samples' })).rows.map((r) => r.id)).toEqual([v1Id]);
    expect((await search({ q: 'absent' })).rows).toEqual([]);
  });

  it('stores v2 and hybrid torrents with their v2 hashes', async () => {
    const v2 = await uploadTorrent({ actor: uploader, bytes: fixture('v2-multi.torrent'), input: meta('V2 pack') });
    const hybrid = await uploadTorrent({ actor: uploader, bytes: fixture('hybrid-multi.torrent'), input: meta('Hybrid pack') });
    expect(v2.infoHashV1).toBeNull();
    expect(v2.infoHashV2).toMatch(/^[0-9a-f]{64}$/);
    expect(hybrid.infoHashV1).toMatch(/^[0-9a-f]{40}$/);
    const row = await db().torrent.findUniqueOrThrow({ where: { id: hybrid.id } });
    expect(row.infoHashV2Short).toBe(hybrid.infoHashV2!.slice(0, 40));
    expect(row.version).toBe('hybrid');
  });

  it('refuses a duplicate, also when two uploads race', async () => {
    expect(await rejection(uploadTorrent({ actor: uploader, bytes: fixture('v1-multi.torrent'), input: meta('Again') }))).toEqual({
      code: 'CONFLICT',
      message: `This torrent is already on the site: /torrents/${v1Id}`,
    });
    const results = await Promise.allSettled([
      uploadTorrent({ actor: uploader, bytes: fixture('v1-single.torrent'), input: meta('Race A') }),
      uploadTorrent({ actor: uploader, bytes: fixture('v1-single.torrent'), input: meta('Race B') }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('refuses members below the upload role and bad files, writing nothing', async () => {
    const before = await db().torrent.count();
    expect(await rejection(uploadTorrent({ actor: member, bytes: fixture('v1-single.torrent'), input: meta('x') }))).toEqual({ code: 'FORBIDDEN', message: 'Uploading needs the uploader role' });
    const bad: [string, string][] = [
      ['l-3:abce', 'string length cannot be negative'],
      ['i0500e', 'leading zero'],
      ['', 'The file is empty'],
      ['d4:infod6:lengthi-5e4:name1:x12:piece lengthi16384e6:pieces20:aaaaaaaaaaaaaaaaaaaaee', 'length'],
    ];
    for (const [bytes, message] of bad) {
      const r = await rejection(uploadTorrent({ actor: uploader, bytes: new TextEncoder().encode(bytes), input: meta('bad') }));
      expect(r.code).toBe('BAD_REQUEST');
      expect(r.message).toContain(message);
    }
    expect(await db().torrent.count()).toBe(before);
  });

  it('lets the uploader edit, keeps the search index current, and lets staff delete with a reason', async () => {
    await editTorrent({ actor: uploader, id: v1Id, input: meta('Renamed Collection', ['fresh']) });
    expect((await search({ q: 'renamed' })).rows.map((r) => r.id)).toEqual([v1Id]);
    expect((await search({ tags: 'samples' })).rows).toEqual([]);
    expect(await rejection(editTorrent({ actor: member, id: v1Id, input: meta('Hijack') }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await rejection(deleteTorrent({ actor: uploader, id: v1Id, reason: 'dupe' }))).toMatchObject({ code: 'FORBIDDEN' });
    await deleteTorrent({ actor: moderator, id: v1Id, reason: 'Trumped by a better release' });
    expect((await search({ q: 'renamed' })).rows).toEqual([]);
    const row = await db().torrent.findUniqueOrThrow({ where: { id: v1Id } });
    expect(row.deleteReason).toBe('Trumped by a better release');
    expect(await rejection(downloadTorrent({ actor: member, id: v1Id }))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses a search too long to run, saying so, instead of listing every torrent', async () => {
    expect(await rejection(search({ q: 'x'.repeat(5000) }))).toEqual({
      code: 'BAD_REQUEST',
      message: 'Search is at most 200 characters; yours has 5,000. Shorten it.',
    });
    expect((await search({ q: `pack ${'y'.repeat(195)}` })).rows).toEqual([]);
  });

  it('downloads a personal copy and records it', async () => {
    const hybrid = await db().torrent.findFirstOrThrow({ where: { version: 'hybrid' } });
    const { filename, bytes } = await downloadTorrent({ actor: member, id: hybrid.id });
    expect(filename).toBe('[Giveback] giveback-sample.torrent');
    const passkey = (await db().user.findUniqueOrThrow({ where: { id: member.id }, select: { passkey: true } })).passkey;
    // PUBLIC_URL is http://localhost:3000 here: a loopback host gets the form libtorrent's SSRF mitigation accepts.
    expect(new TextDecoder('latin1').decode(bytes)).toContain(`8:announce71:http://localhost:3000/announce?passkey=${passkey}`);
    expect(await db().torrentDownload.count({ where: { userId: member.id, torrentId: hybrid.id } })).toBe(1);
  });
});

describe('categories and upload permission (admin settings)', () => {
  it('admins add and remove categories; a used category cannot be removed; others are refused', async () => {
    const { createCategory, deleteCategory, listCategoriesWithCounts } = await import('@/lib/services/manage-categories');
    const admin = (await createUser({ username: 'boss', password: 'password-1', role: 'admin' })) as SessionUser;
    await createCategory({ actor: admin, name: 'Audio Books' });
    const created = (await listCategoriesWithCounts()).find((c) => c.slug === 'audio-books');
    expect(created?.name).toBe('Audio Books');
    expect(await rejection(createCategory({ actor: admin, name: 'audio books' }))).toEqual({ code: 'CONFLICT', message: 'A category with this name exists' });
    expect(await rejection(createCategory({ actor: moderator, name: 'Nope' }))).toMatchObject({ code: 'FORBIDDEN' });
    const used = (await listCategoriesWithCounts()).find((c) => c.torrents > 0)!;
    expect(await rejection(deleteCategory({ actor: admin, id: used.id }))).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('still has') });
    await deleteCategory({ actor: admin, id: created!.id });
    expect((await listCategoriesWithCounts()).some((c) => c.slug === 'audio-books')).toBe(false);
  });

  it('lets admins open uploads to members', async () => {
    const { updateUploadRole } = await import('@/lib/services/update-upload-role');
    const admin = (await db().user.findUniqueOrThrow({ where: { usernameKey: 'boss' }, select: { id: true, username: true, role: true } })) as SessionUser;
    expect(await rejection(updateUploadRole({ actor: moderator, role: 'member' }))).toMatchObject({ code: 'FORBIDDEN' });
    await updateUploadRole({ actor: admin, role: 'member' });
    const result = await uploadTorrent({ actor: member, bytes: fixture('v2-single-64k.torrent'), input: meta('Member upload') });
    expect(result.id).toBeGreaterThan(0);
  });
});
