import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { darkScreenshot, launchBrowser, phoneScreenshot, screenshot, logInAs } from '../helpers/browser';
import { startSite, type RunningSite } from '../helpers/server';
import { TrackerRows } from '../helpers/tracker-harness';
import { createUserCli } from '../helpers/users';
import { type Mail, startTestSmtp, type TestSmtp } from '../helpers/smtp';

const GiB = 1024n ** 3n;
let browser: Browser;
let smtp: TestSmtp;
const mails: Mail[] = [];

beforeAll(async () => {
  smtp = await startTestSmtp(mails);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await smtp?.close();
});

describe.each(['sqlite', 'postgres'] as const)('notifications in a real browser on %s', (database) => {
  let site: RunningSite;
  let rows: TrackerRows;
  const logIn = (username: string, password: string) => logInAs(browser, site.url, username, password);
  const userId = async (username: string) => Number((await rows.get<{ id: bigint }>('SELECT id FROM "User" WHERE "usernameKey" = ?', username))!.id);

  beforeAll(async () => {
    site = await startSite({ SMTP_URL: smtp.url }, { database });
    rows = new TrackerRows(site.databaseUrl);
    createUserCli(site, 'root', 'root-password', 'admin');
    createUserCli(site, 'watched', 'watched-password', 'member');
    createUserCli(site, 'mailed', 'mailed-password', 'member');
    await rows.all('UPDATE "User" SET uploaded = 0, downloaded = ? WHERE "usernameKey" = ?', 20n * GiB, 'watched');
    // A confirmed address (confirming one by its mailed link is tests/e2e/email.test.ts).
    await rows.all('UPDATE "User" SET email = ? WHERE "usernameKey" = ?', `mailed-${database}@example.org`, 'mailed');
  });

  afterAll(async () => {
    await rows?.close();
    await site?.stop();
  });

  it('a member put on ratio watch sees the unread badge and the message, and marks it read', async () => {
    const admin = await logIn('root', 'root-password');
    const id = await userId('watched');
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
    if (database === 'sqlite') {
      await screenshot(member, 'inbox');
      await phoneScreenshot(member, 'inbox');
      await darkScreenshot(member, 'inbox');
    }

    await member.getByRole('form', { name: 'Mark “Staff adjusted your statistics” read' }).getByRole('button', { name: 'Mark read' }).click();
    await expect.poll(() => member.getByTestId('inbox-badge').textContent()).toBe('1');
    await member.getByRole('button', { name: 'Mark all read' }).click();
    await expect.poll(() => member.getByTestId('inbox-unread').textContent()).toBe('Nothing unread.');
    expect(await member.getByTestId('inbox-badge').count()).toBe(0);
    expect(await rows.all('SELECT count(*) AS n FROM "Notification" WHERE "userId" = ? AND "readAt" IS NULL', id)).toEqual([{ n: 0n }]);
  });

  it('a member chooses a kind by email; a staff act of that kind arrives by mail, one of another kind does not', async () => {
    const address = `mailed-${database}@example.org`;
    const member = await logIn('mailed', 'mailed-password');
    await member.goto(`${site.url}/email`);
    const choices = member.getByRole('form', { name: 'Notifications by email' });
    expect(await member.getByText('Security notices, such as staff removing your two-factor login, are always mailed to this address.', { exact: false }).count()).toBe(1);
    expect(await choices.getByLabel('My role changed').isChecked()).toBe(false);
    await choices.getByLabel('My role changed').check();
    await choices.getByRole('button', { name: 'Save email choices' }).click();
    await expect.poll(() => choices.getByRole('status').textContent()).toBe('Saved: the notifications you chose also come by email.');
    expect(await choices.getByLabel('My role changed').isChecked()).toBe(true);
    if (database === 'sqlite') {
      await screenshot(member, 'email-notifications');
      await phoneScreenshot(member, 'email-notifications');
    }
    await member.setViewportSize({ width: 360, height: 800 });
    await member.reload();
    expect(await member.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
    expect(await member.getByRole('form', { name: 'Notifications by email' }).getByLabel('My role changed').isChecked()).toBe(true);
    expect(await member.getByRole('form', { name: 'Notifications by email' }).getByLabel('Staff adjusted my statistics').isChecked()).toBe(false);

    const admin = await logIn('root', 'root-password');
    await admin.goto(`${site.url}/admin/members/${await userId('mailed')}`);
    const adjust = admin.getByRole('form', { name: 'Adjust statistics' });
    await adjust.getByLabel('Amount').fill('1');
    await adjust.getByLabel('Reason').fill('Bonus for seeding');
    await adjust.getByRole('button', { name: 'Adjust statistics' }).click();
    await expect.poll(() => adjust.getByRole('status').textContent()).toBe('Uploaded changed from 0 B to 1.00 GiB.');
    const role = admin.getByRole('form', { name: 'Change role' });
    await role.getByLabel('New role').selectOption('uploader');
    await role.getByLabel('Reason').fill('Good uploads');
    await role.getByRole('button', { name: 'Change role' }).click();
    await expect.poll(() => role.getByRole('status').textContent()).toBe('Role set to uploader.');

    // The outbox sender runs every few seconds.
    await expect.poll(() => mails.filter((m) => m.to === address).length, { timeout: 30_000 }).toBe(1);
    const [mail] = mails.filter((m) => m.to === address);
    expect(mail!.text).toContain('Subject: Giveback: Your role changed');
    expect(mail!.text).toContain('You are now Uploader (before: Member). Reason: Good uploads');
    // The statistics notification is in the inbox only.
    await member.goto(`${site.url}/inbox`);
    expect(await member.getByRole('article', { name: 'Staff adjusted your statistics' }).count()).toBe(1);
    await new Promise((r) => setTimeout(r, 6_000));
    expect(mails.filter((m) => m.to === address)).toHaveLength(1);
  });
});
