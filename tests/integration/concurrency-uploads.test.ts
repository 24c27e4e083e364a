import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { createUser } from '@/lib/services/create-user';
import { editTorrent } from '@/lib/services/edit-torrent';
import { uploadTorrent } from '@/lib/services/upload-torrent';
import { useTestDatabase } from '../helpers/db';
import { settleAll } from '../helpers/race';

/** Uploads and edits that race: the same torrent twice, and new tags created by several at once. */
const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/torrents');
const fixture = (name: string) => new Uint8Array(readFileSync(path.join(FIXTURES, name)));
const meta = (title: string, tags: string[] = []) => ({ title, categoryId: 1, tags, description: '' });

let cleanup: () => Promise<void>;
let uploader: SessionUser;
beforeAll(async () => {
  ({ cleanup } = await useTestDatabase());
  uploader = (await createUser({ username: 'upper', password: 'password-1', role: 'uploader' })) as SessionUser;
});
afterAll(() => cleanup());

describe('uploads that race', () => {
  it('stores a torrent uploaded several times at once once; the others are told where it is', async () => {
    const { fulfilled, rejected } = await settleAll(Array.from({ length: 4 }, (_, i) => uploadTorrent({ actor: uploader, bytes: fixture('v1-multi.torrent'), input: meta(`Pack ${i}`) })));
    expect(fulfilled).toHaveLength(1);
    expect(rejected.map((e) => [e.code, e.userMessage])).toEqual(Array(3).fill(['CONFLICT', `This torrent is already on the site: /torrents/${fulfilled[0]!.id}`]));
    expect(await db().torrent.count({ where: { infoHashV1: fulfilled[0]!.infoHashV1 } })).toBe(1);
  });

  it('creates a new tag once when different uploads bring it at the same time', async () => {
    const files = ['v1-single.torrent', 'v2-multi.torrent', 'hybrid-multi.torrent', 'v2-single-64k.torrent'];
    const { fulfilled, rejected } = await settleAll(files.map((f) => uploadTorrent({ actor: uploader, bytes: fixture(f), input: meta(f, ['fresh-tag', `own-${f}`]) })));
    expect(rejected).toEqual([]);
    expect(fulfilled).toHaveLength(files.length);
    const tag = await db().tag.findUniqueOrThrow({ where: { name: 'fresh-tag' }, include: { _count: { select: { torrents: true } } } });
    expect(tag._count.torrents).toBe(files.length);
  });

  it('keeps one set of tags when the same torrent is edited several times at once', async () => {
    const torrent = await db().torrent.findFirstOrThrow({ where: { title: 'v1-single.torrent' }, select: { id: true } });
    const { rejected } = await settleAll(Array.from({ length: 4 }, (_, i) => editTorrent({ actor: uploader, id: torrent.id, input: meta(`Edited ${i}`, ['edited', 'again']) })));
    expect(rejected).toEqual([]);
    const tags = await db().torrentTag.findMany({ where: { torrentId: torrent.id }, select: { tag: { select: { name: true } } } });
    expect(tags.map((t) => t.tag.name).sort()).toEqual(['again', 'edited']);
  });
});
