import { execFileSync, spawnSync } from 'node:child_process';
import { announceUrl } from '@/lib/auth/passkey';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import Parser from 'rss-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAria2 } from '../helpers/aria2';
import { launchBrowser, phoneScreenshot, screenshot } from '../helpers/browser';
import { freePort, ROOT, siteEnv, startSite, type RunningSite } from '../helpers/server';
import { TrackerRows } from '../helpers/tracker-harness';
import { createUserCli } from '../helpers/users';
import { waitFor } from '../helpers/wait';

const PAYLOAD_BYTES = 3 * 1024 * 1024 + 4_321;
const UPLOADER = { username: 'feeduploader', password: 'uploader-password' };
const READER = { username: 'feedreader', password: 'reader-password' };

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe.each(['sqlite', 'postgres'] as const)('automation on %s: API tokens, the JSON API, RSS and a real client', (database) => {
  let site: RunningSite;
  let rows: TrackerRows;
  const stops: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    site = await startSite({}, { database });
    rows = new TrackerRows(site.databaseUrl);
    createUserCli(site, UPLOADER.username, UPLOADER.password, 'uploader');
    createUserCli(site, READER.username, READER.password, 'member');
  });
  afterAll(async () => {
    for (const stop of stops.reverse()) await stop();
    await rows?.close();
    await site?.stop();
  });

  function tokenCli(username: string, scopes: string): string {
    const made = spawnSync('npm', ['run', '--silent', 'token:create', '--', '--username', username, '--scopes', scopes], {
      cwd: ROOT,
      env: siteEnv(site.dataDir, site.port, { DATABASE_URL: site.databaseUrl }),
      encoding: 'utf8',
    });
    expect(made.stderr).toBe('');
    return made.stdout.trim();
  }

  it("a feed reader parses the member's feed, its enclosure gives aria2 a .torrent that joins the swarm, and the bytes are credited to the feed's owner", async () => {
    const work = mkdtempSync(path.join(os.tmpdir(), 'giveback-rss-'));
    stops.push(async () => rmSync(work, { recursive: true, force: true }));
    const seedDir = path.join(work, 'seed');
    const leechDir = path.join(work, 'leech');
    mkdirSync(path.join(seedDir, 'Night Sounds'), { recursive: true });
    mkdirSync(leechDir);
    writeFileSync(path.join(seedDir, 'Night Sounds', 'owls.flac'), randomBytes(PAYLOAD_BYTES));
    const original = path.join(work, 'original.torrent');
    execFileSync('mktorrent', ['-a', 'http://unused.invalid/announce', '-l', '16', '-o', original, path.join(seedDir, 'Night Sounds')], { stdio: 'ignore' });

    // The uploader's script: a token from the operator's command, an upload and a download through the JSON API.
    const token = tokenCli(UPLOADER.username, 'upload,download');
    expect(token).toMatch(/^gb_/);
    const form = new FormData();
    form.set('file', new Blob([readFileSync(original)]), 'original.torrent');
    form.set('title', 'Night Sounds');
    form.set('categoryId', '3');
    form.set('tags', 'flac');
    const uploaded = await fetch(`${site.url}/api/v1/torrents`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    expect(uploaded.status).toBe(201);
    const { id, downloadUrl } = (await uploaded.json()) as { id: number; downloadUrl: string };
    const seederCopy = await fetch(downloadUrl, { headers: { authorization: `Bearer ${token}` } });
    expect(seederCopy.status).toBe(200);
    const seederTorrent = path.join(work, 'seeder.torrent');
    writeFileSync(seederTorrent, Buffer.from(await seederCopy.arrayBuffer()));

    // The reader builds a feed URL on the settings page, and makes and revokes a token there.
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${site.url}/login`);
    await page.getByLabel('Username').fill(READER.username);
    await page.getByLabel('Password').fill(READER.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(`${site.url}/`);
    await page.getByRole('link', { name: 'Automation' }).click();
    await page.getByLabel('Name').fill('Prowlarr');
    await page.getByRole('button', { name: 'Create token' }).click();
    const secret = await page.getByTestId('new-token').inputValue();
    expect(secret).toMatch(/^gb_[A-Za-z0-9_-]{43}$/);
    const me = await fetch(`${site.url}/api/v1/torrents`, { headers: { authorization: `Bearer ${secret}` } });
    expect(me.status).toBe(200);
    await page.reload();
    await expect.poll(() => page.getByTestId('token-list').innerText()).toMatch(/Prowlarr gb_.{4}… \(active\)[\s\S]*Scopes: read[\s\S]*last used .* from 127\.0\.0\.1/);
    await screenshot(page, `automation-${database}-tokens`);
    await phoneScreenshot(page, `automation-${database}-tokens-phone`);
    await page.getByRole('button', { name: 'Revoke…' }).click();
    await page.getByRole('button', { name: 'Yes, revoke' }).click();
    await expect.poll(() => page.getByTestId('token-list').innerText()).toContain('(revoked');
    const revoked = await fetch(`${site.url}/api/v1/torrents`, { headers: { authorization: `Bearer ${secret}` } });
    expect([revoked.status, await revoked.json()]).toEqual([401, { error: { code: 'UNAUTHORIZED', message: 'This API token was revoked' } }]);

    await page.goto(`${site.url}/settings/rss`);
    await page.getByLabel('Category').selectOption('music');
    await page.getByLabel('Tags').fill('flac');
    const feedUrl = await page.getByTestId('rss-url').inputValue();
    expect(feedUrl).toMatch(new RegExp(`^${site.url}/rss/[0-9a-f]{32}\\?category=music&tags=flac$`));
    await screenshot(page, `automation-${database}-rss`);
    await phoneScreenshot(page, `automation-${database}-rss-phone`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await context.close();

    // A real feed reader fetches the feed and its enclosure, with no session.
    const feed = await new Parser().parseURL(feedUrl);
    expect(feed.items.map((i) => i.title)).toEqual(['Night Sounds']);
    const item = feed.items[0]!;
    expect(item.categories).toEqual(['Music']);
    const enclosure = await fetch(item.enclosure!.url);
    expect(enclosure.status).toBe(200);
    const readerTorrent = path.join(work, 'reader.torrent');
    writeFileSync(readerTorrent, Buffer.from(await enclosure.arrayBuffer()));

    const reader = await rows.get<{ id: bigint; passkey: string }>('SELECT "id", "passkey" FROM "User" WHERE "usernameKey" = ?', READER.username);
    expect(readFileSync(readerTorrent, 'latin1')).toContain(announceUrl(site.url, reader!.passkey));

    const seeder = startAria2({ torrent: seederTorrent, dir: seedDir, port: await freePort(), seedForever: true, announceEverySeconds: 2 });
    stops.push(seeder.stop);
    await waitFor(async () => (await rows.count('Peer', '"seeder" = ?', true)) === 1, 'the seeder to announce');
    const leecher = startAria2({ torrent: readerTorrent, dir: leechDir, port: await freePort(), seedForever: true, announceEverySeconds: 2 });
    stops.push(leecher.stop);
    await waitFor(async () => (await rows.torrentRow(id)).snatches === 1n, 'the snatch', 120_000).catch((error: unknown) => {
      throw new Error(`${String(error)}\nleecher:\n${leecher.output().slice(-1500)}\nseeder:\n${seeder.output().slice(-1500)}`);
    });
    expect(statSync(path.join(leechDir, 'Night Sounds', 'owls.flac')).size).toBe(PAYLOAD_BYTES);
    await leecher.stop();
    await seeder.stop();
    await waitFor(async () => (await rows.count('Peer')) === 0, 'both clients to announce stopped');
    // The feed's owner is credited what their client downloaded (the payload, and at most a few re-requested
    // blocks more); the uploader is credited the upload.
    await waitFor(async () => (await rows.userTotals(Number(reader!.id))).downloaded >= BigInt(PAYLOAD_BYTES), "the reader's download to be credited");
    expect(Number((await rows.userTotals(Number(reader!.id))).downloaded)).toBeLessThan(PAYLOAD_BYTES * 1.05);
    const uploaderRow = await rows.get<{ id: bigint }>('SELECT "id" FROM "User" WHERE "usernameKey" = ?', UPLOADER.username);
    expect(Number((await rows.userTotals(Number(uploaderRow!.id))).uploaded)).toBeGreaterThanOrEqual(PAYLOAD_BYTES);
    expect(await rows.count('TorrentDownload', '"userId" = ? AND "torrentId" = ?', Number(reader!.id), id)).toBe(1);
    // Neither the tokens nor the RSS key reach the site's log.
    const rssKey = /\/rss\/([0-9a-f]{32})/.exec(feedUrl)![1]!;
    for (const secretValue of [token, secret, rssKey]) expect(site.output()).not.toContain(secretValue);
  });
});
