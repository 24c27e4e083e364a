import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, logInAs, screenshot } from '../helpers/browser';
import { NFO_BYTES, solidPng } from '../helpers/images';
import { startSite, type RunningSite } from '../helpers/server';
import { createUserCli } from '../helpers/users';

const UPLOADER = { username: 'poster_maker', password: 'uploader-password' };
const MEMBER = { username: 'gallery_viewer', password: 'member-password' };

/** The files a member picks in the form: a real torrent from mktorrent, a poster, a screenshot, an NFO and a fake. */
function makeFiles() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'giveback-media-'));
  const content = path.join(dir, 'Polar Night Photographs');
  mkdirSync(content);
  writeFileSync(path.join(content, 'night.mkv'), Buffer.alloc(100_000, 5));
  const torrent = path.join(dir, 'polar.torrent');
  execFileSync('mktorrent', ['-a', 'http://unused.invalid/announce', '-l', '15', '-o', torrent, content], { stdio: 'ignore' });
  const files = {
    torrent,
    poster: path.join(dir, 'poster.png'),
    screenshot: path.join(dir, 'frame.png'),
    nfo: path.join(dir, 'polar.nfo'),
    fakePoster: path.join(dir, 'fake.png'),
  };
  writeFileSync(files.poster, solidPng(200, 300, [180, 40, 40]));
  writeFileSync(files.screenshot, solidPng(1280, 720, [40, 40, 180]));
  writeFileSync(files.nfo, NFO_BYTES);
  writeFileSync(files.fakePoster, '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
  return files;
}

const DESCRIPTION = ['Shot over a polar night.', '', '![The poster](poster)', '', '![Frame one](screenshot:1)', '', '![Tracking pixel](https://images.example.invalid/pixel.png)'].join('\n');

