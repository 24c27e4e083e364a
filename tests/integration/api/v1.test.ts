import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as categoriesRoute from '@/app/api/v1/categories/route';
import * as meRoute from '@/app/api/v1/me/route';
import * as downloadRoute from '@/app/api/v1/torrents/[id]/download/route';
import * as torrentRoute from '@/app/api/v1/torrents/[id]/route';
import * as torrentsRoute from '@/app/api/v1/torrents/route';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { parseTorrent } from '@/lib/torrent';
import { createApiToken } from '@/lib/services/api-tokens/create-api-token';
import { revokeApiToken } from '@/lib/services/api-tokens/revoke-api-token';
import { createUser } from '@/lib/services/create-user';
import { deleteTorrent } from '@/lib/services/delete-torrent';
import { putSetting } from '@/lib/services/settings';
import { uploadTorrent } from '@/lib/services/upload-torrent';
import { createApiTokenSchema } from '@/lib/validation/api-token';
import { useTestDatabase } from '../../helpers/db';
import { announceUrl } from '@/lib/auth/passkey';
import { env } from '@/lib/env';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/torrents');
const fixture = (name: string) => new Uint8Array(readFileSync(path.join(FIXTURES, name)));

let cleanup: () => Promise<void>;
let uploader: SessionUser;
let member: SessionUser;
let moderator: SessionUser;
const tokens: Record<string, string> = {};
let sampleId = 0;
let hybridId = 0;

async function tokenFor(actor: SessionUser, scopes: string) {
  return (await createApiToken({ actor, input: createApiTokenSchema.parse({ name: scopes, scopes: [scopes], expiresInDays: '' }) })).token;
}

beforeAll(async () => {
  ({ cleanup } = await useTestDatabase());
  uploader = (await createUser({ username: 'uploadbot', password: 'password-1', role: 'uploader' })) as SessionUser;
  member = (await createUser({ username: 'sonarr', password: 'password-1', role: 'member' })) as SessionUser;
  moderator = (await createUser({ username: 'modbot', password: 'password-1', role: 'moderator' })) as SessionUser;
  sampleId = (await uploadTorrent({ actor: uploader, bytes: fixture('v1-multi.torrent'), input: { title: 'Sample Pack 2024', categoryId: 1, tags: ['samples'], description: '' } })).id;
  hybridId = (await uploadTorrent({ actor: uploader, bytes: fixture('hybrid-multi.torrent'), input: { title: 'Hybrid Show S01', categoryId: 2, tags: [], description: '' } })).id;
  tokens.all = await tokenFor(uploader, 'read,download,upload,stats');
  tokens.read = await tokenFor(member, 'read');
  tokens.download = await tokenFor(member, 'download');
  tokens.stats = await tokenFor(member, 'stats');
  tokens.memberUpload = await tokenFor(member, 'upload');
});
afterAll(() => cleanup());

type Route = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function call(route: unknown, url: string, options: { token?: string; params?: Record<string, string>; init?: RequestInit } = {}) {
  const headers = new Headers(options.init?.headers);
  if (options.token) headers.set('authorization', `Bearer ${options.token}`);
  headers.set('x-giveback-client-ip', '192.0.2.10');
  const response = await (route as Route)(new Request(`http://localhost${url}`, { ...options.init, headers }), { params: Promise.resolve(options.params ?? {}) });
  return response;
}

async function errorOf(response: Response) {
  expect(response.headers.get('content-type')).toContain('application/json');
  return { status: response.status, ...((await response.json()) as { error: { code: string; message: string } }).error };
}

