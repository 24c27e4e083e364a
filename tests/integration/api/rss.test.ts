import { readFileSync } from 'node:fs';
import path from 'node:path';
import Parser from 'rss-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as downloadRoute from '@/app/rss/[key]/download/[id]/route';
import * as feedRoute from '@/app/rss/[key]/route';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { createUser } from '@/lib/services/create-user';
import { deleteTorrent } from '@/lib/services/delete-torrent';
import { mayDownload } from '@/lib/services/download-policy';
import { getOrCreateRssKey, resetRssKey } from '@/lib/services/rss/rss-key';
import { putSetting } from '@/lib/services/settings';
import { uploadTorrent } from '@/lib/services/upload-torrent';
import { parseTorrent } from '@/lib/torrent';
import { useTestDatabase } from '../../helpers/db';
import { announceUrl } from '@/lib/auth/passkey';
import { env } from '@/lib/env';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/torrents');
const fixture = (name: string) => new Uint8Array(readFileSync(path.join(FIXTURES, name)));

let cleanup: () => Promise<void>;
let uploader: SessionUser;
let member: SessionUser;
let key = '';
let movieId = 0;
let showId = 0;

type Item = Parser.Item & { torrentSeeds?: string; torrentInfoHash?: string };
const parser = new Parser<Record<string, never>, Item>({ customFields: { item: [['torrent:seeds', 'torrentSeeds'], ['torrent:infoHash', 'torrentInfoHash']] } });

async function feed(feedKey: string, query = '') {
  return feedRoute.GET(new Request(`http://localhost/rss/${feedKey}${query}`), { params: Promise.resolve({ key: feedKey }) });
}
async function enclosure(url: string) {
  const m = /\/rss\/([^/]+)\/download\/([^/?]+)$/.exec(url);
  expect(m, `enclosure URL ${url}`).not.toBeNull();
  return downloadRoute.GET(new Request(url), { params: Promise.resolve({ key: m![1]!, id: m![2]! }) });
}

beforeAll(async () => {
  ({ cleanup } = await useTestDatabase());
  uploader = (await createUser({ username: 'rssup', password: 'password-1', role: 'uploader' })) as SessionUser;
  member = (await createUser({ username: 'rssreader', password: 'password-1', role: 'member' })) as SessionUser;
  movieId = (await uploadTorrent({ actor: uploader, bytes: fixture('v1-multi.torrent'), input: { title: 'A <Movie> & Co', categoryId: 1, tags: ['hd'], description: '' } })).id;
  showId = (await uploadTorrent({ actor: uploader, bytes: fixture('v2-multi.torrent'), input: { title: 'Show S01E01', categoryId: 2, tags: [], description: '' } })).id;
  await db().torrent.update({ where: { id: showId }, data: { seeders: 4, leechers: 2 } });
  key = await getOrCreateRssKey({ actor: member });
});
afterAll(() => cleanup());

