import path from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { darkScreenshot, launchBrowser, phoneScreenshot, screenshot, logInAs } from '../helpers/browser';
import { startSite, type RunningSite } from '../helpers/server';
import { createUserCli } from '../helpers/users';

const GiB = 1024n ** 3n;
let site: RunningSite;
let browser: Browser;

function sql<T = Record<string, unknown>>(query: string, ...args: unknown[]): T[] {
  const conn = new Database(path.join(site.dataDir, 'giveback.db'));
  conn.defaultSafeIntegers(true);
  try {
    const st = conn.prepare(query);
    return (st.reader ? st.all(...args) : (st.run(...args), [])) as T[];
  } finally {
    conn.close();
  }
}

const logIn = (username: string, password: string) => logInAs(browser, site.url, username, password);

beforeAll(async () => {
  site = await startSite();
  createUserCli(site, 'root', 'root-password', 'admin');
  createUserCli(site, 'watched', 'watched-password', 'member');
  sql('UPDATE User SET uploaded = 0, downloaded = ? WHERE usernameKey = ?', 20n * GiB, 'watched');
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await site?.stop();
});

describe('notifications in a real browser', () => {
  it('a member put on ratio watch sees the unread badge and the message, and marks it read', async () => {
    const admin = await logIn('root', 'root-password');
    const id = Number(sql<{ id: bigint }>("SELECT id FROM User WHERE usernameKey = 'watched'")[0]!.id);
    await admin.goto(`${site.url}/admin/members/${id}`);
    const form = admin.getByRole('form', { name: 'Adjust statistics' });
    await form.getByLabel('Statistic').selectOption('uploaded');
    await form.getByLabel('How').selectOption('set');
    await form.getByLabel('Amount').fill('4');
    await form.getByLabel('Reason').fill('Credit from the old site');
    await form.getByRole('button', { name: 'Adjust statistics' }).click();
    await expect.poll(() => form.getByRole('status').textContent()).toBe('Uploaded changed from 0 B to 4.00 GiB.');
    await expect.poll(() => admin.getByTestId('admin-watch').textContent()).toMatch(/^until /);

    const member = await logIn('watched', 'watched-password');
    await expect.poll(() => member.getByTestId('inbox-badge').textContent()).toBe('2');
    await member.getByRole('link', { name: 'Inbox, 2 unread' }).click();
    await member.waitForURL(`${site.url}/inbox`);
    const watch = member.getByRole('article', { name: 'You are on ratio watch' });
    expect(await watch.textContent()).toMatch(
      /Your ratio is 0\.20; the required ratio is 0\.30\. Upload 2\.00 GiB more \(seeding more torrents also lowers the requirement\) before \d{4}-\d\d-\d\d \d\d:\d\d UTC, or downloading will be disabled\. Seeding always stays allowed\./,
    );
    expect(await member.getByRole('article', { name: 'Staff adjusted your statistics' }).textContent()).toContain('Uploaded changed from 0 B to 4.00 GiB. Reason: Credit from the old site');
    await screenshot(member, 'inbox');
    await phoneScreenshot(member, 'inbox');
    await darkScreenshot(member, 'inbox');

    await member.getByRole('form', { name: 'Mark “Staff adjusted your statistics” read' }).getByRole('button', { name: 'Mark read' }).click();
    await expect.poll(() => member.getByTestId('inbox-badge').textContent()).toBe('1');
    await member.getByRole('button', { name: 'Mark all read' }).click();
    await expect.poll(() => member.getByTestId('inbox-unread').textContent()).toBe('Nothing unread.');
    expect(await member.getByTestId('inbox-badge').count()).toBe(0);
    expect(sql('SELECT count(*) AS n FROM Notification WHERE userId = ? AND readAt IS NULL', id)).toEqual([{ n: 0n }]);
  });
});