describe('JSON API v1: authentication and scopes', () => {
  it('answers every refusal in one shape: 401 without, with an unknown or a revoked token, 403 without the scope', async () => {
    const none = await call(torrentsRoute.GET, '/api/v1/torrents');
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="api"');
    expect(await errorOf(none)).toEqual({ status: 401, code: 'UNAUTHORIZED', message: 'Send an API token: Authorization: Bearer <token>' });
    expect(await errorOf(await call(torrentsRoute.GET, '/api/v1/torrents', { token: `gb_${'x'.repeat(43)}` }))).toEqual({ status: 401, code: 'UNAUTHORIZED', message: 'Unknown API token' });
    const scopeCases: [unknown, string, string, Record<string, string>?][] = [
      [torrentsRoute.GET, '/api/v1/torrents', tokens.stats!],
      [torrentRoute.GET, `/api/v1/torrents/${sampleId}`, tokens.download!, { id: String(sampleId) }],
      [downloadRoute.GET, `/api/v1/torrents/${sampleId}/download`, tokens.read!, { id: String(sampleId) }],
      [meRoute.GET, '/api/v1/me', tokens.read!],
      [categoriesRoute.GET, '/api/v1/categories', tokens.stats!],
      [torrentsRoute.POST, '/api/v1/torrents', tokens.read!],
    ];
    const scopeOf = ['read', 'read', 'download', 'stats', 'read', 'upload'];
    for (const [i, [route, url, token, params]] of scopeCases.entries()) {
      const init = route === torrentsRoute.POST ? { method: 'POST', body: new FormData() } : undefined;
      expect(await errorOf(await call(route, url, { token, params, init }))).toEqual({ status: 403, code: 'FORBIDDEN', message: `This token lacks the ${scopeOf[i]} scope` });
    }
    const revoked = await createApiToken({ actor: member, input: createApiTokenSchema.parse({ name: 'old', scopes: ['read'], expiresInDays: '' }) });
    await revokeApiToken({ actor: member, id: revoked.id });
    expect(await errorOf(await call(torrentsRoute.GET, '/api/v1/torrents', { token: revoked.token }))).toEqual({ status: 401, code: 'UNAUTHORIZED', message: 'This API token was revoked' });
  });

  it('answers 429 with Retry-After once a token passes its limit', async () => {
    const token = await tokenFor(member, 'read');
    let last: Response | null = null;
    for (let i = 0; i <= 120; i++) {
      last = await call(categoriesRoute.GET, '/api/v1/categories', { token });
      if (last.status !== 200) break;
    }
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const body = await errorOf(last!);
    expect(body.code).toBe('TOO_MANY_REQUESTS');
    expect(body.message).toMatch(/^Too many requests with this token: try again in \d+ s$/);
  });
});

