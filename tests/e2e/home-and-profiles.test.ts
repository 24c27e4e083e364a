import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, logInAs, screenshot } from '../helpers/browser';
import { clientGet } from '../helpers/client-get';
import { startSite, type RunningSite } from '../helpers/server';
import { createUserCli } from '../helpers/users';
import { waitFor } from '../helpers/wait';

/**
 * The member's home page (standing, what to seed), a profile's uploads list under its owner's paranoia setting, and
 * the staff dashboard's announces per minute, on a site started as the quick start does (one process), on SQLite
 * and on PostgreSQL.
 */
const ADMIN = { username: 'root', password: 'root-password' };
const UPLOADER = { username: 'uploader', password: 'uploader-password' };
const MEMBER = { username: 'member', password: 'member-password' };
const SNATCHED = 'Aurora Timelapse Over Tromso 2160p';
const OTHER = 'Midnight Sun Sessions FLAC';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

function makeTorrent(name: string): Buffer {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'giveback-home-'));
  writeFileSync(path.join(dir, `${name}.mkv`), Buffer.alloc(100_000, name.length));
  const out = path.join(dir, 'out.torrent');
  execFileSync('mktorrent', ['-a', 'http://unused.invalid/announce', '-l', '15', '-o', out, path.join(dir, `${name}.mkv`)], { stdio: 'ignore' });
  return readFileSync(out);
}

async function upload(site: RunningSite, context: BrowserContext, title: string): Promise<{ id: number; infoHashV1: string }> {
  const res = await context.request.post(`${site.url}/api/torrents`, {
    headers: { origin: site.url },
    multipart: { file: { name: 'x.torrent', mimeType: 'application/x-bittorrent', buffer: makeTorrent(title) }, title, categoryId: '1', tags: '', description: '' },
  });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as { id: number; infoHashV1: string };
}

/** Announces as a client does, with the passkey of the member's own downloaded .torrent. */
async function announcer(site: RunningSite, context: BrowserContext, torrent: { id: number; infoHashV1: string }) {
  const file = await context.request.get(`${site.url}/torrents/${torrent.id}/download`);
  expect(file.status()).toBe(200);
  const passkey = /passkey=([0-9a-f]{32})|\/tracker\/([0-9a-f]{32})\/announce/.exec((await file.body()).toString('latin1'))!.slice(1).find(Boolean)!;
  const infoHash = torrent.infoHashV1.replace(/../g, (b) => `%${b}`);
  return async (left: number, event: string) => {
    const res = await clientGet(`${site.url}/tracker/${passkey}/announce?info_hash=${infoHash}&peer_id=-AR1360-000000051414&port=51414&uploaded=0&downloaded=0&left=${left}&compact=1&event=${event}`);
    expect(res.body.toString('latin1')).not.toContain('failure reason');
  };
}

async function staffPost(site: RunningSite, context: BrowserContext, route: string, form: Record<string, string>) {
  const res = await context.request.post(`${site.url}${route}`, { headers: { origin: site.url }, multipart: form });
  expect(res.status(), `${route}: ${await res.text()}`).toBe(200);
}