describe('RSS feeds', () => {
  it('gives each member a key of their own, apart from the passkey, kept until reset', async () => {
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    expect(await getOrCreateRssKey({ actor: member })).toBe(key);
    const passkey = (await db().user.findUniqueOrThrow({ where: { id: member.id }, select: { passkey: true } })).passkey;
    expect(key).not.toBe(passkey);
    const [a, b] = await Promise.all([getOrCreateRssKey({ actor: uploader }), getOrCreateRssKey({ actor: uploader })]);
    expect(a).toBe(b);
  });

  it('is RSS 2.0 a feed reader parses, with title, size, category, date, seeders and leechers and the enclosure', async () => {
    const response = await feed(key);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
    const parsed = await parser.parseString(await response.text());
    expect(parsed.title).toBe('Giveback: torrents');
    expect(parsed.items.map((i) => i.title)).toEqual(['Show S01E01', 'A <Movie> & Co']);
    const [show, movie] = parsed.items;
    expect(show!.categories).toEqual(['TV']);
    expect(show!.link).toBe(`http://localhost:3000/torrents/${showId}`);
    expect(new Date(show!.pubDate!).getTime()).toBeGreaterThan(Date.now() - 600_000);
    expect(show!.contentSnippet).toMatch(/^TV · [\d.]+ (KiB|MiB|B) · 4 seeders, 2 leechers$/);
    expect(show!.torrentSeeds).toBe('4');
    expect(movie!.enclosure).toMatchObject({ url: `http://localhost:3000/rss/${key}/download/${movieId}`, type: 'application/x-bittorrent' });
    expect(Number(movie!.enclosure!.length)).toBeGreaterThan(0);
    expect(movie!.torrentInfoHash).toMatch(/^[0-9a-f]{40}$/);
  });

  it('filters as /torrents does: category, tags, search, freeleech, uploader', async () => {
    const titles = async (query: string) => (await parser.parseString(await (await feed(key, query)).text())).items.map((i) => i.title);
    expect(await titles('?category=movies')).toEqual(['A <Movie> & Co']);
    expect(await titles('?tags=hd')).toEqual(['A <Movie> & Co']);
    expect(await titles('?q=show')).toEqual(['Show S01E01']);
    expect(await titles('?uploader=rssup&sort=name&order=asc')).toEqual(['A <Movie> & Co', 'Show S01E01']);
    expect(await titles('?freeleech=1')).toEqual([]);
    await db().torrent.update({ where: { id: movieId }, data: { freeleech: true } });
    expect(await titles('?freeleech=1')).toEqual(['A <Movie> & Co']);
    await db().torrent.update({ where: { id: movieId }, data: { freeleech: false } });
  });

  it('tells freeleech from a site-wide window in the item', async () => {
    await putSetting('siteDoubleUploadUntil', new Date(Date.now() + 3_600_000).toISOString());
    try {
      const parsed = await parser.parseString(await (await feed(key)).text());
      expect(parsed.items[0]!.contentSnippet).toContain('double upload');
    } finally {
      await putSetting('siteDoubleUploadUntil', null);
    }
  });

  it("downloads the key's member's personal .torrent without a session", async () => {
    const parsed = await parser.parseString(await (await feed(key)).text());
    const response = await enclosure(parsed.items[1]!.enclosure!.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-bittorrent');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(parseTorrent(bytes).ok).toBe(true);
    const passkey = (await db().user.findUniqueOrThrow({ where: { id: member.id }, select: { passkey: true } })).passkey;
    expect(Buffer.from(bytes).toString('latin1')).toContain(announceUrl(env().publicUrl, passkey));
    expect(await db().torrentDownload.count({ where: { userId: member.id, torrentId: movieId } })).toBe(1);
  });

  it('refuses as the site does: ratio gating with the same explanation, deleted torrents, bans; unknown and reset keys', async () => {
    const url = `http://localhost:3000/rss/${key}/download/${showId}`;
    await db().user.update({ where: { id: member.id }, data: { leechingDisabled: true, leechingDisabledReason: 'staff' } });
    try {
      const site = await mayDownload({ userId: member.id, torrentId: showId });
      const refused = await enclosure(url);
      expect(refused.status).toBe(403);
      expect(await refused.text()).toBe(site.allowed ? 'allowed?' : site.message);
    } finally {
      await db().user.update({ where: { id: member.id }, data: { leechingDisabled: false, leechingDisabledReason: null } });
    }
    const gone = (await uploadTorrent({ actor: uploader, bytes: fixture('hybrid-single.torrent'), input: { title: 'Gone', categoryId: 7, tags: [], description: '' } })).id;
    await deleteTorrent({ actor: (await createUser({ username: 'rssmod', password: 'password-1', role: 'moderator' })) as SessionUser, id: gone, reason: 'a dupe of another' });
    const deleted = await enclosure(`http://localhost:3000/rss/${key}/download/${gone}`);
    expect([deleted.status, await deleted.text()]).toEqual([404, 'No such torrent']);
    const bad = await enclosure(`http://localhost:3000/rss/${key}/download/12abc`);
    expect([bad.status, await bad.text()]).toEqual([404, 'No such torrent']);

    const unknown = await feed('0'.repeat(32));
    expect([unknown.status, await unknown.text()]).toEqual([401, 'Unknown RSS key: copy the feed URL again from your RSS settings']);
    const newKey = await resetRssKey({ actor: member });
    expect(newKey).not.toBe(key);
    expect((await feed(key)).status).toBe(401);
    expect((await enclosure(url)).status).toBe(401);
    expect((await feed(newKey)).status).toBe(200);
    key = newKey;

    await db().user.update({ where: { id: member.id }, data: { bannedAt: new Date(), banReason: 'test' } });
    const banned = await feed(key);
    expect([banned.status, await banned.text()]).toEqual([403, 'This account is banned']);
    const bannedDownload = await enclosure(`http://localhost:3000/rss/${key}/download/${movieId}`);
    expect([bannedDownload.status, await bannedDownload.text()]).toEqual([403, 'This account is banned']);
  });
});
