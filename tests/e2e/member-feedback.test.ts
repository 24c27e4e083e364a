import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from '../helpers/browser';
import { startSite, type RunningSite } from '../helpers/server';
import { createUserCli } from '../helpers/users';
import { waitFor } from '../helpers/wait';

/** What members and staff notice on the pages: titles, refusals that explain themselves, confirmations, feedback. */

const ADMIN = { username: 'root', password: 'root-password' };
const UPLOADER = { username: 'uploader', password: 'uploader-password' };
const TITLE = 'Aurora.Borealis.Timelapse.2026.2160p.WEB-DL-GROUP';
let browser: Browser;

async function logIn(site: RunningSite, user: { username: string; password: string }, width = 1280): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${site.url}/login`);
  await page.getByLabel('Username').fill(user.username);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(`${site.url}/`);
  return page;
}

function makeTorrent(name: string): Buffer {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'giveback-feedback-'));
  mkdirSync(path.join(dir, name));
  writeFileSync(path.join(dir, name, 'video.mkv'), Buffer.alloc(100_000, name.length));
  const out = path.join(dir, 'out.torrent');
  execFileSync('mktorrent', ['-a', 'http://unused.invalid/announce', '-l', '15', '-o', out, path.join(dir, name)], { stdio: 'ignore' });
  return readFileSync(out);
}

async function upload(site: RunningSite, context: BrowserContext, title: string, description = ''): Promise<number> {
  const res = await context.request.post(`${site.url}/api/torrents`, {
    headers: { origin: site.url },
    multipart: { file: { name: 'x.torrent', mimeType: 'application/x-bittorrent', buffer: makeTorrent(title) }, title, categoryId: '1', tags: '', description },
  });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { id: number }).id;
}

async function staffPost(site: RunningSite, context: BrowserContext, route: string, form: Record<string, string>) {
  const res = await context.request.post(`${site.url}${route}`, { headers: { origin: site.url }, multipart: form });
  expect(res.status(), `${route}: ${await res.text()}`).toBe(200);
}

async function memberId(site: RunningSite, admin: Page, username: string): Promise<number> {
  await admin.goto(`${site.url}/admin/members`);
  const href = await admin.getByRole('link', { name: username, exact: true }).getAttribute('href');
  return Number(/(\d+)$/.exec(href ?? '')![1]);
}

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe.each(['sqlite', 'postgres'] as const)('what members and staff see, on %s', (database) => {
  let site: RunningSite;
  let admin: Page;
  let uploader: Page;
  let torrentId = 0;
  let invite = '';
  const shot = (page: Page, name: string) => (database === 'sqlite' ? screenshot(page, `feedback-${name}`) : Promise.resolve());

  beforeAll(async () => {
    site = await startSite({}, { database });
    createUserCli(site, ADMIN.username, ADMIN.password, 'admin');
    createUserCli(site, UPLOADER.username, UPLOADER.password, 'uploader');
    admin = await logIn(site, ADMIN);
    uploader = await logIn(site, UPLOADER);
    torrentId = await upload(site, uploader.context(), TITLE, '# Release notes\n\n> Filmed over three winters.\n\n| Track | Length |\n| --- | --- |\n| Aurora | 12:04 |\n\n```\nffprobe aurora.mkv\n```');
    await upload(site, uploader.context(), 'Midnight Sun Sessions');
  }, 180_000);

  afterAll(async () => {
    await site?.stop();
  });

  it('each page has a title of its own, the torrent page the torrent’s title, and the site a favicon', async () => {
    await uploader.goto(`${site.url}/torrents/${torrentId}`);
    expect(await uploader.title()).toBe(`${TITLE} · Giveback`);
    await uploader.goto(`${site.url}/torrents/${torrentId}/edit`);
    expect(await uploader.title()).toBe(`Edit ${TITLE} · Giveback`);
    await uploader.goto(`${site.url}/torrents?q=aurora`);
    expect(await uploader.title()).toBe('Torrents matching “aurora” · Giveback');
    const icon = await uploader.locator('link[rel="icon"]').first().getAttribute('href');
    expect(icon).toMatch(/^\/icon\.svg/);
    expect((await uploader.request.get(`${site.url}${icon}`)).headers()['content-type']).toContain('image/svg+xml');
  });

  it('a description’s Markdown is styled, with its headings below the page’s only h1', async () => {
    await uploader.goto(`${site.url}/torrents/${torrentId}`);
    expect(await uploader.locator('h1').count()).toBe(1);
    const description = uploader.getByTestId('description');
    expect(await description.locator('h3').textContent()).toBe('Release notes');
    expect(await description.locator('.md-table table th').allTextContents()).toEqual(['Track', 'Length']);
    expect(await description.locator('blockquote').evaluate((e) => getComputedStyle(e).borderLeftWidth)).toBe('4px');
    expect(await description.locator('th').first().evaluate((e) => getComputedStyle(e).fontWeight)).toBe('600');
  });

  it('invites list their link with copy and revoke after a reload; revoking asks first', async () => {
    await admin.goto(`${site.url}/invites`);
    await admin.getByRole('button', { name: 'Create invite' }).click();
    await waitFor(async () => (await admin.getByTestId('invite-link').count()) === 1, 'the first invite');
    const first = await admin.getByTestId('invite-link').textContent();
    await admin.getByRole('button', { name: 'Create invite' }).click();
    // The form shows the newest link: once it changed, the second invite exists (a reload before would lose it).
    await waitFor(async () => (await admin.getByTestId('invite-link').textContent()) !== first, 'the second invite');
    await admin.reload();
    const links = admin.getByTestId('invite-list-link');
    expect(await links.count()).toBe(2);
    invite = (await links.nth(0).textContent())!;
    const revoked = (await links.nth(1).textContent())!;
    expect(invite).toMatch(new RegExp(`^${site.url}/register\\?invite=[0-9a-f]{32}$`));
    expect(await admin.getByRole('button', { name: 'Copy invite link' }).count()).toBe(2);
    const item = admin.getByTestId('invite-list').locator('li').nth(1);
    await item.getByRole('button', { name: 'Revoke' }).click();
    const dialog = item.getByRole('dialog', { name: 'Revoke this invite?' });
    expect(await dialog.textContent()).toContain('The link stops working at once');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await links.count()).toBe(2);
    await item.getByRole('button', { name: 'Revoke' }).click();
    await dialog.getByRole('button', { name: 'Revoke invite' }).click();
    await waitFor(async () => (await links.count()) === 1, 'the revoked invite to leave the list');
    await shot(admin, 'invites');
    const page = await (await browser.newContext()).newPage();
    await page.goto(revoked);
    await page.getByLabel('Username').fill('latecomer');
    await page.getByLabel('Password', { exact: true }).fill('latecomer-password');
    await page.getByLabel('Confirm password').fill('latecomer-password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await waitFor(async () => (await page.locator('#field-inviteCode-error').textContent()) === 'This invite code does not exist', 'the refusal');
    await page.context().close();
  });

  it('a registration error keeps both passwords; registering logs the new member in', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(invite);
    await page.getByLabel('Username').fill('newcomer');
    await page.getByLabel('Password', { exact: true }).fill('newcomer-password');
    await page.getByLabel('Confirm password').fill('newcomer-passwort');
    await page.getByRole('button', { name: 'Create account' }).click();
    await waitFor(async () => (await page.locator('#field-confirmPassword-error').count()) === 1, 'the mismatch error');
    expect(await page.getByLabel('Password', { exact: true }).inputValue()).toBe('newcomer-password');
    expect(await page.getByLabel('Confirm password').inputValue()).toBe('newcomer-passwort');
    await page.getByLabel('Confirm password').fill('newcomer-password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL(`${site.url}/`);
    await waitFor(async () => (await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'newcomer' }).count()) === 1, 'the new member’s name in the header');
    await page.context().close();
  });

  it('with leeching disabled the download button says why before the click, and the page says how to recover after it', async () => {
    const id = await memberId(site, admin, 'newcomer');
    await staffPost(site, admin.context(), `/admin/members/${id}/leeching`, { leeching: 'disable', reason: 'Hit and run' });
    const member = await logIn(site, { username: 'newcomer', password: 'newcomer-password' });
    await member.goto(`${site.url}/torrents/${torrentId}`);
    const button = member.getByRole('button', { name: 'Download unavailable' });
    expect(await button.isDisabled()).toBe(true);
    const why = member.locator(`#${await button.getAttribute('aria-describedby')}`);
    expect(await why.textContent()).toContain('Leeching disabled by staff; seeding is still allowed.');
    expect(await why.textContent()).toContain('Seeding stays allowed');
    expect(await member.getByRole('link', { name: 'Download .torrent' }).count()).toBe(0);
    await shot(member, 'download-refused');
    // Following an old link (a bookmark, another tab) ends on the page with the reason, not on a saved error file.
    await member.goto(`${site.url}/torrents/${torrentId}/download`);
    expect(member.url()).toBe(`${site.url}/torrents/${torrentId}?download=refused`);
    expect(await member.getByTestId('download-refused').textContent()).toContain('The .torrent was not downloaded. Leeching disabled by staff');
    // A client or script still gets the plain refusal.
    const plain = await member.request.get(`${site.url}/torrents/${torrentId}/download`, { headers: { accept: '*/*' } });
    expect(plain.status()).toBe(403);

    // 0 B up and some downloaded is a 0.00 ratio: red on the profile another member sees, never green.
    await staffPost(site, admin.context(), `/admin/members/${id}/adjust`, { field: 'downloaded', mode: 'set', amount: '2', unit: 'GiB', reason: 'Correction' });
    await uploader.goto(`${site.url}/users/newcomer`);
    const ratio = uploader.getByTestId('profile-ratio').locator('span');
    expect(await ratio.textContent()).toBe('0.00');
    expect(await ratio.getAttribute('data-health')).toBe('bad');
    await member.context().close();
  });

  it('a site-wide freeleech shows in a banner with its end, on every row, and in the freeleech filter; its setting is a date picker', async () => {
    await admin.goto(`${site.url}/admin/settings`);
    const form = admin.getByRole('form', { name: 'Save ratio settings' });
    const until = form.getByLabel('Site-wide freeleech until (UTC, empty for off)');
    expect(await until.getAttribute('type')).toBe('datetime-local');
    await until.fill('2099-12-31T23:59');
    await form.getByRole('button', { name: 'Save ratio settings' }).click();
    await waitFor(async () => (await form.getByRole('status').textContent()) === 'Saved: Site-wide freeleech until.', 'the saved message');

    await uploader.goto(`${site.url}/torrents?freeleech=1`);
    expect(await uploader.getByTestId('promotion-banner').textContent()).toContain('Site-wide freeleech until 2099-12-31 23:59 UTC');
    const rows = uploader.getByRole('table', { name: 'Torrents' }).locator('tbody tr');
    expect(await rows.count()).toBe(2);
    for (const row of await rows.all()) {
      expect(await row.getByText('Freeleech', { exact: true }).count()).toBe(1);
      // Each row: its age in words with the exact time on hover, and its own download button.
      const added = row.locator('td time').last();
      expect(await added.textContent()).toMatch(/^(just now|\d+ (seconds?|minutes?) ago)$/);
      expect(await added.getAttribute('title')).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
      expect(await row.getByRole('link', { name: 'Download .torrent' }).getAttribute('href')).toMatch(/^\/torrents\/\d+\/download$/);
    }
    await shot(uploader, 'site-freeleech');

    await admin.goto(`${site.url}/admin/audit?action=settings`);
    expect(await admin.getByTestId('audit-change').first().innerText()).toBe('Site-wide freeleech until: none → 2099-12-31 23:59 UTC');
  });

  it('deleting a torrent and removing a blacklist entry ask first, naming what will happen', async () => {
    await admin.goto(`${site.url}/torrents/${torrentId}`);
    await admin.getByLabel('Reason for deletion').fill('Duplicate of a better release');
    await admin.getByRole('button', { name: 'Delete torrent' }).click();
    const dialog = admin.getByRole('dialog', { name: `Delete “${TITLE}”?` });
    expect(await dialog.textContent()).toContain('Members\' clients that announce it are told “Unregistered torrent”');
    await shot(admin, 'confirm-delete');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await admin.reload();
    expect(await admin.title()).toBe(`${TITLE} · Giveback`);
    await admin.getByLabel('Reason for deletion').fill('Duplicate of a better release');
    await admin.getByLabel('Reason for deletion').press('Enter');
    expect(await dialog.isVisible()).toBe(true);
    await dialog.getByRole('button', { name: 'Delete it' }).click();
    await admin.waitForURL(`${site.url}/torrents`);
    expect((await uploader.request.get(`${site.url}/torrents/${torrentId}`)).status()).toBe(404);

    await staffPost(site, admin.context(), '/admin/blacklist/add', { prefix: '-XL0012-', note: 'Xunlei' });
    await admin.goto(`${site.url}/admin/blacklist`);
    await admin.getByRole('button', { name: 'Remove -XL0012-' }).click();
    const remove = admin.getByRole('dialog', { name: 'Remove -XL0012- from the blacklist?' });
    expect(await remove.textContent()).toContain('may announce again');
    await remove.getByRole('button', { name: 'Remove -XL0012-' }).click();
    await waitFor(async () => (await admin.getByText('No client is refused.').count()) === 1, 'the entry to be removed');
  });

  it('on a phone the navigation is a menu behind a button that reports whether it is open', async () => {
    const phone = await logIn(site, UPLOADER, 360);
    const menu = phone.getByRole('button', { name: 'Menu' });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await phone.getByRole('link', { name: 'Torrents', exact: true }).count()).toBe(0);
    await menu.click();
    await waitFor(async () => (await menu.getAttribute('aria-expanded')) === 'true', 'the menu to say it is open');
    await shot(phone, 'phone-menu-open');
    await phone.getByRole('link', { name: 'Torrents', exact: true }).click();
    await phone.waitForURL(`${site.url}/torrents`);
    await waitFor(async () => (await menu.getAttribute('aria-expanded')) === 'false', 'the menu to close after navigating');
    expect(await uploader.getByRole('button', { name: 'Menu' }).count()).toBe(0);
    await phone.context().close();
  });
});
