import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, launchBrowser } from '../helpers/browser';
import { clientGet } from '../helpers/client-get';
import { solidPng } from '../helpers/images';
import { startSite, type RunningSite } from '../helpers/server';
import { createUserCli } from '../helpers/users';
import { waitFor } from '../helpers/wait';

/**
 * Every page of the site, with real data on it (long release names, Markdown descriptions, peers, audit entries,
 * invites, blacklist entries, a site-wide freeleech), at a phone's and a desktop's width: none may scroll sideways.
 * On SQLite each page is also photographed at both sizes, light and dark, into test-results/screenshots/.
 */

const SIZES = [
  { name: 'phone', width: 360, height: 740 },
  { name: 'desktop', width: 1280, height: 800 },
] as const;
const ADMIN = { username: 'root', password: 'root-password' };
const UPLOADER = { username: 'release_group_uploader_account', password: 'uploader-password' };
const MEMBER = { username: 'member_with_a_rather_long_name', password: 'member-password' };
const LONG_TITLE = 'The.Extraordinarily.Long.Release.Name.Of.A.Nature.Documentary.Series.2026.Complete.Season.1.2160p.WEB-DL.DDP5.1.Atmos.HDR10.H.265-GROUPNAME';
const DESCRIPTION = [
  '# Release notes',
  '',
  'A documentary about **auroras**, filmed over three winters. See https://example.invalid/a/very/long/address/that/never/breaks/by/itself/because/it/has/no/spaces/at/all/whatsoever',
  '',
  '## Track list',
  '',
  '| Track | Length | Notes |',
  '| --- | --- | --- |',
  '| 1. Northern.Lights.Over.The.Frozen.Fjord.Extended.Mix | 12:04 | remastered |',
  '| 2. Midnight Sun | 9:51 | |',
  '',
  '> Quoted from the director: the sky was never the same twice.',
  '',
  '```',
  'ffprobe -v error -show_entries stream=codec_name,width,height,bit_rate -of default=noprint_wrappers=1 aurora-timelapse-2160p.mkv',
  '```',
  '',
  '- first item',
  '- second item with `inline code`',
  '',
  '![poster](https://images.example.invalid/poster.jpg)',
  '',
  '![A frame of the aurora](screenshot:1)',
].join('\n');

type FilePart = { name: string; mimeType: string; buffer: Buffer };
/** A poster, a screenshot wider than any screen and an NFO of 120 columns of CP437 art, for the first torrent. */
const MEDIA: Record<string, FilePart> = {
  poster: { name: 'poster.png', mimeType: 'image/png', buffer: Buffer.from(solidPng(300, 450, [40, 90, 160])) },
  screenshots: { name: 'frame.png', mimeType: 'image/png', buffer: Buffer.from(solidPng(1920, 1080, [20, 140, 90])) },
  nfo: { name: 'release.nfo', mimeType: 'application/octet-stream', buffer: Buffer.from([...Array.from({ length: 120 }, () => 0xdb), 0x0d, 0x0a, ...Buffer.from(`${LONG_TITLE}\r\n`, 'latin1')]) },
};

let browser: Browser;
const shots: string[] = [];

