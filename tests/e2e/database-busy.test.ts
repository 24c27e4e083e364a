import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from '../helpers/browser';
import { startSite, type RunningSite } from '../helpers/server';
import { createUserCli } from '../helpers/users';

/**
 * The production site on SQLite while its database cannot be written: another connection holds the write lock
 * (a backup, a long fold, an operator's sqlite3 shell in a transaction), or the file has become read-only (made
 * immutable under the running site). Pages still answer; an upload, an invite and a staff action say the site is
 * busy (503 with Retry-After from routes, a message next to the form from a server action), write nothing, and
 * work again by themselves once the database can be written.
 */
const BUSY = 'The site is busy, try again in a moment.';
const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'torrents', name));

let site: RunningSite;
let browser: Browser;
let admin: { context: BrowserContext; page: Page };
let file: string;

function count(table: string): number {
  const conn = new Database(file, { readonly: true });
  try {
    return Number((conn.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number | bigint }).n);
  } finally {
    conn.close();
  }
}

function banned(username: string): boolean {
  const conn = new Database(file, { readonly: true });
  try {
    return (conn.prepare('SELECT "bannedAt" FROM "User" WHERE "usernameKey" = ?').get(username) as { bannedAt: unknown }).bannedAt !== null;
  } finally {
    conn.close();
  }
}

function memberId(username: string): number {
  const conn = new Database(file, { readonly: true });
  try {
    return Number((conn.prepare('SELECT id FROM "User" WHERE "usernameKey" = ?').get(username) as { id: number }).id);
  } finally {
    conn.close();
  }
}

/** A second connection in BEGIN IMMEDIATE: it holds SQLite's write lock until release. */
function holdWriteLock(): () => void {
  const holder = new Database(file, { timeout: 0 });
  holder.exec('BEGIN IMMEDIATE');
  return () => {
    holder.exec('COMMIT');
    holder.close();
  };
}

/**
 * Makes the database file and its write-ahead log immutable (root on ext4): the running site reads them and can no
 * longer write (SQLite reports a failed write). The shared-memory index stays as it is: it is mapped into memory.
 */
function makeReadOnly(): () => void {
  const files = [file, `${file}-wal`];
  execFileSync('chattr', ['+i', ...files]);
  return () => execFileSync('chattr', ['-i', ...files]);
}

async function cookieHeader() {
  return (await admin.context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
}

async function upload(title: string, torrent: Buffer) {
  const body = new FormData();
  body.append('file', new Blob([new Uint8Array(torrent)], { type: 'application/x-bittorrent' }), `${title}.torrent`);
  for (const [k, v] of Object.entries({ title, categoryId: '7', tags: '', description: '' })) body.append(k, v);
  const res = await fetch(`${site.url}/api/torrents`, { method: 'POST', headers: { cookie: await cookieHeader(), origin: site.url }, body });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.text() };
}

async function ban(username: string) {
  const res = await fetch(`${site.url}/admin/members/${memberId(username)}/ban`, {
    method: 'POST',
    headers: { cookie: await cookieHeader(), origin: site.url, accept: 'application/json' },
    body: new URLSearchParams({ reason: 'Testing the busy answer' }),
  });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.text() };
}

async function getPage(pathname: string) {
  const res = await fetch(`${site.url}${pathname}`, { headers: { cookie: await cookieHeader(), accept: 'text/html' }, redirect: 'manual' });
  return res.status;
}

/** Creates an invite through the page's form, as a member does; returns the alert shown next to the form. */
async function createInvite(): Promise<string | null> {
  await admin.page.goto(`${site.url}/invites`);
  const form = admin.page.locator('form').filter({ has: admin.page.getByRole('button', { name: 'Create invite' }) });
  await form.getByRole('button', { name: 'Create invite' }).click();
  // The form's message comes first (a created invite also shows its copy button's own status line).
  const message = form.getByRole('alert').or(form.getByRole('status')).first();
  await expect.poll(() => message.count(), { timeout: 30_000 }).toBe(1);
  return message.textContent();
}

beforeAll(async () => {
  site = await startSite();
  file = site.databaseUrl.replace(/^file:/, '');
  createUserCli(site, 'root', 'root-password', 'admin');
  createUserCli(site, 'target1', 'target1-password', 'member');
  createUserCli(site, 'target2', 'target2-password', 'member');
  browser = await launchBrowser();
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${site.url}/login`);
  await page.getByLabel('Username').fill('root');
  await page.getByLabel('Password').fill('root-password');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(`${site.url}/`);
  admin = { context, page };
});

afterAll(async () => {
  await browser?.close();
  await site?.stop();
});

describe.each([
  { name: 'another connection holds the write lock', block: holdWriteLock, target: 'target1', torrent: 'v1-single.torrent' },
  { name: 'the database file is read-only', block: makeReadOnly, target: 'target2', torrent: 'v1-multi.torrent' },
])('SQLite while $name', ({ block, target, name, torrent }) => {
  it('serves pages, answers writes with "busy, try again", writes nothing, and recovers by itself', async () => {
    const before = { torrents: count('Torrent'), invites: count('Invite'), audits: count('AuditLog') };
    const unblock = block();
    try {
      for (const pathname of ['/', '/torrents', '/invites', '/settings', '/users/root']) expect([pathname, await getPage(pathname)]).toEqual([pathname, 200]);

      const up = await upload(`Busy ${target}`, fixture(torrent));
      expect([up.status, up.retryAfter, JSON.parse(up.body)]).toEqual([503, '5', { error: BUSY }]);

      const staff = await ban(target);
      expect([staff.status, staff.retryAfter, JSON.parse(staff.body)]).toEqual([503, '5', { error: BUSY }]);

      expect(await createInvite()).toBe(BUSY);
      await screenshot(admin.page, `database-busy-invite-${name.split(' ').at(-1)}`);
    } finally {
      unblock();
    }
    expect({ torrents: count('Torrent'), invites: count('Invite'), audits: count('AuditLog'), banned: banned(target) })
      .toEqual({ ...before, banned: false });

    // Nothing to restart: the same requests succeed once the database can be written again.
    const up = await upload(`Recovered ${target}`, fixture(torrent));
    expect(up.status).toBe(201);
    expect((await ban(target)).status).toBe(200);
    expect(banned(target)).toBe(true);
    expect(await createInvite()).toBe('Invite created. Send the link to the person you invite; it works once, for 14 days.');
  });
});
