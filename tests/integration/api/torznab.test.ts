import { readFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as downloadRoute from '@/app/api/torznab/download/[id]/route';
import * as torznabRoute from '@/app/api/torznab/route';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { createApiToken } from '@/lib/services/api-tokens/create-api-token';
import { createUser } from '@/lib/services/create-user';
import { putSetting } from '@/lib/services/settings';
import { uploadTorrent } from '@/lib/services/upload-torrent';
import { parseTorrent } from '@/lib/torrent';
import { createApiTokenSchema } from '@/lib/validation/api-token';
import { useTestDatabase } from '../../helpers/db';
import { announceUrl } from '@/lib/auth/passkey';
import { env } from '@/lib/env';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/torrents');
const fixture = (name: string) => new Uint8Array(readFileSync(path.join(FIXTURES, name)));
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['item', 'category', 'subcat', 'torznab:attr'].includes(name) });

let cleanup: () => Promise<void>;
let uploader: SessionUser;
let member: SessionUser;
let prowlarr = '';
let readOnly = '';
const ids: Record<string, number> = {};

async function tokenFor(actor: SessionUser, scopes: string) {
  return (await createApiToken({ actor, input: createApiTokenSchema.parse({ name: 'Prowlarr', scopes: [scopes], expiresInDays: '' }) })).token;
}

beforeAll(async () => {
  ({ cleanup } = await useTestDatabase());
  uploader = (await createUser({ username: 'tzup', password: 'password-1', role: 'uploader' })) as SessionUser;
  member = (await createUser({ username: 'tzmember', password: 'password-1', role: 'member' })) as SessionUser;
  const up = async (file: string, title: string, categoryId: number) => (await uploadTorrent({ actor: uploader, bytes: fixture(file), input: { title, categoryId, tags: [], description: '' } })).id;
  ids.movie = await up('v1-multi.torrent', 'Big Movie 2024 1080p', 1);
  ids.show = await up('hybrid-multi.torrent', 'Some Show S01E02 720p', 2);
  ids.album = await up('v2-multi.torrent', 'Live Album FLAC', 3);
  await db().torrent.update({ where: { id: ids.movie }, data: { freeleech: true, seeders: 5, leechers: 2, snatches: 9 } });
  await db().torrent.update({ where: { id: ids.show }, data: { doubleUpload: true } });
  await db().torrent.update({ where: { id: ids.album }, data: { neutral: true } });
  prowlarr = await tokenFor(member, 'read,download');
  readOnly = await tokenFor(member, 'read');
});
afterAll(() => cleanup());

async function get(route: 'search' | 'download', query: string, id?: number) {
  const url = route === 'search' ? `http://localhost/api/torznab?${query}` : `http://localhost/api/torznab/download/${id}?${query}`;
  const request = new Request(url, { headers: { 'user-agent': 'Prowlarr/1.30.2.4939', 'x-giveback-client-ip': '192.0.2.55' } });
  return route === 'search' ? torznabRoute.GET(request) : downloadRoute.GET(request, { params: Promise.resolve({ id: String(id) }) });
}

async function xmlOf(response: Response) {
  expect(response.headers.get('content-type')).toBe('application/xml; charset=utf-8');
  const text = await response.text();
  expect(XMLValidator.validate(text)).toBe(true);
  return parser.parse(text) as Record<string, any>;
}

type Attr = { name: string; value: string };
const attrs = (item: { 'torznab:attr': Attr[] }) => Object.fromEntries(item['torznab:attr'].filter((a) => a.name !== 'category').map((a) => [a.name, a.value]));
const cats = (item: { 'torznab:attr': Attr[] }) => item['torznab:attr'].filter((a) => a.name === 'category').map((a) => Number(a.value));

