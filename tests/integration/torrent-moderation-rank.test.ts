import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { createUser } from '@/lib/services/create-user';
import { deleteTorrent } from '@/lib/services/delete-torrent';
import { editTorrent } from '@/lib/services/edit-torrent';
import { getTorrent } from '@/lib/services/get-torrent';
import { setTorrentMode } from '@/lib/services/moderation/torrent-mode';
import { uploadTorrent } from '@/lib/services/upload-torrent';
import { useTestDatabase } from '../helpers/db';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/torrents');
const fixture = (name: string) => new Uint8Array(readFileSync(path.join(FIXTURES, name)));
const meta = (title: string) => ({ title, categoryId: 1, tags: [], description: '' });
const FLAGS = { freeleech: true, neutral: false, doubleUpload: true };
const RANK = 'You can only moderate torrents uploaded by members of a lower rank';

let cleanup: () => Promise<void>;
const actors: Record<'admin' | 'admin2' | 'moderator' | 'moderator2' | 'uploader', SessionUser> = {} as never;
const torrents: Record<'admin' | 'moderator' | 'moderator2' | 'uploader', number> = {} as never;

beforeAll(async () => {
  ({ cleanup } = await useTestDatabase());
  for (const [key, role] of [['admin', 'admin'], ['admin2', 'admin'], ['moderator', 'moderator'], ['moderator2', 'moderator'], ['uploader', 'uploader']] as const) {
    actors[key] = (await createUser({ username: key, password: 'password-1', role })) as SessionUser;
  }
  const files = { admin: 'v1-single.torrent', moderator: 'v2-multi.torrent', moderator2: 'hybrid-single.torrent', uploader: 'v1-multi.torrent' } as const;
  for (const key of ['admin', 'moderator', 'moderator2', 'uploader'] as const) {
    torrents[key] = (await uploadTorrent({ actor: actors[key], bytes: fixture(files[key]), input: meta(`${key}'s torrent`) })).id;
  }
});
afterAll(() => cleanup());

async function rejection(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (e: unknown) => e as { code: string; userMessage: string });
  expect(error, 'expected a rejection').not.toBeNull();
  return { code: error!.code, message: error!.userMessage };
}

const state = (id: number) =>
  db().torrent.findUniqueOrThrow({ where: { id }, select: { title: true, deletedAt: true, freeleech: true, doubleUpload: true } });

describe('torrent moderation follows rank, as acting on members does', () => {
  it.each([
    ['a moderator, an admin\'s torrent', 'moderator', 'admin'],
    ['a moderator, another moderator\'s torrent', 'moderator', 'moderator2'],
    ['an admin, another admin\'s torrent', 'admin2', 'admin'],
  ] as const)('refuses %s: no delete, no edit, no flags, nothing written', async (_name, actor, owner) => {
    const id = torrents[owner];
    const before = await state(id);
    const audits = await db().auditLog.count();
    const refused = { code: 'FORBIDDEN', message: RANK };
    expect(await rejection(deleteTorrent({ actor: actors[actor], id, reason: 'Not on my watch' }))).toEqual(refused);
    expect(await rejection(editTorrent({ actor: actors[actor], id, input: meta('Renamed by staff') }))).toEqual(refused);
    expect(await rejection(setTorrentMode({ actor: actors[actor], torrentId: id, mode: FLAGS }))).toEqual(refused);
    expect(await state(id)).toEqual(before);
    expect(await db().auditLog.count()).toBe(audits);
    const page = await getTorrent({ actor: actors[actor], id });
    expect([page.canEdit, page.canDelete]).toEqual([false, false]);
  });

  it('lets staff moderate the torrents of lower ranks and their own', async () => {
    const mod = actors.moderator;
    expect((await getTorrent({ actor: mod, id: torrents.uploader })).canDelete).toBe(true);
    await setTorrentMode({ actor: mod, torrentId: torrents.uploader, mode: FLAGS });
    await editTorrent({ actor: mod, id: torrents.uploader, input: meta('Retitled by a moderator') });
    await setTorrentMode({ actor: mod, torrentId: torrents.moderator, mode: FLAGS });
    await deleteTorrent({ actor: actors.admin, id: torrents.moderator2, reason: 'Duplicate of a better release' });
    await deleteTorrent({ actor: actors.admin, id: torrents.admin, reason: 'Uploaded by mistake' });
    expect(await state(torrents.uploader)).toMatchObject({ title: 'Retitled by a moderator', deletedAt: null, freeleech: true });
    expect((await state(torrents.moderator2)).deletedAt).not.toBeNull();
    expect((await state(torrents.admin)).deletedAt).not.toBeNull();
  });

  it('still lets an uploader edit their own torrent, and nobody else below staff', async () => {
    await editTorrent({ actor: actors.uploader, id: torrents.uploader, input: meta('Back to my title') });
    expect((await state(torrents.uploader)).title).toBe('Back to my title');
    const member = (await createUser({ username: 'plain', password: 'password-1', role: 'member' })) as SessionUser;
    expect(await rejection(editTorrent({ actor: member, id: torrents.uploader, input: meta('Hijack') }))).toEqual({ code: 'FORBIDDEN', message: 'Only the uploader or staff may edit this torrent' });
  });
});
