import { generate } from 'otplib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, phoneScreenshot, screenshot } from '../helpers/browser';
import { startSite, type RunningSite } from '../helpers/server';
import { createUserCli } from '../helpers/users';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function submitLogin(page: Page, options: { code?: string }) {
  await page.getByLabel('Username').fill('careful');
  await page.getByLabel('Password').fill('careful-password');
  if (options.code !== undefined) await page.getByLabel('Two-factor code').fill(options.code);
  await page.getByRole('button', { name: 'Log in' }).click();
}

async function logOut(page: Page) {
  await page.getByRole('button', { name: 'Log out', exact: true }).click();
  await page.waitForURL(/\/login/);
}

/** A code for the next 30-second step than `after`'s, so no step is used twice (the site refuses a replay). */
async function freshCode(secret: string, used: Set<number>): Promise<string> {
  for (;;) {
    const step = Math.floor(Date.now() / 30_000);
    if (!used.has(step)) {
      used.add(step);
      return generate({ secret });
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

describe.each(['sqlite', 'postgres'] as const)('two-factor login in a real browser on %s', (database) => {
  let site: RunningSite;

  beforeAll(async () => {
    site = await startSite({}, { database });
    createUserCli(site, 'careful', 'careful-password', 'member');
  });

  afterAll(async () => {
    await site?.stop();
  });

  it('a member turns it on, then logs in with a code, then with a recovery code that works only once', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(`${site.url}/login`);
    await submitLogin(page, {});
    await page.waitForURL(`${site.url}/`);

    await page.goto(`${site.url}/two-factor`);
    await page.getByRole('button', { name: 'Set up two-factor login' }).click();
    await expect.poll(() => page.getByRole('img', { name: 'QR code for your authenticator app' }).getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    const secret = (await page.getByTestId('totp-secret').textContent())!;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    if (database === 'sqlite') {
      await screenshot(page, 'two-factor-setup');
      await phoneScreenshot(page, 'two-factor-setup');
    }
    const confirm = page.getByRole('form', { name: 'Confirm two-factor setup' });
    await confirm.getByLabel('Code from the app').fill('123');
    await confirm.getByRole('button', { name: 'Turn on two-factor login' }).click();
    await expect.poll(() => page.locator('#field-code-error').textContent()).toBe("Wrong code: check that the app shows the site's entry and try the current code");
    const used = new Set<number>();
    await confirm.getByLabel('Code from the app').fill(await freshCode(secret, used));
    await confirm.getByRole('button', { name: 'Turn on two-factor login' }).click();
    const list = page.getByRole('list', { name: 'Recovery codes' });
    await expect.poll(() => list.getByRole('listitem').count()).toBe(10);
    const codes = await list.getByRole('listitem').allTextContents();
    if (database === 'sqlite') await screenshot(page, 'two-factor-recovery-codes');
    await page.getByRole('link', { name: 'I saved them' }).click();
    await expect.poll(() => page.getByTestId('two-factor-status').textContent()).toMatch(/^On since .*\. 10 of 10 recovery codes left\.$/);

    await logOut(page);
    await submitLogin(page, {});
    await expect.poll(() => page.locator('#field-code-error').textContent()).toBe('Enter the 6-digit code from your authenticator app, or a recovery code');
    await page.getByLabel('Two-factor code').fill('000000');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect.poll(() => page.locator('#field-code-error').textContent()).toBe('Wrong code');
    if (database === 'sqlite') await screenshot(page, 'login-two-factor');
    const code = await freshCode(secret, used);
    await page.getByLabel('Two-factor code').fill(code);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(`${site.url}/`);

    await logOut(page);
    await submitLogin(page, {});
    await expect.poll(() => page.getByLabel('Two-factor code').count()).toBe(1);
    await page.getByLabel('Two-factor code').fill(codes[0]!);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(`${site.url}/`);
    await page.goto(`${site.url}/two-factor`);
    await expect.poll(() => page.getByTestId('two-factor-status').textContent()).toMatch(/9 of 10 recovery codes left\.$/);

    await logOut(page);
    await submitLogin(page, {});
    await expect.poll(() => page.getByLabel('Two-factor code').count()).toBe(1);
    await page.getByLabel('Two-factor code').fill(codes[0]!);
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect.poll(() => page.locator('#field-code-error').textContent()).toBe('This recovery code was already used');
    expect(page.url()).toBe(`${site.url}/login`);

    // Turning it off asks for the password as well as a code.
    await page.getByLabel('Two-factor code').fill(codes[1]!);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(`${site.url}/`);
    await page.goto(`${site.url}/two-factor`);
    const off = page.getByRole('form', { name: 'Turn off two-factor login' });
    await off.getByLabel('Your password').fill('not my password');
    await off.getByLabel('Current code or a recovery code').fill(codes[2]!);
    await off.getByRole('button', { name: 'Turn off two-factor login' }).click();
    await expect.poll(() => page.locator('#field-password-error').textContent()).toBe('Wrong password');
    expect(await page.getByTestId('two-factor-status').textContent()).toMatch(/8 of 10 recovery codes left\.$/);
    await off.getByLabel('Your password').fill('careful-password');
    await off.getByLabel('Current code or a recovery code').fill(codes[2]!);
    await off.getByRole('button', { name: 'Turn off two-factor login' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Set up two-factor login' }).count()).toBe(1);
  });
});
