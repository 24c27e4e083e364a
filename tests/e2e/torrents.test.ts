import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decode } from '@/lib/bencode';
import { darkScreenshot, launchBrowser, phoneScreenshot, screenshot } from '../helpers/browser';
import { ROOT, startSite, type RunningSite } from '../helpers/server';
import { createUserCli } from '../helpers/users';

const UPLOADER = { username: 'uploader', password: 'uploader-password' };
let site: RunningSite;
let browser: Browser;
let page: Page;
let torrentFile = '';

function count(table: string): number {
  const conn = new Database(path.join(site.dataDir, 'giveback.db'), { readonly: true });
  try {
    return (conn.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    conn.close();
  }
}

/** A real multi-file torrent from mktorrent (Debian), over a payload made here. */
function makeTorrent(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'giveback-payload-'));
  const content = path.join(dir, 'Aurora Borealis Timelapse');
  mkdirSync(path.join(content, 'extras'), { recursive: true });
  writeFileSync(path.join(content, 'aurora-timelapse.mkv'), Buffer.alloc(300_000, 7));
  writeFileSync(path.join(content, 'extras', 'making-of-northernlights.txt'), 'how it was filmed\n'.repeat(500));
  writeFileSync(path.join(content, 'readme.nfo'), 'nfo');
  const out = path.join(dir, 'aurora.torrent');
  execFileSync('mktorrent', ['-a', 'http://other-tracker.invalid/announce', '-l', '15', '-c', 'filmed in 2026', '-o', out, content], { stdio: 'ignore' });
  return out;
}

/** POSTs a file to the upload endpoint from the logged-in page, as the upload form does. */
async function apiUpload(bytes: Buffer, fields: Record<string, string> = {}) {
  return page.evaluate(
    async ({ data, fields }) => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(data)]), 'x.torrent');
      for (const [k, v] of Object.entries({ title: 'Fixture', categoryId: '7', tags: '', description: '', ...fields })) form.append(k, v);
      const res = await fetch('/api/torrents', { method: 'POST', body: form });
      return { status: res.status, body: (await res.json()) as Record<string, string> };
    },
    { data: [...bytes], fields },
  );
}

beforeAll(async () => {
  site = await startSite();
  createUserCli(site, UPLOADER.username, UPLOADER.password, 'uploader');
  torrentFile = makeTorrent();
  browser = await launchBrowser();
  page = await (await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } })).newPage();
  await page.goto(`${site.url}/login`);
  await page.getByLabel('Username').fill(UPLOADER.username);
  await page.getByLabel('Password').fill(UPLOADER.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(`${site.url}/`);
});

afterAll(async () => {
  await browser?.close();
  await site?.stop();
});