async function logIn(site: RunningSite, user: { username: string; password: string }): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${site.url}/login`);
  await page.getByLabel('Username').fill(user.username);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(`${site.url}/`);
  await page.close();
  return context;
}

/** A real multi-file torrent from mktorrent with deep, long file names. */
function makeTorrent(name: string): Buffer {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'giveback-layout-'));
  const content = path.join(dir, name);
  const deep = path.join(content, 'Extras.And.Behind.The.Scenes.Material', 'Interviews.With.The.Camera.Crew.In.Tromso');
  mkdirSync(deep, { recursive: true });
  writeFileSync(path.join(content, `${name}.mkv`), Buffer.alloc(200_000, name.length));
  writeFileSync(path.join(deep, 'Interview.With.The.Director.About.Filming.At.Minus.Thirty.Degrees.Celsius.mkv'), Buffer.alloc(50_000, 3));
  writeFileSync(path.join(content, 'readme.nfo'), 'nfo');
  const out = path.join(dir, 'out.torrent');
  execFileSync('mktorrent', ['-a', 'http://unused.invalid/announce', '-l', '15', '-o', out, content], { stdio: 'ignore' });
  return readFileSync(out);
}

async function upload(site: RunningSite, context: BrowserContext, title: string, fields: Record<string, string | FilePart>): Promise<{ id: number; infoHashV1: string }> {
  const res = await context.request.post(`${site.url}/api/torrents`, {
    headers: { origin: site.url },
    multipart: { file: { name: 'x.torrent', mimeType: 'application/x-bittorrent', buffer: makeTorrent(title.slice(0, 60)) }, title, categoryId: '1', tags: '', description: '', ...fields },
  });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as { id: number; infoHashV1: string };
}

/** A staff route posted as the site's forms post it. */
async function staffPost(site: RunningSite, context: BrowserContext, route: string, form: Record<string, string>) {
  const res = await context.request.post(`${site.url}${route}`, { headers: { origin: site.url }, multipart: form });
  expect(res.status(), `${route}: ${await res.text()}`).toBe(200);
}

/** One announce as a client sends it, with the member's passkey taken from their downloaded .torrent. */
async function announce(site: RunningSite, context: BrowserContext, torrentId: number, infoHashHex: string, peer: { port: number; left: number; uploaded: number; downloaded: number }) {
  const file = await context.request.get(`${site.url}/torrents/${torrentId}/download`);
  expect(file.status()).toBe(200);
  // On 127.0.0.1 the personal announce URL is /announce?passkey=… (libtorrent's rule for local trackers).
  const passkey = /passkey=([0-9a-f]{32})|\/tracker\/([0-9a-f]{32})\/announce/.exec((await file.body()).toString('latin1'))!.slice(1).find(Boolean)!;
  const infoHash = infoHashHex.replace(/../g, (b) => `%${b}`);
  const peerId = `-AR1360-${String(peer.port).padStart(12, '0')}`;
  const res = await clientGet(`${site.url}/tracker/${passkey}/announce?info_hash=${infoHash}&peer_id=${peerId}&port=${peer.port}&uploaded=${peer.uploaded}&downloaded=${peer.downloaded}&left=${peer.left}&compact=1&event=started`);
  expect(res.status).toBe(200);
  expect(res.body.toString('latin1')).not.toContain('failure reason');
}

interface Seeded {
  torrentId: number;
  otherTorrentId: number;
  memberId: number;
  deletedTorrentId: number;
}

async function seed(site: RunningSite, admin: BrowserContext, uploader: BrowserContext, member: BrowserContext): Promise<Seeded> {
  const first = await upload(site, uploader, LONG_TITLE, { description: DESCRIPTION, tags: 'documentary, 2160p, nature.and.wildlife.of.the.north, hdr10', ...MEDIA });
  const second = await upload(site, uploader, 'Midnight Sun Sessions (Live at the Arctic Cathedral, 2025) [FLAC 24-96]', { categoryId: '3', tags: 'flac, live' });
  for (let i = 0; i < 3; i++) await upload(site, uploader, `Short clip ${i + 1}`, { categoryId: String(2 + i) });
  const deleted = await upload(site, uploader, 'Deleted.Release.Name.That.Staff.Removed.As.A.Duplicate.Of.An.Older.Upload.2026.1080p', { categoryId: '2' });

  await announce(site, uploader, first.id, first.infoHashV1, { port: 51413, left: 0, uploaded: 0, downloaded: 0 });
  await announce(site, member, first.id, first.infoHashV1, { port: 51414, left: 100_000, uploaded: 0, downloaded: 150_000 });

  const adminPage = await admin.newPage();
  await adminPage.goto(`${site.url}/admin/members`);
  const href = await adminPage.getByRole('link', { name: MEMBER.username, exact: true }).getAttribute('href');
  const id = Number(/\/admin\/members\/(\d+)/.exec(href ?? '')?.[1]);
  expect(id).toBeGreaterThan(0);
  await staffPost(site, admin, `/admin/members/${id}/adjust`, { field: 'downloaded', mode: 'set', amount: '60', unit: 'GiB', reason: 'Correcting a client bug reported on the forum' });
  await staffPost(site, admin, `/admin/members/${id}/adjust`, { field: 'uploaded', mode: 'add', amount: '1.5', unit: 'GiB', reason: 'Bonus for seeding the FLAC collection' });
  await staffPost(site, admin, `/admin/members/${id}/invites`, { count: '2', reason: 'Good standing' });
  await staffPost(site, admin, '/admin/blacklist/add', { prefix: '-XL0012-', note: 'Xunlei: reports uploads it never made and never seeds back' });
  const until = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 16);
  const settings = { watchDays: '14', maxDownloadDuringWatchGiB: '10', startingCreditGiB: '0', announceIntervalMinutes: '30', siteFreeleechUntil: until, siteDoubleUploadUntil: '' };
  await staffPost(site, admin, '/admin/settings/ratio', settings);
  await adminPage.goto(`${site.url}/torrents/${deleted.id}`);
  await adminPage.getByLabel('Reason for deletion').fill('Duplicate of an older upload with the same files, reported by three members');
  await adminPage.getByRole('button', { name: 'Delete torrent' }).click();
  await adminPage.getByRole('button', { name: 'Delete it' }).click();
  await adminPage.waitForURL(`${site.url}/torrents`);
  await adminPage.close();

  const invites = await member.newPage();
  await invites.goto(`${site.url}/invites`);
  await invites.getByRole('button', { name: 'Create invite' }).click();
  await waitFor(async () => (await invites.getByTestId('invite-link').count()) === 1, 'the new invite link', 15_000);
  await invites.close();

  // The tracker folds announces into the database every few seconds: wait until the torrent page lists both peers.
  const check = await member.newPage();
  await waitFor(async () => {
    await check.goto(`${site.url}/torrents/${first.id}`);
    return (await check.getByRole('heading', { name: 'Peers (2)' }).count()) === 1;
  }, 'both peers on the torrent page', 30_000);
  await check.close();
  return { torrentId: first.id, otherTorrentId: second.id, memberId: id, deletedTorrentId: deleted.id };
}

/** [name, path] of every page each kind of visitor sees. */
function pagesFor(role: 'guest' | 'member' | 'uploader' | 'staff', s: Seeded): [string, string][] {
  if (role === 'guest') return [['login', '/login'], ['register', '/register'], ['home-guest', '/'], ['rules', '/rules'], ['faq', '/faq'], ['ratio-page', '/ratio'], ['uploading-page', '/uploading']];
  const member: [string, string][] = [
    ['home', '/'],
    ['torrents', '/torrents'],
    ['torrents-search', '/torrents?q=aurora&freeleech=1'],
    ['torrent', `/torrents/${s.torrentId}`],
    ['torrent-music', `/torrents/${s.otherTorrentId}`],
    ['invites', '/invites'],
    ['settings', '/settings'],
    ['profile-own', `/users/${MEMBER.username}`],
    ['profile-other', `/users/${UPLOADER.username}`],
    ['not-found', '/torrents/999999'],
    ['inbox', '/inbox'],
    ['messages', '/messages'],
    ['two-factor', '/two-factor'],
    ['api-tokens', '/settings/api-tokens'],
    ['rss', '/settings/rss'],
  ];
  if (role === 'member') return [...member, ['upload-refused', '/upload']];
  // The uploader's home lists their own torrents to seed; their profile, the uploads list.
  if (role === 'uploader') return [['upload', '/upload'], ['torrent-edit', `/torrents/${s.torrentId}/edit`], ['profile-own', `/users/${UPLOADER.username}`], ['home', '/']];
  return [
    ...member.filter(([name]) => !['profile-own'].includes(name)),
    ['profile-member', `/users/${MEMBER.username}`],
    ['torrent-deleted', `/torrents/${s.deletedTorrentId}`],
    ['admin', '/admin'],
    ['admin-members', '/admin/members'],
    ['admin-member', `/admin/members/${s.memberId}`],
    ['admin-audit', '/admin/audit'],
    ['admin-blacklist', '/admin/blacklist'],
    ['admin-invites', '/admin/invites'],
    ['admin-settings', '/admin/settings'],
    ['admin-categories', '/admin/categories'],
    ['admin-messages', '/admin/messages'],
    ['admin-news', '/admin/news'],
    ['admin-pages', '/admin/pages'],
    ['admin-torznab', '/admin/torznab'],
  ];
}

/** Visits each page at both sizes; returns the pages that scroll sideways, with by how much. */
async function sidewaysScrolls(site: RunningSite, context: BrowserContext, role: string, pages: [string, string][], photograph: boolean): Promise<string[]> {
  const failures: string[] = [];
  const page: Page = await context.newPage();
  for (const size of SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    for (const [name, url] of pages) {
      await page.emulateMedia({ colorScheme: 'light' });
      const res = await page.goto(`${site.url}${url}`);
      expect(res?.status(), `${role} ${url}`).toBeLessThan(['not-found', 'upload-refused'].includes(name) ? 500 : 400);
      const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
      if (scrollWidth !== clientWidth) failures.push(`${role} ${url} at ${size.width}px: scrollWidth ${scrollWidth} ≠ clientWidth ${clientWidth}`);
      if (!photograph) continue;
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        const file = `${role}-${name}-${size.name}-${scheme}.png`;
        await page.screenshot({ path: path.join(ARTIFACTS, file), fullPage: true });
        shots.push(file);
      }
    }
  }
  await page.close();
  return failures;
}

beforeAll(async () => {
  browser = await launchBrowser();
  mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  if (shots.length) writeFileSync(path.join(ARTIFACTS, 'every-page.txt'), `${shots.join('\n')}\n`);
});

describe.each(['sqlite', 'postgres'] as const)('every page on %s, with real data', (database) => {
  let site: RunningSite;
  let contexts: Record<'admin' | 'uploader' | 'member', BrowserContext>;
  let seeded: Seeded;

  beforeAll(async () => {
    site = await startSite({}, { database });
    createUserCli(site, ADMIN.username, ADMIN.password, 'admin');
    createUserCli(site, UPLOADER.username, UPLOADER.password, 'uploader');
    createUserCli(site, MEMBER.username, MEMBER.password, 'member');
    contexts = { admin: await logIn(site, ADMIN), uploader: await logIn(site, UPLOADER), member: await logIn(site, MEMBER) };
    seeded = await seed(site, contexts.admin, contexts.uploader, contexts.member);
  }, 240_000);

  afterAll(async () => {
    for (const c of Object.values(contexts ?? {})) await c.close();
    await site?.stop();
  });

  it('no page scrolls sideways at 360×740 or 1280×800, for a guest, a member, an uploader and staff', async () => {
    const photograph = database === 'sqlite';
    const guest = await browser.newContext();
    const failures = [
      ...(await sidewaysScrolls(site, guest, 'guest', pagesFor('guest', seeded), photograph)),
      ...(await sidewaysScrolls(site, contexts.member, 'member', pagesFor('member', seeded), photograph)),
      ...(await sidewaysScrolls(site, contexts.uploader, 'uploader', pagesFor('uploader', seeded), photograph)),
      ...(await sidewaysScrolls(site, contexts.admin, 'staff', pagesFor('staff', seeded), photograph)),
    ];
    await guest.close();
    expect(failures).toEqual([]);
  }, 600_000);
});