describe('JSON API v1: endpoints', () => {
  it('searches and browses with the filters and sorts of /torrents', async () => {
    const get = async (query: string) => (await (await call(torrentsRoute.GET, `/api/v1/torrents${query}`, { token: tokens.read })).json()) as { torrents: { id: number; title: string }[]; total: number; perPage: number };
    const all = await get('');
    expect(all.torrents.map((t) => t.id)).toEqual([hybridId, sampleId]);
    expect(all).toMatchObject({ total: 2, perPage: 50, page: 1, pages: 1, totalIsCapped: false });
    expect((await get('?q=sample')).torrents.map((t) => t.title)).toEqual(['Sample Pack 2024']);
    expect((await get('?tags=samples')).torrents.map((t) => t.id)).toEqual([sampleId]);
    expect((await get('?category=tv')).torrents.map((t) => t.id)).toEqual([hybridId]);
    expect((await get('?sort=name&order=asc')).torrents.map((t) => t.title)).toEqual(['Hybrid Show S01', 'Sample Pack 2024']);
    expect((await get('?uploader=UPLOADBOT')).total).toBe(2);
    expect((await get('?freeleech=1')).total).toBe(0);
    const [first] = (await get('?q=sample')).torrents;
    expect(first).toMatchObject({ category: { name: 'Movies', slug: 'movies' }, uploader: 'uploadbot', tags: ['samples'], freeleech: false, neutral: false, doubleUpload: false, url: `http://localhost:3000/torrents/${sampleId}`, downloadUrl: `http://localhost:3000/api/v1/torrents/${sampleId}/download` });
  });

  it('shows site-wide freeleech and double upload windows in the modes', async () => {
    await putSetting('siteFreeleechUntil', new Date(Date.now() + 3_600_000).toISOString());
    await db().torrent.update({ where: { id: hybridId }, data: { neutral: true } });
    try {
      const list = (await (await call(torrentsRoute.GET, '/api/v1/torrents', { token: tokens.read })).json()) as { torrents: { id: number; freeleech: boolean; neutral: boolean }[] };
      expect(list.torrents.map((t) => [t.id, t.freeleech, t.neutral])).toEqual([[hybridId, true, true], [sampleId, true, false]]);
    } finally {
      await putSetting('siteFreeleechUntil', null);
      await db().torrent.update({ where: { id: hybridId }, data: { neutral: false } });
    }
  });

  it('gives a torrent\'s details with files, counts and modes; 404 for unknown, malformed and deleted ids', async () => {
    const response = await call(torrentRoute.GET, `/api/v1/torrents/${sampleId}`, { token: tokens.read, params: { id: String(sampleId) } });
    expect(response.status).toBe(200);
    const t = (await response.json()) as Record<string, unknown>;
    expect(t).toMatchObject({ id: sampleId, title: 'Sample Pack 2024', version: 'v1', category: { id: 1, name: 'Movies', slug: 'movies' }, seeders: 0, leechers: 0, snatches: 0, infoHashV2: null });
    expect(t.infoHashV1).toMatch(/^[0-9a-f]{40}$/);
    expect((t.files as { path: string; size: number }[]).length).toBe(t.fileCount);
    expect((t.files as { path: string }[])[0]!.path).toContain('/');
    for (const id of ['999999', 'abc', '-1', '1e400']) {
      expect(await errorOf(await call(torrentRoute.GET, `/api/v1/torrents/${id}`, { token: tokens.read, params: { id } }))).toEqual({ status: 404, code: 'NOT_FOUND', message: 'No such torrent' });
    }
  });

  it('downloads the personal .torrent under the site\'s rules: ratio gating with its explanation, bans, deleted torrents', async () => {
    const ok = await call(downloadRoute.GET, `/api/v1/torrents/${hybridId}/download`, { token: tokens.download, params: { id: String(hybridId) } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('application/x-bittorrent');
    expect(ok.headers.get('content-disposition')).toContain('.torrent');
    const bytes = new Uint8Array(await ok.arrayBuffer());
    const parsed = parseTorrent(bytes);
    expect(parsed.ok).toBe(true);
    const passkey = (await db().user.findUniqueOrThrow({ where: { id: member.id }, select: { passkey: true } })).passkey;
    expect(Buffer.from(bytes).toString('latin1')).toContain(announceUrl(env().publicUrl, passkey));
    expect(await db().torrentDownload.count({ where: { userId: member.id, torrentId: hybridId } })).toBe(1);

    await db().user.update({ where: { id: member.id }, data: { leechingDisabled: true, leechingDisabledReason: 'staff' } });
    try {
      expect(await errorOf(await call(downloadRoute.GET, `/api/v1/torrents/${sampleId}/download`, { token: tokens.download, params: { id: String(sampleId) } }))).toEqual({
        status: 403, code: 'FORBIDDEN', message: 'Leeching disabled by staff; seeding is still allowed',
      });
    } finally {
      await db().user.update({ where: { id: member.id }, data: { leechingDisabled: false, leechingDisabledReason: null } });
    }

    const gone = (await uploadTorrent({ actor: uploader, bytes: fixture('v2-multi.torrent'), input: { title: 'Gone', categoryId: 7, tags: [], description: '' } })).id;
    await deleteTorrent({ actor: moderator, id: gone, reason: 'dupe of another' });
    expect(await errorOf(await call(downloadRoute.GET, `/api/v1/torrents/${gone}/download`, { token: tokens.download, params: { id: String(gone) } }))).toEqual({ status: 404, code: 'NOT_FOUND', message: 'No such torrent' });

    const banned = (await createUser({ username: 'bannedbot', password: 'password-1', role: 'member' })) as SessionUser;
    const bannedToken = await tokenFor(banned, 'download');
    await db().user.update({ where: { id: banned.id }, data: { bannedAt: new Date(), banReason: 'cheating' } });
    expect(await errorOf(await call(downloadRoute.GET, `/api/v1/torrents/${sampleId}/download`, { token: bannedToken, params: { id: String(sampleId) } }))).toEqual({ status: 403, code: 'FORBIDDEN', message: 'This account is banned' });
  });

  it("gives the member's own figures", async () => {
    await db().user.update({ where: { id: member.id }, data: { uploaded: 3n * 1024n ** 3n, downloaded: 2n * 1024n ** 3n } });
    await db().peer.create({ data: { torrentId: sampleId, userId: member.id, peerId: new Uint8Array(20).fill(1), ip: '10.0.0.1', port: 6881, uploaded: 0n, downloaded: 0n, left: 0n, seeder: true, client: 'aria2', startedAt: new Date(), lastAnnounceAt: new Date() } });
    await db().peer.create({ data: { torrentId: hybridId, userId: member.id, peerId: new Uint8Array(20).fill(2), ip: '10.0.0.1', port: 6882, uploaded: 0n, downloaded: 0n, left: 5n, seeder: false, client: 'aria2', startedAt: new Date(), lastAnnounceAt: new Date() } });
    const response = await call(meRoute.GET, '/api/v1/me', { token: tokens.stats });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      username: 'sonarr', uploaded: 3 * 1024 ** 3, downloaded: 2 * 1024 ** 3, ratio: 1.5, ratioText: '1.50', requiredRatio: 0, bytesToUpload: 0,
      watch: null, leechingDisabled: false, leechingMessage: null, seeding: 1, leeching: 1,
    });
  });

  it('uploads with the form\'s checks and messages', async () => {
    const upload = (token: string | undefined, fields: Record<string, string>, file?: Uint8Array) => {
      const form = new FormData();
      for (const [k, v] of Object.entries(fields)) form.set(k, v);
      if (file) form.set('file', new Blob([Buffer.from(file)], { type: 'application/x-bittorrent' }), 'x.torrent');
      return call(torrentsRoute.POST, '/api/v1/torrents', { token, init: { method: 'POST', body: form } });
    };
    const created = await upload(tokens.all, { title: 'Single File', categoryId: '3', tags: 'flac, live' }, fixture('v1-single.torrent'));
    expect(created.status).toBe(201);
    const body = (await created.json()) as { id: number; url: string; downloadUrl: string; infoHashV1: string };
    expect(body.url).toBe(`http://localhost:3000/torrents/${body.id}`);
    expect(body.downloadUrl).toBe(`http://localhost:3000/api/v1/torrents/${body.id}/download`);
    expect(body.infoHashV1).toMatch(/^[0-9a-f]{40}$/);
    expect(await db().torrent.findUniqueOrThrow({ where: { id: body.id }, select: { title: true, uploaderId: true } })).toEqual({ title: 'Single File', uploaderId: uploader.id });

    const invalid = await upload(tokens.all, { title: ' ', categoryId: 'x', tags: 'bad tag!' }, fixture('v2-single-64k.torrent'));
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toEqual({ error: { code: 'BAD_REQUEST', message: 'Check the highlighted fields', fields: { title: 'Enter a title', categoryId: 'Choose a category', tags: 'Tags may contain only letters, digits, . _ and -' } } });
    expect(await errorOf(await upload(tokens.all, { title: 'No file', categoryId: '1' }))).toEqual({ status: 400, code: 'BAD_REQUEST', message: 'Choose a .torrent file', field: 'file' });
    expect(await errorOf(await upload(tokens.all, { title: 'Broken', categoryId: '1' }, new TextEncoder().encode('i0500e')))).toMatchObject({ status: 400, code: 'BAD_REQUEST', field: 'file' });
    expect(await errorOf(await upload(tokens.all, { title: 'Again', categoryId: '1' }, fixture('v1-single.torrent')))).toEqual({ status: 409, code: 'CONFLICT', message: `This torrent is already on the site: /torrents/${body.id}` });
    expect(await errorOf(await upload(tokens.memberUpload, { title: 'Member', categoryId: '1' }, fixture('v2-single-64k.torrent')))).toEqual({ status: 403, code: 'FORBIDDEN', message: 'Uploading needs the uploader role' });
    const big = await call(torrentsRoute.POST, '/api/v1/torrents', { token: tokens.all, init: { method: 'POST', headers: { 'content-length': String(30 * 1024 * 1024), 'content-type': 'multipart/form-data; boundary=x' }, body: 'x' } });
    expect(await errorOf(big)).toEqual({ status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'The upload is larger than 25 MiB in all' });
    const bigFile = new FormData();
    bigFile.append('file', new Blob([new Uint8Array(11 * 1024 * 1024)]), 'big.torrent');
    expect(await errorOf(await call(torrentsRoute.POST, '/api/v1/torrents', { token: tokens.all, init: { method: 'POST', body: bigFile } }))).toEqual({ status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'The file is larger than 10 MiB', field: 'file' });
    const notMultipart = await call(torrentsRoute.POST, '/api/v1/torrents', { token: tokens.all, init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' } });
    expect(await errorOf(notMultipart)).toEqual({ status: 400, code: 'BAD_REQUEST', message: 'Send the upload as a multipart form' });
  });

  it('lists categories with their Torznab numbers', async () => {
    const response = await call(categoriesRoute.GET, '/api/v1/categories', { token: tokens.read });
    expect(((await response.json()) as { categories: unknown[] }).categories).toEqual([
      { id: 1, name: 'Movies', slug: 'movies', torznabId: 2000 },
      { id: 2, name: 'TV', slug: 'tv', torznabId: 5000 },
      { id: 3, name: 'Music', slug: 'music', torznabId: 3000 },
      { id: 4, name: 'Games', slug: 'games', torznabId: 4050 },
      { id: 5, name: 'Software', slug: 'software', torznabId: 4000 },
      { id: 6, name: 'Books', slug: 'books', torznabId: 7000 },
      { id: 7, name: 'Other', slug: 'other', torznabId: 8000 },
    ]);
  });
});
