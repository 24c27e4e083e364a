import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, phoneScreenshot, screenshot } from '../helpers/browser';
import { startSite, type RunningSite } from '../helpers/server';
import { createUserCli } from '../helpers/users';

let site: RunningSite;
let browser: Browser;

async function newPage(): Promise<Page> {
  return (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
}

async function logIn(page: Page, username: string, password: string) {
  await page.goto(`${site.url}/login`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
}

beforeAll(async () => {
  site = await startSite();
  createUserCli(site, 'root', 'root-password', 'admin');
  createUserCli(site, 'locked', 'forgotten-password', 'member');
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await site?.stop();
});

describe('a staff-issued password reset link', () => {
  it('lets a locked-out member in with a new password and ends their old session', async () => {
    // The member's old session, say on a computer they no longer control.
    const old = await newPage();
    await logIn(old, 'locked', 'forgotten-password');
    await old.waitForURL(`${site.url}/`);
    await old.goto(`${site.url}/settings`);
    expect(await old.getByTestId('passkey').count()).toBe(1);

    const admin = await newPage();
    await logIn(admin, 'root', 'root-password');
    await admin.waitForURL(`${site.url}/`);
    await admin.goto(`${site.url}/admin/members?q=locked`);
    await admin.getByRole('link', { name: 'locked', exact: true }).click();
    await admin.waitForURL(/\/admin\/members\/\d+$/);
    const recovery = admin.getByRole('group', { name: 'Password reset link' });
    await recovery.getByRole('button', { name: 'Create reset link' }).click();
    // Nothing happens before the confirmation; Cancel goes back.
    await recovery.getByRole('button', { name: 'Cancel' }).click();
    expect(await recovery.getByTestId('reset-link').count()).toBe(0);
    await recovery.getByRole('button', { name: 'Create reset link' }).click();
    await recovery.getByRole('button', { name: 'Yes, create the link' }).click();
    await expect.poll(() => recovery.getByRole('status').textContent()).toMatch(/^Reset link created\. It works once, until .*; it is not shown again\.$/);
    const link = await recovery.getByTestId('reset-link').inputValue();
    expect(link).toMatch(new RegExp(`^${site.url}/reset/[A-Za-z0-9_-]{43}$`));
    await screenshot(admin, 'staff-reset-link');
    await admin.reload();
    expect(await admin.content()).not.toContain(link);

    const fresh = await newPage();
    await fresh.goto(link);
    await fresh.getByLabel('New password', { exact: true }).fill('a brand new password');
    await fresh.getByLabel('Confirm new password').fill('a different one');
    await fresh.getByRole('button', { name: 'Set new password' }).click();
    await expect.poll(() => fresh.locator('#field-confirmPassword-error').textContent()).toBe('Passwords do not match');
    await screenshot(fresh, 'reset-password-error');
    await phoneScreenshot(fresh, 'reset-password-error');
    await fresh.getByLabel('New password', { exact: true }).fill('a brand new password');
    await fresh.getByLabel('Confirm new password').fill('a brand new password');
    await fresh.getByRole('button', { name: 'Set new password' }).click();
    await fresh.waitForURL(`${site.url}/login?reset=1`);
    await expect.poll(() => fresh.getByText('Your password was changed. Log in with the new one.').count()).toBe(1);
    await logIn(fresh, 'locked', 'a brand new password');
    await fresh.waitForURL(`${site.url}/`);
    await fresh.goto(`${site.url}/settings`);
    expect(await fresh.getByTestId('passkey').count()).toBe(1);

    // The old session has ended, and so has the link.
    await old.goto(`${site.url}/settings`);
    await expect.poll(() => old.getByText('This page is for members.').count()).toBe(1);
    await old.goto(link);
    await expect.poll(() => old.getByRole('main').getByRole('alert').textContent()).toBe('This reset link has already been used. Ask staff for a new one.');
    expect(await old.getByLabel('New password', { exact: true }).count()).toBe(0);
    await logIn(old, 'locked', 'forgotten-password');
    await expect.poll(() => old.locator('#field-password-error').textContent()).toBe('Wrong username or password');
  });
});