describe.each(['sqlite', 'postgres'] as const)('a torrent with a poster, a screenshot and an NFO, on %s', (database) => {
  let site: RunningSite;
  let browser: Browser;
  let page: Page;
  let torrentUrl = '';
  const requested: string[] = [];
  const files = makeFiles();

  beforeAll(async () => {
    site = await startSite({}, { database });
    createUserCli(site, UPLOADER.username, UPLOADER.password, 'uploader');
    createUserCli(site, MEMBER.username, MEMBER.password, 'member');
    browser = await launchBrowser();
    page = await logInAs(browser, site.url, UPLOADER.username, UPLOADER.password);
    page.on('request', (request) => requested.push(request.url()));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await site?.stop();
  });

  it('refuses a fake image next to its field, then uploads the torrent with its images and NFO through the form', async () => {
    await page.goto(`${site.url}/upload`);
    await page.getByLabel('Torrent file').setInputFiles(files.torrent);
    await expect.poll(() => page.getByTestId('preview-name').textContent()).toBe('Polar Night Photographs');
    await page.getByLabel('Category').selectOption({ label: 'Movies' });
    await page.getByLabel('Description').fill(DESCRIPTION);
    await page.getByLabel('Poster (optional)').setInputFiles(files.fakePoster);
    await page.getByLabel('Screenshots (optional)').setInputFiles([files.screenshot]);
    await page.getByLabel('NFO (optional)').setInputFiles(files.nfo);
    await page.getByRole('button', { name: 'Upload' }).click();
    await expect.poll(() => page.locator('#field-poster-error').textContent()).toBe('The poster is declared as PNG, but its contents are not a PNG image');
    expect(await page.getByRole('link', { name: 'Open the torrent page' }).count()).toBe(0);

    await page.getByLabel('Poster (optional)').setInputFiles(files.poster);
    await page.getByRole('button', { name: 'Upload' }).click();
    await expect.poll(() => page.getByRole('link', { name: 'Open the torrent page' }).count()).toBe(1);
    torrentUrl = (await page.getByRole('link', { name: 'Open the torrent page' }).getAttribute('href')) ?? '';
    expect(torrentUrl).toMatch(/^\/torrents\/\d+$/);
  });

  it('shows the poster, the screenshot, the images in the description and the NFO; an external image is never fetched', async () => {
    requested.length = 0;
    await page.goto(`${site.url}${torrentUrl}`);
    await page.waitForLoadState('networkidle');
    // Every image on the page is decoded (naturalWidth > 0): the poster, the gallery and the two in the description.
    const loaded = () => page.evaluate(() => [...document.images].map((img) => ({ alt: img.alt, ok: img.complete && img.naturalWidth > 0 })));
    await expect.poll(loaded).toEqual([
      { alt: 'Poster of Polar Night Photographs', ok: true },
      { alt: 'The poster', ok: true },
      { alt: 'Frame one', ok: true },
      { alt: 'Screenshot 1 of Polar Night Photographs', ok: true },
    ]);
    expect(await page.getByRole('link', { name: '[image: Tracking pixel]' }).getAttribute('href')).toBe('https://images.example.invalid/pixel.png');
    expect(await page.getByTestId('nfo').textContent()).toBe('╔══════╗\n║ GB   ║\n╚══════╝\n░▒▓█ Café\n');
    expect(await page.getByRole('link', { name: 'Download polar.nfo' }).getAttribute('href')).toBe(`${torrentUrl}/nfo`);
    const siteHost = new URL(site.url).host;
    expect(requested.filter((url) => !url.startsWith('data:') && new URL(url).host !== siteHost)).toEqual([]);
    expect(requested.some((url) => url.includes('/images/'))).toBe(true);
    if (database === 'sqlite') await screenshot(page, 'torrent-with-images');

    await page.setViewportSize({ width: 360, height: 740 });
    await page.reload();
    await page.waitForLoadState('networkidle');
    const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    expect(widths.scroll).toBe(widths.client);
    const screenshotWidth = await page.getByRole('img', { name: 'Screenshot 1 of Polar Night Photographs' }).evaluate((img) => img.getBoundingClientRect().width);
    expect(screenshotWidth).toBeLessThanOrEqual(360);
    if (database === 'sqlite') await screenshot(page, 'torrent-with-images-phone');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('serves the images to members with their type and headers, and refuses a guest', async () => {
    const src = (await page.getByRole('img', { name: 'Poster of Polar Night Photographs' }).getAttribute('src')) ?? '';
    expect(src).toMatch(new RegExp(`^${torrentUrl}/images/[0-9a-f]{64}$`));
    const member = await logInAs(browser, site.url, MEMBER.username, MEMBER.password);
    const seen = await member.request.get(`${site.url}${src}`);
    expect(seen.status()).toBe(200);
    expect(seen.headers()['content-type']).toBe('image/png');
    expect(seen.headers()['x-content-type-options']).toBe('nosniff');
    expect(seen.headers()['content-security-policy']).toBe("default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox");
    expect(seen.headers()['cache-control']).toBe('private, max-age=31536000, immutable');
    await member.context().close();

    const guest = await browser.newContext();
    const refused = await guest.request.get(`${site.url}${src}`);
    expect({ status: refused.status(), text: await refused.text() }).toEqual({ status: 401, text: 'Please log in to see this.' });
    const nfo = await guest.request.get(`${site.url}${torrentUrl}/nfo`);
    expect(nfo.status()).toBe(401);
    await guest.close();
  });

  it('the uploader removes the screenshot on the edit page after a fake one is refused next to its field', async () => {
    await page.goto(`${site.url}${torrentUrl}/edit`);
    await page.getByLabel('Add screenshots').setInputFiles([files.fakePoster]);
    await page.getByLabel('Remove screenshot 1').check();
    await page.getByRole('button', { name: 'Save images and NFO' }).click();
    await expect.poll(() => page.locator('#field-screenshots-error').textContent()).toBe('Screenshot fake.png is declared as PNG, but its contents are not a PNG image');
    await page.goto(`${site.url}${torrentUrl}`);
    expect(await page.getByRole('heading', { name: 'Screenshots (1)' }).count()).toBe(1);

    await page.goto(`${site.url}${torrentUrl}/edit`);
    await page.getByLabel('Remove screenshot 1').check();
    await page.getByRole('button', { name: 'Save images and NFO' }).click();
    await expect.poll(() => page.getByText('Images and NFO saved.').count()).toBe(1);
    await page.goto(`${site.url}${torrentUrl}`);
    expect(await page.getByRole('heading', { name: /^Screenshots/ }).count()).toBe(0);
    // The description's reference to the removed screenshot now names it as text; nothing else is loaded.
    expect(await page.getByTestId('description').textContent()).toContain('[image: Frame one]');
    expect(await page.getByTestId('poster').count()).toBe(1);
  });
});
