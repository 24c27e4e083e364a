import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from '../helpers/browser';
import { startSite, type RunningSite } from '../helpers/server';
import { createThrowawayCluster, type ThrowawayCluster } from '../helpers/throwaway-postgres';

/**
 * The production site on a PostgreSQL cluster of the test's own, which the test kills with kill -9 and starts
 * again. While it is down, pages answer a 503 that says to try again (no stack trace, no 500) and a form says
 * the same next to it; once PostgreSQL is back, the site serves again without being restarted.
 */
const BUSY = 'The site is busy, try again in a moment.';
const ADMIN = { username: 'founder', password: 'founder-password-1' };
/** Pages that read the database, the member's session included. (Browse and search wait for their PostgreSQL port.) */
const PAGES = ['/', '/invites', '/settings', `/users/${ADMIN.username}`, '/login'];

let cluster: ThrowawayCluster;
let site: RunningSite;
let browser: Browser;
let admin: { context: BrowserContext; page: Page };
let visitor: { context: BrowserContext; page: Page };
/** The admin's second tab, on the invites page since before the database went down. */
let inviter: Page;
/** A visitor on the login page since before the database went down. */
let loginVisitor: { context: BrowserContext; page: Page };

async function newPage() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  return { context, page: await context.newPage() };
}

/** A plain GET with the admin's session cookie, as any HTTP client (or a browser without JavaScript) sends it. */
async function get(pathname: string, options: { loggedIn: boolean; accept?: string }) {
  const cookies = options.loggedIn ? (await admin.context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ') : '';
  const response = await fetch(`${site.url}${pathname}`, { headers: { cookie: cookies, accept: options.accept ?? 'text/html' }, redirect: 'manual' });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: await response.text() };
}

/** An upload to the upload route with the admin's session, as the upload page sends it. */
async function upload(title: string) {
  const body = new FormData();
  const torrent = readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'torrents', 'v1-single.torrent'));
  body.append('file', new Blob([new Uint8Array(torrent)], { type: 'application/x-bittorrent' }), 'v1-single.torrent');
  for (const [k, v] of Object.entries({ title, categoryId: '7', tags: '', description: '' })) body.append(k, v);
  const cookie = (await admin.context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  const res = await fetch(`${site.url}/api/torrents`, { method: 'POST', headers: { cookie, origin: site.url }, body });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.text() };
}

async function rowCounts() {
  const client = new pg.Client({ connectionString: cluster.urlFor('giveback') });
  await client.connect();
  try {
    const { rows } = await client.query<{ torrents: string; invites: string }>('SELECT (SELECT count(*) FROM "Torrent") AS torrents, (SELECT count(*) FROM "Invite") AS invites');
    return { torrents: Number(rows[0]?.torrents), invites: Number(rows[0]?.invites) };
  } finally {
    await client.end();
  }
}

function expectNoInternals(body: string) {
  for (const leak of [/\bat .+:\d+:\d+/, /Prisma/i, /ECONNREFUSED/, /stack/i, /Internal Server Error/i]) expect(body).not.toMatch(leak);
}

beforeAll(async () => {
  cluster = await createThrowawayCluster();
  cluster.start();
  await cluster.createDatabase('giveback');
  // The tracker does not run on PostgreSQL yet: the site alone (GIVEBACK_ROLE=web).
  site = await startSite({ DATABASE_URL: cluster.urlFor('giveback'), GIVEBACK_ROLE: 'web' });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await site?.stop();
  cluster?.remove();
});