describe('Torznab, as Prowlarr uses it', () => {
  it('answers caps with limits, search functions and the standard categories in use, site categories below them', async () => {
    const caps = (await xmlOf(await get('search', `t=caps&apikey=${prowlarr}`))).caps;
    expect(caps.server.title).toBe('Giveback');
    expect(caps.limits).toEqual({ default: '50', max: '100' });
    expect(caps.searching.search).toEqual({ available: 'yes', supportedParams: 'q' });
    expect(caps.searching['tv-search']).toEqual({ available: 'yes', supportedParams: 'q,season,ep' });
    expect(caps.searching['movie-search']).toEqual({ available: 'yes', supportedParams: 'q' });
    const tree = caps.categories.category.map((c: { id: string; name: string; subcat: { id: string; name: string }[] }) => [c.id, c.name, c.subcat.map((s) => `${s.id} ${s.name}`)]);
    expect(tree).toEqual([
      ['2000', 'Movies', ['100001 Movies']],
      ['3000', 'Audio', ['100003 Music']],
      ['4000', 'PC', ['100004 Games', '4050 PC/Games', '100005 Software']],
      ['5000', 'TV', ['100002 TV']],
      ['7000', 'Books', ['100006 Books']],
      ['8000', 'Other', ['100007 Other']],
    ]);
  });

  it('searches with categories and carries size, seeders, peers, infohash and the volume factors', async () => {
    const rss = (await xmlOf(await get('search', `t=search&cat=2000,5000&q=&limit=100&offset=0&apikey=${prowlarr}&extended=1`))).rss;
    expect(rss.version).toBe('2.0');
    expect(rss['xmlns:torznab']).toBe('http://torznab.com/schemas/2015/feed');
    const channel = rss.channel;
    expect(channel['torznab:response']).toEqual({ offset: '0', total: '2' });
    const [show, movie] = channel.item;
    expect([show.title, movie.title]).toEqual(['Some Show S01E02 720p', 'Big Movie 2024 1080p']);
    expect(cats(movie)).toEqual([2000, 100001]);
    const movieRow = await db().torrent.findUniqueOrThrow({ where: { id: ids.movie }, select: { size: true, infoHashV1: true } });
    expect(attrs(movie)).toEqual({ size: String(movieRow.size), seeders: '5', peers: '7', grabs: '9', infohash: movieRow.infoHashV1, downloadvolumefactor: '0', uploadvolumefactor: '1' });
    expect(movie.size).toBe(Number(movieRow.size));
    expect(movie.enclosure).toEqual({ url: movie.link, length: String(movieRow.size), type: 'application/x-bittorrent' });
    expect(movie.comments).toBe(`http://localhost:3000/torrents/${ids.movie}`);
    expect(attrs(show)).toMatchObject({ downloadvolumefactor: '1', uploadvolumefactor: '2' });
    expect(attrs(show).infohash).toMatch(/^[0-9a-f]{40}$/);

    const album = (await xmlOf(await get('search', `t=search&cat=3000&apikey=${prowlarr}`))).rss.channel.item;
    expect(album.map((i: { title: string }) => i.title)).toEqual(['Live Album FLAC']);
    expect(attrs(album[0])).toMatchObject({ downloadvolumefactor: '0', uploadvolumefactor: '0' });
    // A site category by its own number, a subcategory's parent, and a category nothing maps to.
    expect((await xmlOf(await get('search', `t=search&cat=100002&apikey=${prowlarr}`))).rss.channel.item.map((i: { title: string }) => i.title)).toEqual(['Some Show S01E02 720p']);
    expect((await xmlOf(await get('search', `t=search&cat=6000&apikey=${prowlarr}`))).rss.channel.item).toBeUndefined();
  });

  it('applies site-wide freeleech and double upload windows to the factors', async () => {
    await putSetting('siteFreeleechUntil', new Date(Date.now() + 3_600_000).toISOString());
    await putSetting('siteDoubleUploadUntil', new Date(Date.now() + 3_600_000).toISOString());
    try {
      const items = (await xmlOf(await get('search', `t=search&q=show&apikey=${prowlarr}`))).rss.channel.item;
      expect(attrs(items[0])).toMatchObject({ downloadvolumefactor: '0', uploadvolumefactor: '2' });
      const movie = (await xmlOf(await get('search', `t=movie&q=movie&apikey=${prowlarr}`))).rss.channel.item;
      expect(attrs(movie[0])).toMatchObject({ downloadvolumefactor: '0', uploadvolumefactor: '2' });
    } finally {
      await putSetting('siteFreeleechUntil', null);
      await putSetting('siteDoubleUploadUntil', null);
    }
  });

  it('tvsearch joins season and episode, movie searches words; offset and limit page', async () => {
    const titles = async (q: string) => ((await xmlOf(await get('search', `${q}&apikey=${prowlarr}`))).rss.channel.item ?? []).map((i: { title: string }) => i.title);
    expect(await titles('t=tvsearch&q=some%20show&season=1&ep=2&cat=5000')).toEqual(['Some Show S01E02 720p']);
    expect(await titles('t=tvsearch&q=some%20show&season=1&ep=3')).toEqual([]);
    expect(await titles('t=movie&q=big%20movie&cat=2000')).toEqual(['Big Movie 2024 1080p']);
    expect(await titles('t=search&limit=1&offset=1')).toEqual(['Some Show S01E02 720p']);
    const paged = (await xmlOf(await get('search', `t=search&limit=1&offset=1&apikey=${prowlarr}`))).rss.channel['torznab:response'];
    expect(paged).toEqual({ offset: '1', total: '3' });
    expect(await titles('t=search&limit=500')).toHaveLength(3);
  });

  it("follows the item's link to the token owner's personal .torrent", async () => {
    const [movie] = (await xmlOf(await get('search', `t=search&q=movie&apikey=${prowlarr}`))).rss.channel.item;
    const link = new URL(movie.link);
    expect(link.pathname).toBe(`/api/torznab/download/${ids.movie}`);
    const response = await get('download', link.search.slice(1), ids.movie);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-bittorrent');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(parseTorrent(bytes).ok).toBe(true);
    const passkey = (await db().user.findUniqueOrThrow({ where: { id: member.id }, select: { passkey: true } })).passkey;
    expect(Buffer.from(bytes).toString('latin1')).toContain(announceUrl(env().publicUrl, passkey));
  });

  it('refuses with Torznab errors: credentials, scopes, parameters, and the site\'s download rules', async () => {
    const error = async (response: Response) => [response.status, (await xmlOf(response)).error];
    expect(await error(await get('search', 't=caps'))).toEqual([401, { code: '100', description: 'Send an API token: Authorization: Bearer <token>' }]);
    expect(await error(await get('search', `t=caps&apikey=gb_${'z'.repeat(43)}`))).toEqual([401, { code: '100', description: 'Unknown API token' }]);
    const statsOnly = await tokenFor(member, 'stats');
    expect(await error(await get('search', `t=caps&apikey=${statsOnly}`))).toEqual([403, { code: '102', description: 'This token lacks the read scope' }]);
    expect(await error(await get('download', `apikey=${readOnly}`, ids.movie))).toEqual([403, { code: '102', description: 'This token lacks the download scope' }]);
    expect(await error(await get('search', `apikey=${prowlarr}`))).toEqual([400, { code: '200', description: 'Missing parameter: t' }]);
    expect(await error(await get('search', `t=music&apikey=${prowlarr}`))).toEqual([400, { code: '202', description: 'No such function: music' }]);
    expect(await error(await get('search', `t=search&cat=movies&apikey=${prowlarr}`))).toEqual([400, { code: '201', description: 'Incorrect parameter: cat must be category numbers separated by commas' }]);
    expect(await error(await get('search', `t=search&offset=-1&apikey=${prowlarr}`))).toEqual([400, { code: '201', description: 'Incorrect parameter: offset must be a whole number' }]);
    expect(await error(await get('download', `apikey=${prowlarr}`, 999_999))).toEqual([404, { code: '201', description: 'No such torrent' }]);
    await db().user.update({ where: { id: member.id }, data: { leechingDisabled: true, leechingDisabledReason: 'staff' } });
    try {
      expect(await error(await get('download', `apikey=${prowlarr}`, ids.show))).toEqual([403, { code: '102', description: 'Leeching disabled by staff; seeding is still allowed' }]);
    } finally {
      await db().user.update({ where: { id: member.id }, data: { leechingDisabled: false, leechingDisabledReason: null } });
    }
  });

  it('uses the Torznab number an admin set for a category', async () => {
    await db().category.update({ where: { id: 3 }, data: { torznabId: 3040 } });
    try {
      const caps = (await xmlOf(await get('search', `t=caps&apikey=${prowlarr}`))).caps;
      const audio = caps.categories.category.find((c: { id: string }) => c.id === '3000');
      expect(audio.subcat.map((s: { id: string }) => s.id)).toEqual(['100003', '3040']);
      const [album] = (await xmlOf(await get('search', `t=search&cat=3040&apikey=${prowlarr}`))).rss.channel.item;
      expect(cats(album)).toEqual([3040, 100003]);
    } finally {
      await db().category.update({ where: { id: 3 }, data: { torznabId: null } });
    }
  });
});

