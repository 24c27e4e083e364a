import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { useTestDatabase } from '../helpers/db';

/** What a member without the role to upload is told, the upload's piece-layer refusal, and staff's view of a deleted torrent. */
const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/torrents');
const fixture = (name: string) => new Uint8Array(readFileSync(path.join(FIXTURES, name)));
const meta = (title: string) => ({ title, categoryId: 1, tags: [], description: '' });

let cleanup: () => Promise<void>;
let admin: SessionUser;
let moderator: SessionUser;
let uploader: SessionUser;
let member: SessionUser;

const s = async () => ({
  access: await import('@/lib/services/get-upload-access'),
  pages: await import('@/lib/services/site-pages/site-pages'),
  settings: await import('@/lib/services/settings'),
  upload: await import('@/lib/services/upload-torrent'),
  remove: await import('@/lib/services/delete-torrent'),
  get: await import('@/lib/services/get-torrent'),
  torrent: await import('@/lib/torrent'),
});

beforeAll(async () => {
  ({ cleanup } = await useTestDatabase());
  const { createUser } = await import('@/lib/services/create-user');
  admin = (await createUser({ username: 'admin1', password: 'password-1', role: 'admin' })) as SessionUser;
  moderator = (await createUser({ username: 'moder', password: 'password-1', role: 'moderator' })) as SessionUser;
  uploader = (await createUser({ username: 'upper', password: 'password-1', role: 'uploader' })) as SessionUser;
  member = (await createUser({ username: 'member1', password: 'password-1', role: 'member' })) as SessionUser;
});
afterAll(() => cleanup());

describe('upload access', () => {
  it('tells a member the role it takes, the built-in Uploading text and their own standing', async () => {
    const { access } = await s();
    await db().user.update({ where: { id: member.id }, data: { uploaded: 3n * 2n ** 30n, downloaded: 2n ** 30n } });
    const got = await access.getUploadAccess({ actor: member });
    if (got.allowed) throw new Error('expected a refusal');
    expect([got.minRole, got.role, got.guide.updatedAt]).toEqual(['uploader', 'member', null]);
    expect(got.guide.body).toMatch(/^Uploading is open to members whom the staff have given the uploader role/);
    expect(got.standing).toMatchObject({ uploaded: 3n * 2n ** 30n, downloaded: 2n ** 30n, onWatch: false, uploads: 0 });
    expect(got.standing.requiredText).toMatch(/^\d+\.\d\d$/);
    expect(await access.getUploadAccess({ actor: uploader })).toEqual({ allowed: true });
  });

  it("shows the admins' own text once saved, and follows the upload role setting", async () => {
    const { access, pages, settings } = await s();
    await pages.saveSitePage({ actor: admin, slug: 'uploading', body: '## Ask in the forum\nPost a sample.' });
    await settings.putSetting('uploadMinRole', 'moderator');
    const got = await access.getUploadAccess({ actor: uploader });
    if (got.allowed) throw new Error('expected a refusal');
    expect([got.minRole, got.role, got.guide.body]).toEqual(['moderator', 'uploader', '## Ask in the forum\nPost a sample.']);
    await settings.putSetting('uploadMinRole', 'uploader');
    expect(await db().auditLog.count({ where: { action: 'page.uploading' } })).toBe(1);
  });
});

describe('piece layers', () => {
  it('refuses a v2 torrent whose layer does not hash to its root, with the text the preview shows, writing nothing', async () => {
    const { upload, torrent } = await s();
    const bytes = fixture('v2-multi.torrent');
    const parsed = torrent.parseTorrent(bytes);
    if (!parsed.ok) throw new Error('fixture does not parse');
    const layer = parsed.value.pieceLayers[0]!;
    const at = Buffer.from(bytes).indexOf(Buffer.from(layer.hashes)) + 40;
    bytes[at] = (bytes[at] ?? 0) ^ 0x01;
    const preview = torrent.validateTorrent(bytes);
    expect(preview.ok).toBe(false);
    const error = await upload.uploadTorrent({ actor: uploader, bytes, input: meta('Bad layers') }).then(() => null, (e: unknown) => e as { code: string; userMessage: string; field: string });
    expect(error).toMatchObject({ code: 'BAD_REQUEST', field: 'file', userMessage: `piece layers do not match the file tree: the layer for "${layer.path.join('/')}" does not hash to its pieces root` });
    expect(preview.ok ? null : preview.error.message).toBe(error?.userMessage);
    expect(await db().torrent.count()).toBe(0);
  });
});

describe('a deleted torrent', () => {
  it('is not found for members; staff see when, by whom and why, without edit or delete', async () => {
    const { upload, remove, get } = await s();
    const { id } = await upload.uploadTorrent({ actor: uploader, bytes: fixture('v1-multi.torrent'), input: meta('Soon gone') });
    const live = await get.getTorrent({ actor: moderator, id });
    expect([live.deleted, live.canEdit, live.canDelete]).toEqual([null, true, true]);
    const at = new Date('2026-12-05T10:00:00Z');
    await remove.deleteTorrent({ actor: moderator, id, reason: 'Dupe of a better release', now: at });
    await expect(get.getTorrent({ actor: member, id })).rejects.toThrow('No such torrent');
    await expect(get.getTorrent({ actor: uploader, id })).rejects.toThrow('No such torrent');
    const seen = await get.getTorrent({ actor: admin, id });
    expect(seen.deleted).toEqual({ at, by: 'moder', reason: 'Dupe of a better release' });
    expect([seen.canEdit, seen.canDelete]).toEqual([false, false]);
  });

  it('names the right staff member when torrents of one uploader are deleted by different staff', async () => {
    const { upload, remove, get } = await s();
    const ids: number[] = [];
    for (const file of ['v1-single.torrent', 'hybrid-single.torrent']) ids.push((await upload.uploadTorrent({ actor: uploader, bytes: fixture(file), input: meta(file) })).id);
    await remove.deleteTorrent({ actor: admin, id: ids[0]!, reason: 'first' });
    await remove.deleteTorrent({ actor: moderator, id: ids[1]!, reason: 'second' });
    expect((await get.getTorrent({ actor: admin, id: ids[0]! })).deleted?.by).toBe('admin1');
    expect((await get.getTorrent({ actor: admin, id: ids[1]! })).deleted?.by).toBe('moder');
  });
});