describe('PostgreSQL killed and restarted under the running site', () => {
  it('serves normally on PostgreSQL: the first account becomes the admin and logs in', async () => {
    admin = await newPage();
    await admin.page.goto(`${site.url}/register`);
    await admin.page.getByLabel('Username').fill(ADMIN.username);
    await admin.page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await admin.page.getByLabel('Confirm password').fill(ADMIN.password);
    await admin.page.getByRole('button', { name: 'Create account' }).click();
    await expect.poll(() => admin.page.getByRole('link', { name: 'Staff' }).count(), { timeout: 15_000 }).toBe(1);
    for (const pathname of PAGES) expect([pathname, (await get(pathname, { loggedIn: true })).status]).toEqual([pathname, 200]);
    expect((await get('/api/health', { loggedIn: false })).status).toBe(200);
    // A visitor opens the registration form before the database goes down.
    visitor = await newPage();
    await visitor.page.goto(`${site.url}/register`);
    inviter = await admin.context.newPage();
    await inviter.goto(`${site.url}/invites`);
    loginVisitor = await newPage();
    await loginVisitor.page.goto(`${site.url}/login`);
  });

  it('answers pages with a clean 503 that says to try again while PostgreSQL is down', async () => {
    cluster.killHard();
    for (const pathname of PAGES) {
      const page = await get(pathname, { loggedIn: true });
      expect([pathname, page.status, page.retryAfter]).toEqual([pathname, 503, '5']);
      expect(page.body).toContain(BUSY);
      expectNoInternals(page.body);
    }
    const json = await get('/invites', { loggedIn: true, accept: 'application/json' });
    expect([json.status, JSON.parse(json.body)]).toEqual([503, { error: BUSY }]);
    const health = await get('/api/health', { loggedIn: false, accept: 'application/json' });
    expect([health.status, health.retryAfter, JSON.parse(health.body)]).toEqual([503, '5', { error: BUSY }]);
    // A staff form posting to its route handler (the staff gate in front of it reads the database too).
    const cookie = (await admin.context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const staffPost = await fetch(`${site.url}/admin/members/1/invites`, {
      method: 'POST',
      headers: { cookie, accept: 'application/json', origin: site.url },
      body: new URLSearchParams({ count: '1', reason: 'helper' }),
    });
    expect([staffPost.status, staffPost.headers.get('retry-after'), await staffPost.json()]).toEqual([503, '5', { error: BUSY }]);
    const uploaded = await upload('Uploaded while down');
    expect([uploaded.status, uploaded.retryAfter, JSON.parse(uploaded.body)]).toEqual([503, '5', { error: BUSY }]);
    // A member already on a page follows a link: a client-side navigation, which fetches the next page as data.
    await admin.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await expect.poll(() => admin.page.getByText(BUSY).count(), { timeout: 15_000 }).toBe(1);
    await screenshot(admin.page, 'database-down-navigation');
    // What a member sees in the browser on a page load.
    const response = await admin.page.goto(`${site.url}/invites`);
    expect(response?.status()).toBe(503);
    expect(await admin.page.getByText(BUSY).count()).toBe(1);
    await screenshot(admin.page, 'database-down');
  });

  it('shows the same message next to a form whose action meets the dead database', async () => {
    await visitor.page.getByLabel('Username').fill('latecomer');
    await visitor.page.getByLabel('Password', { exact: true }).fill('latecomer-password');
    await visitor.page.getByLabel('Confirm password').fill('latecomer-password');
    await visitor.page.getByRole('button', { name: 'Create account' }).click();
    await expect.poll(() => visitor.page.locator('form').getByRole('alert').textContent(), { timeout: 15_000 }).toBe(BUSY);
    await screenshot(visitor.page, 'database-down-form');
    // A member creating an invite (a server action): the same message next to that form.
    const form = inviter.locator('form').filter({ has: inviter.getByRole('button', { name: 'Create invite' }) });
    await form.getByRole('button', { name: 'Create invite' }).click();
    await expect.poll(() => form.getByRole('alert').textContent(), { timeout: 30_000 }).toBe(BUSY);
    // Logging in reads the database too: the login form says so, not "Login failed".
    await loginVisitor.page.getByLabel('Username').fill(ADMIN.username);
    await loginVisitor.page.getByLabel('Password').fill(ADMIN.password);
    await loginVisitor.page.getByRole('button', { name: 'Log in' }).click();
    await expect.poll(() => loginVisitor.page.getByText(BUSY).count(), { timeout: 30_000 }).toBe(1);
  });

  it('recovers by itself once PostgreSQL is back', async () => {
    cluster.start();
    await expect.poll(async () => (await get('/invites', { loggedIn: true })).status, { timeout: 30_000, interval: 500 }).toBe(200);
    for (const pathname of PAGES) expect([pathname, (await get(pathname, { loggedIn: true })).status]).toEqual([pathname, 200]);
    const response = await admin.page.goto(`${site.url}/invites`);
    expect(response?.status()).toBe(200);
    expect(await admin.page.getByRole('link', { name: 'Staff' }).count()).toBe(1);
    // Nothing of what was refused was written; the same requests work now.
    expect(await rowCounts()).toEqual({ torrents: 0, invites: 0 });
    expect((await upload('Uploaded once back')).status).toBe(201);
    const form = inviter.locator('form').filter({ has: inviter.getByRole('button', { name: 'Create invite' }) });
    await form.getByRole('button', { name: 'Create invite' }).click();
    await expect.poll(() => form.getByRole('status').or(form.getByRole('alert')).first().textContent(), { timeout: 30_000 })
      .toBe('Invite created. Send the link to the person you invite; it works once, for 14 days.');
    expect(await rowCounts()).toEqual({ torrents: 1, invites: 1 });
  });
});