describe.each(['sqlite', 'postgres'] as const)('home page, profiles and the announce chart on %s', (database) => {
  let site: RunningSite;
  let admin: Page;
  let uploader: Page;
  let member: Page;
  let snatched: { id: number; infoHashV1: string };

  beforeAll(async () => {
    site = await startSite({}, { database });
    createUserCli(site, ADMIN.username, ADMIN.password, 'admin');
    createUserCli(site, UPLOADER.username, UPLOADER.password, 'uploader');
    createUserCli(site, MEMBER.username, MEMBER.password, 'member');
    [admin, uploader, member] = await Promise.all([
      logInAs(browser, site.url, ADMIN.username, ADMIN.password),
      logInAs(browser, site.url, UPLOADER.username, UPLOADER.password),
      logInAs(browser, site.url, MEMBER.username, MEMBER.password),
    ]);
    snatched = await upload(site, uploader.context(), SNATCHED);
    await upload(site, uploader.context(), OTHER);
    // The member downloads the first torrent to the end and stops: a snatch they no longer seed.
    const announce = await announcer(site, member.context(), snatched);
    await announce(100_000, 'started');
    await announce(0, 'completed');
    await announce(0, 'stopped');
    // Staff set the member's totals: 4 GiB up, 20 GiB down puts them on ratio watch (required 0.30).
    await admin.goto(`${site.url}/admin/members`);
    const href = await admin.getByRole('link', { name: MEMBER.username, exact: true }).getAttribute('href');
    await staffPost(site, admin.context(), `${href}/adjust`, { field: 'downloaded', mode: 'set', amount: '20', unit: 'GiB', reason: 'Testing the home page' });
    await staffPost(site, admin.context(), `${href}/adjust`, { field: 'uploaded', mode: 'set', amount: '4', unit: 'GiB', reason: 'Testing the home page' });
  }, 240_000);

  afterAll(async () => {
    for (const page of [admin, uploader, member]) await page?.context().close();
    await site?.stop();
  });

  it("shows the member's standing and the snatch they no longer seed, with its download link", async () => {
    await waitFor(async () => {
      await member.goto(`${site.url}/`);
      return (await member.getByRole('list', { name: 'What to seed' }).getByRole('link', { name: SNATCHED }).count()) === 1;
    }, 'the snatch among what to seed', 30_000);
    await expect.poll(() => member.getByTestId('home-ratio').textContent()).toBe('0.20');
    expect(await member.getByTestId('home-required').textContent()).toBe('0.30');
    expect(await member.getByTestId('home-uploaded').textContent()).toBe('4.00 GiB');
    expect(await member.getByTestId('home-downloaded').textContent()).toBe('20.00 GiB');
    expect(await member.getByTestId('home-watch').textContent()).toMatch(/^until /);
    expect(await member.getByTestId('home-to-upload').textContent()).toBe('2.00 GiB');
    expect(await member.getByText('To upload to leave the watch').count()).toBe(1);
    const item = member.getByRole('list', { name: 'What to seed' }).getByRole('listitem').filter({ hasText: SNATCHED });
    expect(await item.getByText('You downloaded it and are not seeding it; no seeders.').count()).toBe(1);
    expect(await item.getByRole('link', { name: 'Download .torrent' }).getAttribute('href')).toBe(`/torrents/${snatched.id}/download`);
    // Latest torrents: the newest first.
    expect(await member.getByRole('list', { name: 'Latest torrents' }).getByRole('link').allTextContents()).toEqual([OTHER, SNATCHED]);
    // The uploader seeds neither of their torrents: both are theirs to seed.
    await uploader.goto(`${site.url}/`);
    expect(await uploader.getByRole('list', { name: 'What to seed' }).getByText('You uploaded it and are not seeding it; no seeders.').count()).toBe(2);
    if (database === 'sqlite') await screenshot(member, 'home-member');
  });

  it("shows another member's uploads and statistics but not their activity, and hides what the member unticks (staff still see it)", async () => {
    const profile = `${site.url}/users/${UPLOADER.username}`;
    await member.goto(profile);
    expect(await member.getByRole('heading', { name: 'Uploads (2)' }).count()).toBe(1);
    expect(await member.getByRole('list', { name: 'Uploads' }).getByRole('link').allTextContents()).toEqual([OTHER, SNATCHED]);
    expect(await member.getByTestId('profile-uploaded').count()).toBe(1);
    expect(await member.getByTestId('activity-hidden').textContent()).toBe('uploader keeps what they seed and snatch private.');

    await uploader.goto(`${site.url}/settings`);
    await uploader.getByLabel('My uploads list').uncheck();
    await uploader.getByLabel('My statistics').uncheck();
    await uploader.getByRole('button', { name: 'Save privacy' }).click();
    await expect.poll(() => uploader.getByText('Saved: your profile shows other members what you ticked.').count()).toBe(1);
    await uploader.goto(profile);
    expect(await uploader.getByTestId('privacy-note').textContent()).toBe(
      'Other members see none of your uploads, statistics or activity. Staff see everything. Change it in your settings.',
    );

    await member.goto(profile);
    expect(await member.getByTestId('uploads-hidden').textContent()).toBe('uploader keeps their uploads list private.');
    expect(await member.getByTestId('profile-statistics').textContent()).toBe('Hidden by uploader');
    expect(await member.getByTestId('profile-uploaded').count()).toBe(0);
    expect(await member.getByRole('list', { name: 'Uploads' }).count()).toBe(0);
    // Nor does the torrent list's uploader filter list them.
    await member.goto(`${site.url}/torrents?uploader=${UPLOADER.username}`);
    expect(await member.getByRole('status').filter({ hasText: 'torrent' }).first().textContent()).toBe('0 torrents');
    if (database === 'sqlite') await screenshot(member, 'profile-paranoia-member');

    await admin.goto(profile);
    expect(await admin.getByRole('heading', { name: 'Uploads (2)' }).count()).toBe(1);
    expect(await admin.getByTestId('profile-uploaded').count()).toBe(1);
  });

  it('charts the announces the tracker answered on the staff dashboard', async () => {
    // The member's three announces; the tracker stores its counts every 10 seconds.
    await waitFor(async () => {
      await admin.goto(`${site.url}/admin`);
      return (await admin.getByTestId('dash-announces-last-hours').textContent()) === '3';
    }, 'three announces on the dashboard', 40_000);
    const chart = admin.locator('figure[data-chart="Announces per minute, last 24 hours"]');
    expect(await chart.getAttribute('data-points')).toBe('144');
    const tips = await chart.locator('[data-point] title').allTextContents();
    const busiest = tips.map((t) => Number(/busiest minute: (\d+)$/.exec(t)?.[1] ?? 0)).filter((n) => n > 0);
    expect(busiest.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
    expect(busiest.every((n) => n <= 3)).toBe(true);
    if (database === 'sqlite') await screenshot(admin, 'dashboard-announces');
  });
});
