import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from '../helpers/browser';
import { startSite, type RunningSite } from '../helpers/server';
import { createUserCli } from '../helpers/users';
import { type Mail, startTestSmtp, type TestSmtp } from '../helpers/smtp';

let site: RunningSite;
let browser: Browser;
let smtp: TestSmtp;
const mails: Mail[] = [];

const linkIn = (text: string, path: string) => new RegExp(`(http://[^\\s]+/${path}/[A-Za-z0-9_-]{43})`).exec(text)?.[1];

beforeAll(async () => {
  smtp = await startTestSmtp(mails);
  site = await startSite({ SMTP_URL: smtp.url });
  createUserCli(site, 'mailer', 'old-password', 'member');
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await site?.stop();
  await smtp?.close();
});

describe('email against an SMTP server in this process', () => {
  it('a member confirms an address, forgets the password and resets it from the mailed link', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(`${site.url}/login`);
    await page.getByLabel('Username').fill('mailer');
    await page.getByLabel('Password').fill('old-password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(`${site.url}/`);
    await page.goto(`${site.url}/email`);
    const add = page.getByRole('form', { name: 'Add email address' });
    await add.getByLabel('Email address').fill('not an address');
    await add.getByRole('button', { name: 'Send a confirmation link' }).click();
    await expect.poll(() => page.locator('#field-email-error').textContent()).toBe('Enter an email address such as name@example.org');
    await add.getByLabel('Email address').fill('mailer@example.org');
    await add.getByRole('button', { name: 'Send a confirmation link' }).click();
    await expect.poll(() => mails.length).toBe(1);
    await page.goto(linkIn(mails[0]!.text, 'verify-email')!);
    await expect.poll(() => page.getByRole('main').getByRole('status').textContent()).toBe('mailer@example.org is now the address of your account.');
    await page.getByRole('button', { name: 'Log out', exact: true }).click();
    await page.waitForURL(/\/login/);

    await page.getByRole('link', { name: 'Get a reset link by email' }).click();
    await page.waitForURL(`${site.url}/forgot-password`);
    for (const address of ['nobody@example.org', 'mailer@example.org']) {
      await page.getByLabel('Email address').fill(address);
      await page.getByRole('button', { name: 'Send a reset link' }).click();
      await expect.poll(() => page.getByRole('main').getByRole('status').textContent()).toBe('If an account has this address, a reset link is on its way. It works once, within 24 hours.');
      await page.reload();
    }
    await expect.poll(() => mails.length).toBe(2);
    expect(mails[1]!.to).toBe('mailer@example.org');
    await screenshot(page, 'forgot-password');
    await page.goto(linkIn(mails[1]!.text, 'reset')!);
    await page.getByLabel('New password', { exact: true }).fill('a fresh password');
    await page.getByLabel('Confirm new password').fill('a fresh password');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.waitForURL(`${site.url}/login?reset=1`);
    await page.getByLabel('Username').fill('mailer');
    await page.getByLabel('Password').fill('a fresh password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(`${site.url}/`);
  });
});