describe('torrents in a real browser', () => {
  let torrentUrl = '';

  it('an uploader previews a mktorrent torrent, uploads it and is told to seed the site copy', async () => {
    await page.goto(`${site.url}/upload`);
    await page.getByLabel('Torrent file').setInputFiles(torrentFile);
    await expect.poll(() => page.getByTestId('preview-name').textContent()).toBe('Aurora Borealis Timelapse');
    expect(await page.getByTestId('preview-version').textContent()).toBe('BitTorrent v1');
    expect(await page.getByLabel('Title').inputValue()).toBe('Aurora Borealis Timelapse');
    await page.getByLabel('Category').selectOption({ label: 'Movies' });
    await page.getByLabel('Tags').fill('timelapse, nature');
    await page.getByLabel('Description').fill('Filmed **north** of the circle. <script>alert(1)</script> [site](https://example.org)');
    await screenshot(page, 'upload-preview');
    await page.getByRole('button', { name: 'Upload' }).click();
    await expect.poll(() => page.getByText("Download the site's copy and seed from it.").count()).toBe(1);
    await screenshot(page, 'upload-done');
    torrentUrl = (await page.getByRole('link', { name: 'Open the torrent page' }).getAttribute('href')) ?? '';
    expect(torrentUrl).toMatch(/^\/torrents\/\d+$/);
  });

  it('finds it by browsing and by searching a file name', async () => {
    await page.goto(`${site.url}/torrents`);
    await expect.poll(() => page.getByRole('link', { name: 'Aurora Borealis Timelapse' }).count()).toBe(1);
    await screenshot(page, 'browse');
    await phoneScreenshot(page, 'browse');
    await darkScreenshot(page, 'browse');
    await page.getByLabel('Search').fill('northernlights');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/q=northernlights/);
    await expect.poll(() => page.getByRole('link', { name: 'Aurora Borealis Timelapse' }).count()).toBe(1);
    await page.getByLabel('Search').fill('nosuchword');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/q=nosuchword/);
    await expect.poll(() => page.getByText('No torrents match.').count()).toBe(1);
    await page.goto(`${site.url}/torrents?tags=nature&category=movies`);
    await expect.poll(() => page.getByRole('link', { name: 'Aurora Borealis Timelapse' }).count()).toBe(1);
  });

  it('opens its page and downloads a personal copy with the same infohash', async () => {
    await page.goto(`${site.url}${torrentUrl}`);
    const shownHash = (await page.getByTestId('infohash-v1').textContent()) ?? '';
    expect(shownHash).toMatch(/^[0-9a-f]{40}$/);
    expect(await page.getByTestId('file-tree').textContent()).toContain('making-of-northernlights.txt');
    const description = await page.locator('section', { hasText: 'Description' }).innerHTML();
    expect(description).toContain('<strong>north</strong>');
    expect(description).not.toContain('<script>');
    await screenshot(page, 'torrent-page');
    await phoneScreenshot(page, 'torrent-page');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download .torrent' }).click()]);
    expect(download.suggestedFilename()).toBe('[Giveback] Aurora Borealis Timelapse.torrent');
    const bytes = readFileSync((await download.path())!);
    const decoded = decode(new Uint8Array(bytes));
    if (!decoded.ok || !(decoded.value instanceof Map) || !decoded.infoSpan) throw new Error('personal copy is not a torrent');
    const info = decoded.value.get('info') as Map<string, unknown>;
    expect(info.get('private')).toBe(1n);
    expect(new TextDecoder().decode(info.get('source') as Uint8Array)).toBe('Giveback');
    expect(decoded.value.has('announce-list')).toBe(false);
    expect(new TextDecoder().decode(decoded.value.get('comment') as Uint8Array)).toBe('filmed in 2026');

    await page.goto(`${site.url}/settings`);
    const passkey = await page.getByTestId('passkey').textContent();
    expect(new TextDecoder().decode(decoded.value.get('announce') as Uint8Array)).toBe(`${site.url}/announce?passkey=${passkey}`);
    const sha1 = createHash('sha1').update(bytes.subarray(decoded.infoSpan.start, decoded.infoSpan.end)).digest('hex');
    expect(sha1).toBe(shownHash);
    expect(count('TorrentDownload')).toBe(1);
  });

  it.each([
    ['v2-multi.torrent', 'BitTorrent v2', ['infohash-v2', 'infohash-v2-short'], ['infohash-v1']],
    ['hybrid-multi.torrent', 'Hybrid v1 + v2', ['infohash-v1', 'infohash-v2', 'infohash-v2-short'], []],
  ])('uploads the %s fixture (made with libtorrent) and shows its hashes', async (file, format, shown, absent) => {
    const result = await apiUpload(readFileSync(path.join(ROOT, 'tests/fixtures/torrents', file)), { title: file });
    expect(result.status).toBe(201);
    await page.goto(`${site.url}${result.body.url}`);
    expect(await page.getByTestId('torrent-format').textContent()).toBe(format);
    for (const id of shown) expect(await page.getByTestId(id).textContent()).toMatch(/^[0-9a-f]{40}([0-9a-f]{24})?$/);
    for (const id of absent) expect(await page.getByTestId(id).count()).toBe(0);
    expect(await page.getByTestId('infohash-v2').textContent()).toBe(result.body.infoHashV2);
    expect(await page.getByTestId('infohash-v2-short').textContent()).toBe(result.body.infoHashV2!.slice(0, 40));
    await screenshot(page, `torrent-${file.replace('.torrent', '')}`);
  });

  it('refuses bad uploads with a clear status and message, writing nothing', async () => {
    const before = count('Torrent');
    const original = readFileSync(torrentFile);
    const cases: [string, Buffer, number, string][] = [
      ['the 8 bytes that crash npm bencode', Buffer.from('l-3:abce'), 400, 'Invalid bencode at byte 1: string length cannot be negative'],
      ['an empty file', Buffer.alloc(0), 400, 'The file is empty'],
      ['trailing bytes', Buffer.concat([original, Buffer.from('x')]), 400, 'unexpected byte after the end of the data'],
      ['html', Buffer.from('<html></html>'), 400, 'Invalid bencode at byte 0'],
      ['a duplicate', original, 409, 'This torrent is already on the site'],
    ];
    for (const [name, bytes, status, message] of cases) {
      const result = await apiUpload(bytes);
      expect(result.status, name).toBe(status);
      expect(result.body.error, name).toContain(message);
    }
    const dup = await apiUpload(original);
    expect(dup.body.existing).toMatch(/^\/torrents\/\d+$/);
    expect(count('Torrent')).toBe(before);
  });

  it('refuses a file over the size cap with 413 before reading it all', async () => {
    const status = await page.evaluate(async () => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(11 * 1024 * 1024)]), 'big.torrent');
      const res = await fetch('/api/torrents', { method: 'POST', body: form });
      return { status: res.status, body: await res.json() };
    });
    expect(status).toEqual({ status: 413, body: { error: 'The file is larger than 10 MiB', field: 'file' } });
  });

  it('shows a bad file next to the field in the upload form', async () => {
    const bad = path.join(mkdtempSync(path.join(os.tmpdir(), 'giveback-bad-')), 'bad.torrent');
    writeFileSync(bad, 'd4:infod6:lengthi-5e4:name1:x12:piece lengthi3e6:pieces0:ee');
    await page.goto(`${site.url}/upload`);
    await page.getByLabel('Torrent file').setInputFiles(bad);
    await expect.poll(() => page.locator('#field-file-error').textContent()).toMatch(/piece length|length/);
    await screenshot(page, 'upload-bad-file');
  });
});
