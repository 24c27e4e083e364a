import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editMediaResponse, serveImage, serveNfo } from '@/app/_lib/media-route';
import * as torrentsRoute from '@/app/api/v1/torrents/route';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { MAX_IMAGE_BYTES, MAX_NFO_BYTES } from '@/lib/media/attachments';
import { createApiToken } from '@/lib/services/api-tokens/create-api-token';
import { createUser } from '@/lib/services/create-user';
import { deleteTorrent } from '@/lib/services/delete-torrent';
import { getTorrentMedia } from '@/lib/services/torrent-media/get-media';
import { createApiTokenSchema } from '@/lib/validation/api-token';
import { useTestDatabase } from '../helpers/db';
import { JPEG_START, NFO_BYTES, NFO_TEXT, solidPng, TINY_GIF } from '../helpers/images';
import { acceptInserts, refuseInserts } from '../helpers/refuse-inserts';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/torrents');
const fixture = (name: string) => new Uint8Array(readFileSync(path.join(FIXTURES, name)));
const POSTER = solidPng(40, 60, [200, 30, 30]);
const SHOT = solidPng(64, 36, [30, 30, 200]);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

let cleanup: () => Promise<void>;
let uploader: SessionUser;
let member: SessionUser;
let token = '';

beforeAll(async () => {
  ({ cleanup } = await useTestDatabase());
  uploader = (await createUser({ username: 'imager', password: 'password-1', role: 'uploader' })) as SessionUser;
  member = (await createUser({ username: 'viewer', password: 'password-1', role: 'member' })) as SessionUser;
  token = (await createApiToken({ actor: uploader, input: createApiTokenSchema.parse({ name: 'up', scopes: ['upload'], expiresInDays: '' }) })).token;
});
afterAll(() => cleanup());

interface Part {
  field: string;
  bytes: Uint8Array;
  name: string;
  type?: string;
}

function form(torrent: string, parts: Part[], description = '') {
  const body = new FormData();
  body.append('file', new Blob([Buffer.from(fixture(torrent))]), torrent);
  body.append('title', `With images ${torrent}`);
  body.append('categoryId', '1');
  body.append('description', description);
  for (const p of parts) body.append(p.field, new Blob([Buffer.from(p.bytes)], { type: p.type ?? '' }), p.name);
  return body;
}

async function upload(body: FormData) {
  const headers = { authorization: `Bearer ${token}`, 'x-giveback-client-ip': '192.0.2.20' };
  const response = await torrentsRoute.POST(new Request('http://localhost/api/v1/torrents', { method: 'POST', headers, body }), { params: Promise.resolve({}) });
  return { status: response.status, body: (await response.json()) as { id?: number; error?: { message: string; fields?: Record<string, string> } } };
}

const counts = async () => ({ torrents: await db().torrent.count(), images: await db().torrentImage.count(), nfos: await db().torrentNfo.count() });

const poster = (bytes: Uint8Array = POSTER, name = 'poster.png', type = 'image/png'): Part => ({ field: 'poster', bytes, name, type });
const shot = (bytes: Uint8Array = SHOT, name = 'shot.png', type = 'image/png'): Part => ({ field: 'screenshots', bytes, name, type });
const nfo = (bytes: Uint8Array = NFO_BYTES, name = 'release.nfo'): Part => ({ field: 'nfo', bytes, name, type: 'application/octet-stream' });