describe('the Torznab category mapping (admins)', () => {
  it('lets admins set and clear a category\'s number, audited, and refuses others and unknown numbers', async () => {
    const { listTorznabMapping, setTorznabCategory } = await import('@/lib/services/set-torznab-category');
    const admin = (await createUser({ username: 'tzadmin', password: 'password-1', role: 'admin' })) as SessionUser;
    const refusal = (p: Promise<unknown>) => p.then(() => null, (e: { code: string; userMessage: string }) => [e.code, e.userMessage]);
    expect(await refusal(setTorznabCategory({ actor: uploader, categoryId: 2, torznabId: 5070 }))).toEqual(['FORBIDDEN', 'Admins only']);
    expect(await refusal(setTorznabCategory({ actor: admin, categoryId: 2, torznabId: 1234 }))).toEqual(['BAD_REQUEST', 'Choose one of the Torznab categories listed']);
    expect(await refusal(setTorznabCategory({ actor: admin, categoryId: 999, torznabId: 5070 }))).toEqual(['NOT_FOUND', 'No such category']);
    await setTorznabCategory({ actor: admin, categoryId: 2, torznabId: 5070 });
    expect((await listTorznabMapping({ actor: admin })).find((c) => c.id === 2)).toEqual({ id: 2, name: 'TV', configured: 5070, derived: 5000 });
    const [show] = (await xmlOf(await get('search', `t=tvsearch&cat=5000&apikey=${prowlarr}`))).rss.channel.item;
    expect(cats(show)).toEqual([5070, 100002]);
    await setTorznabCategory({ actor: admin, categoryId: 2, torznabId: null });
    expect(await db().auditLog.count({ where: { action: 'category.torznab', actorId: admin.id } })).toBe(2);
  });
});
