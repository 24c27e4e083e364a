import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, phoneScreenshot, screenshot, logInAs } from '../helpers/browser';
import { startSite, type RunningSite } from '../helpers/server';
import { createUserCli } from '../helpers/users';

let site: RunningSite;
let browser: Browser;

const logIn = (username: string, password: string) => logInAs(browser, site.url, username, password);

beforeAll(async () => {
  site = await startSite();
  createUserCli(site, 'root', 'root-password', 'admin');
  createUserCli(site, 'reader', 'reader-password', 'member');
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await site?.stop();
});

describe('news, pages and staff messages in a real browser', () => {
  it('staff post news shown on the home page; the ratio page in the footer shows the table in effect', async () => {
    const admin = await logIn('root', 'root-password');
    await admin.goto(`${site.url}/admin/news`);
    const form = admin.getByRole('form', { name: 'Post news' });
    await form.getByLabel('Title').fill('Hi');
    await form.getByRole('button', { name: 'Post news' }).click();
    await expect.poll(() => form.locator('#news-title-error').textContent()).toBe('Give a title (at least 3 characters)');
    await form.getByLabel('Title').fill('Freeleech weekend');
    await form.getByLabel('Text (Markdown)').fill('Everything is **free** this weekend.');
    await form.getByRole('button', { name: 'Post news' }).click();
    await expect.poll(() => form.getByRole('status').textContent()).toBe('Posted: it shows on the home page.');

    await admin.goto(`${site.url}/admin/pages`);
    const ratio = admin.getByRole('form', { name: 'Save How ratio works here' });
    await ratio.getByLabel('Text').fill('Seed what you download. *Really.*');
    await ratio.getByRole('button', { name: 'Save How ratio works here' }).click();
    await expect.poll(() => ratio.getByRole('status').textContent()).toBe('How ratio works here saved.');

    const member = await logIn('reader', 'reader-password');
    const news = member.getByRole('article', { name: 'Freeleech weekend' });
    expect(await news.locator('strong').textContent()).toBe('free');
    await member.getByRole('navigation', { name: 'Site pages' }).getByRole('link', { name: 'How ratio works here' }).click();
    await member.waitForURL(`${site.url}/ratio`);
    expect(await member.getByTestId('page-body').innerHTML()).toBe('<p>Seed what you download. <em>Really.</em></p>\n');
    const rows = member.getByRole('table', { name: 'Required ratio table' }).locator('tbody tr');
    expect(await rows.first().textContent()).toBe('0–50.000.00');
    await screenshot(member, 'ratio-page');
    await phoneScreenshot(member, 'ratio-page');
  });

  it('staff write to a member, who finds it in the inbox and answers; staff see the answer', async () => {
    const admin = await logIn('root', 'root-password');
    await admin.goto(`${site.url}/admin/members?q=reader`);
    await admin.getByRole('link', { name: 'reader', exact: true }).click();
    await admin.waitForURL(/\/admin\/members\/\d+$/);
    const form = admin.getByRole('form', { name: 'Send message' });
    await form.getByLabel('Subject').fill('Your uploads');
    await form.getByLabel('Message').fill('Please add descriptions.');
    await form.getByRole('button', { name: 'Send message' }).click();
    await expect.poll(() => form.getByRole('status').textContent()).toMatch(/^Sent: the member finds it in their inbox/);

    const member = await logIn('reader', 'reader-password');
    await expect.poll(() => member.getByTestId('inbox-badge').textContent()).toBe('1');
    await member.goto(`${site.url}/inbox`);
    expect(await member.getByRole('article', { name: 'Message from staff: Your uploads' }).count()).toBe(1);
    await member.getByRole('link', { name: 'Messages' }).last().click();
    await member.getByRole('link', { name: 'Your uploads' }).click();
    await member.waitForURL(/\/messages\/\d+$/);
    const answer = member.getByRole('form', { name: 'Answer staff' });
    await answer.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => answer.locator('#reply-body-error').textContent()).toBe('Write a message');
    await answer.getByLabel('Your answer').fill('Will do.');
    await answer.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => member.getByRole('list', { name: 'Messages' }).getByRole('listitem').count()).toBe(2);

    await admin.goto(`${site.url}/admin/messages`);
    const row = admin.getByRole('table', { name: 'Conversations' }).locator('tbody tr').first();
    expect(await row.locator('td').nth(3).textContent()).toBe('awaiting staff');
  });
});