describe('a torrent uploaded with a poster, screenshots and an NFO', () => {
  let id = 0;

  it('stores them with the torrent and shows them on its page', async () => {
    const result = await upload(form('v1-multi.torrent', [poster(), shot(), shot(TINY_GIF, 'tiny.gif', 'image/gif'), nfo()]));
    expect(result.status).toBe(201);
    id = result.body.id!;
    const media = await getTorrentMedia({ actor: member, torrentId: id });
    expect(media.poster?.url).toBe(`/torrents/${id}/images/${sha256(POSTER)}`);
    expect(media.screenshots.map((s) => s.url)).toEqual([`/torrents/${id}/images/${sha256(SHOT)}`, `/torrents/${id}/images/${sha256(TINY_GIF)}`]);
    expect(media.nfo).toEqual({ filename: 'release.nfo', text: NFO_TEXT, size: NFO_BYTES.length, url: `/torrents/${id}/nfo` });
    const rows = await db().torrentImage.findMany({ where: { torrentId: id }, orderBy: { id: 'asc' }, select: { kind: true, contentType: true, size: true } });
    expect(rows).toEqual([
      { kind: 'poster', contentType: 'image/png', size: POSTER.length },
      { kind: 'screenshot', contentType: 'image/png', size: SHOT.length },
      { kind: 'screenshot', contentType: 'image/gif', size: TINY_GIF.length },
    ]);
  });

  it('serves an image to a member with its type, nosniff, its own policy and a long cache, and refuses a guest', async () => {
    const response = await serveImage(member, { id: String(id), hash: sha256(POSTER) });
    expect(response.status).toBe(200);
    expect(Object.fromEntries(['content-type', 'x-content-type-options', 'content-security-policy', 'cache-control', 'etag', 'cross-origin-resource-policy'].map((h) => [h, response.headers.get(h)]))).toEqual({
      'content-type': 'image/png',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
      'cache-control': 'private, max-age=31536000, immutable',
      etag: `"${sha256(POSTER)}"`,
      'cross-origin-resource-policy': 'same-origin',
    });
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(POSTER);
    expect((await serveImage(member, { id: String(id), hash: sha256(TINY_GIF) })).headers.get('content-type')).toBe('image/gif');

    const guest = await serveImage(null, { id: String(id), hash: sha256(POSTER) });
    expect({ status: guest.status, text: await guest.text() }).toEqual({ status: 401, text: 'Please log in to see this.' });
    const unknown = await serveImage(member, { id: String(id), hash: 'f'.repeat(64) });
    expect({ status: unknown.status, text: await unknown.text() }).toEqual({ status: 404, text: 'No such image' });
    // Another torrent's id with this image's hash finds nothing: an image belongs to its torrent.
    expect((await serveImage(member, { id: String(id + 1000), hash: sha256(POSTER) })).status).toBe(404);
  });

  it('serves the NFO as the original bytes, to members only', async () => {
    const response = await serveNfo(member, { id: String(id) });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="release.nfo"; filename*=UTF-8''release.nfo`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(NFO_BYTES);
    expect((await serveNfo(null, { id: String(id) })).status).toBe(401);
  });

  it('hides the images of a deleted torrent from members', async () => {
    const moderator = (await createUser({ username: 'imgmod', password: 'password-1', role: 'moderator' })) as SessionUser;
    const other = await upload(form('v2-single-64k.torrent', [poster(SHOT)]));
    await deleteTorrent({ actor: moderator, id: other.body.id!, reason: 'Gone for good' });
    expect((await serveImage(member, { id: String(other.body.id), hash: sha256(SHOT) })).status).toBe(404);
    expect((await serveImage(moderator, { id: String(other.body.id), hash: sha256(SHOT) })).status).toBe(200);
  });
});

describe('refusing bad images and NFOs, with nothing written', () => {
  const sevenShots = Array.from({ length: 7 }, (_, i) => shot(SHOT, `s${i}.png`));
  it.each<[string, Part[], Record<string, string>]>([
    ['a type that is not an image', [poster(new TextEncoder().encode('hello'), 'poster.txt', 'text/plain')], { poster: 'The poster must be a PNG, JPEG, WebP or GIF image (it is text/plain)' }],
    ['bytes that do not match the declared type', [poster(JPEG_START, 'poster.png', 'image/png')], { poster: 'The poster is declared as PNG, but its contents are a JPEG image' }],
    ['an SVG named .png', [shot(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'x.png', 'image/png')], { screenshots: 'Screenshot x.png is declared as PNG, but its contents are not a PNG image' }],
    ['an image over the cap', [poster(new Uint8Array([...POSTER, ...new Uint8Array(MAX_IMAGE_BYTES)]))], { poster: 'The poster is larger than 2 MiB' }],
    ['too many screenshots', sevenShots, { screenshots: 'At most 6 screenshots per torrent (this would make 7)' }],
    ['an empty image', [poster(new Uint8Array(0))], { poster: 'The poster is an empty file' }],
    ['an empty NFO', [nfo(new Uint8Array(0))], { nfo: 'The NFO file is empty' }],
    ['an NFO over the cap', [nfo(new Uint8Array(MAX_NFO_BYTES + 1))], { nfo: 'The NFO file is larger than 64 KiB' }],
    ['an NFO that is not a .nfo', [nfo(NFO_BYTES, 'release.txt')], { nfo: 'The NFO must be a .nfo file' }],
    ['several problems at once, each next to its field', [poster(new Uint8Array(0)), nfo(NFO_BYTES, 'a.exe')], { poster: 'The poster is an empty file', nfo: 'The NFO must be a .nfo file' }],
  ])('%s', async (_name, parts, fields) => {
    const before = await counts();
    const result = await upload(form('v1-single.torrent', parts));
    expect(result).toEqual({ status: 400, body: { error: { code: 'BAD_REQUEST', message: 'Check the highlighted fields', fields } } });
    expect(await counts()).toEqual(before);
  });

  it('writes neither the torrent nor its images when any part of the upload fails in the transaction', async () => {
    const before = await counts();
    await refuseInserts(db(), 'TorrentNfo');
    try {
      // The NFO is the last row the upload writes: the torrent, its files and images are already in the transaction.
      await expect(upload(form('v1-single.torrent', [poster(), shot(), nfo()]))).rejects.toThrow(/torrentNfo/);
    } finally {
      await acceptInserts(db(), 'TorrentNfo');
    }
    expect(await counts()).toEqual(before);
  });
});

describe('changing the images and NFO from the edit page', () => {
  let id = 0;
  const post = (actor: SessionUser | null, body: FormData, origin = 'http://localhost:3000') =>
    editMediaResponse(new Request(`http://localhost:3000/torrents/${id}/media`, { method: 'POST', headers: { origin }, body }), actor, { id: String(id) });
  const edit = (parts: Part[], extra: Record<string, string | string[]> = {}) => {
    const body = new FormData();
    for (const p of parts) body.append(p.field, new Blob([Buffer.from(p.bytes)], { type: p.type ?? '' }), p.name);
    for (const [k, v] of Object.entries(extra)) for (const one of [v].flat()) body.append(k, one);
    // A file input left empty, as a browser sends it.
    body.append('nfo', new Blob([]), '');
    return body;
  };
  const answer = async (response: Response) => ({ status: response.status, body: await response.json() as unknown });

  beforeAll(async () => {
    id = (await upload(form('hybrid-multi.torrent', [poster(), shot()]))).body.id!;
  });

  it('replaces the poster, adds screenshots and an NFO, and removes a screenshot', async () => {
    const firstShot = await db().torrentImage.findFirstOrThrow({ where: { torrentId: id, kind: 'screenshot' } });
    expect(await answer(await post(uploader, edit([poster(TINY_GIF, 'p.gif', 'image/gif'), shot(POSTER, 'a.png'), nfo()], { removeScreenshots: String(firstShot.id) })))).toEqual({ status: 200, body: { message: 'Images and NFO saved.' } });
    const media = await getTorrentMedia({ actor: member, torrentId: id });
    expect(media.poster?.url).toBe(`/torrents/${id}/images/${sha256(TINY_GIF)}`);
    expect(media.screenshots.map((s) => s.url)).toEqual([`/torrents/${id}/images/${sha256(POSTER)}`]);
    expect(media.nfo?.text).toBe(NFO_TEXT);
  });

  it('refuses more screenshots than allowed in all, and a bad file, changing nothing', async () => {
    const before = await db().torrentImage.findMany({ where: { torrentId: id }, select: { id: true } });
    const six = Array.from({ length: 6 }, (_, i) => shot(SHOT, `n${i}.png`));
    expect(await answer(await post(uploader, edit(six, { removePoster: 'on' })))).toEqual({
      status: 400,
      body: { error: 'At most 6 screenshots per torrent (this would make 7)', fieldErrors: { screenshots: 'At most 6 screenshots per torrent (this would make 7)' } },
    });
    expect(await answer(await post(uploader, edit([poster(JPEG_START, 'p.webp', 'image/webp')], { removeNfo: 'on' })))).toEqual({
      status: 400,
      body: { error: 'Check the highlighted fields', fieldErrors: { poster: 'The poster is declared as WebP, but its contents are a JPEG image' } },
    });
    expect(await db().torrentImage.findMany({ where: { torrentId: id }, select: { id: true } })).toEqual(before);
    expect(await db().torrentNfo.count({ where: { torrentId: id } })).toBe(1);
  });

  it('removes the poster and the NFO; refuses other members, guests and other sites', async () => {
    expect((await post(member, edit([], { removePoster: 'on' }))).status).toBe(403);
    expect((await post(null, edit([], { removePoster: 'on' }))).status).toBe(401);
    expect((await post(uploader, edit([], { removePoster: 'on' }), 'https://evil.example')).status).toBe(403);
    expect((await getTorrentMedia({ actor: member, torrentId: id })).poster).not.toBeNull();
    expect((await post(uploader, edit([], { removePoster: 'on', removeNfo: 'on' }))).status).toBe(200);
    const media = await getTorrentMedia({ actor: member, torrentId: id });
    expect({ poster: media.poster, nfo: media.nfo, screenshots: media.screenshots.length }).toEqual({ poster: null, nfo: null, screenshots: 1 });
  });
});
