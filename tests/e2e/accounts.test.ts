import { spawnSync } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverActionId } from '../helpers/actions';
import { launchBrowser, phoneScreenshot, screenshot } from '../helpers/browser';
import { ROOT, siteEnv, startSite, type RunningSite } from '../helpers/server';

const ADMIN = { username: 'admin', password: 'correct horse battery' };
const MEMBER = { username: 'alice', password: 'alice-password-1' };

let site: RunningSite;
let browser: Browser;

function sql(query: string, ...args: unknown[]) {
  const conn = new Database(path.join(site.dataDir, 'giveback.db'));
  try {
    const statement = conn.prepare(query);
    return (statement.reader ? statement.all(...args) : (statement.run(...args), [])) as Record<string, unknown>[];
  } finally {
    conn.close();
  }
}

async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  return { context, page: await context.newPage() };
}

async function logIn(page: Page, username: string, password: string) {
  await page.goto(`${site.url}/login`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
}

async function register(page: Page, fields: { username: string; password: string; invite?: string; confirm?: string }) {
  await page.getByLabel('Username').fill(fields.username);
  await page.getByLabel('Password', { exact: true }).fill(fields.password);
  await page.getByLabel('Confirm password').fill(fields.confirm ?? fields.password);
  if (fields.invite !== undefined) await page.getByLabel(/Invite code/).fill(fields.invite);
  await page.getByRole('button', { name: 'Create account' }).click();
}

async function createInvite(page: Page): Promise<string> {
  await page.goto(`${site.url}/invites`);
  await page.getByRole('button', { name: 'Create invite' }).click();
  const link = (await page.getByTestId('invite-link').textContent()) ?? '';
  expect(link).toMatch(/\/register\?invite=[0-9a-f]{32}$/);
  return link;
}

function fieldError(page: Page, name: string) {
  return page.locator(`#field-${name}-error`);
}

beforeAll(async () => {
  site = await startSite();
  const made = spawnSync('npm', ['run', '--silent', 'user:create', '--', '--admin', '--username', ADMIN.username], {
    cwd: ROOT,
    env: { ...siteEnv(site.dataDir, site.port), GIVEBACK_PASSWORD: ADMIN.password },
    encoding: 'utf8',
  });
  expect(made.stdout + made.stderr).toContain('Created admin admin');
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await site?.stop();
});

describe('accounts, invites and roles in a real browser', () => {
  let inviteLink = '';
  const adminSession: { context?: BrowserContext; page?: Page } = {};

  it('the admin logs in and creates an invite', async () => {
    const { context, page } = await newPage();
    Object.assign(adminSession, { context, page });
    await logIn(page, ADMIN.username, ADMIN.password);
    await expect.poll(() => page.getByRole('link', { name: 'Staff' }).count()).toBe(1);
    await screenshot(page, 'home-admin');
    inviteLink = await createInvite(page);
    await screenshot(page, 'invites');
  });

  it('a new member registers with the invite, logs in and sees their profile', async () => {
    const { context, page } = await newPage();
    await page.goto(inviteLink);
    await screenshot(page, 'register');
    await register(page, MEMBER);
    // Registering logs the new member in and takes them home.
    await page.waitForURL(`${site.url}/`);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: MEMBER.username }).click();
    await page.waitForURL(/\/users\/alice$/);
    expect(await page.getByTestId('profile-role').textContent()).toBe('Member');
    expect(await page.getByTestId('profile-invited-by').textContent()).toBe('admin');
    expect(await page.getByTestId('profile-uploaded').textContent()).toBe('0 B');
    expect(await page.getByTestId('profile-ratio').textContent()).toBe('∞');
    expect(await page.getByTestId('nav-stats').textContent()).toBe('↑ 0 B · ↓ 0 B · ratio ∞');
    await screenshot(page, 'profile');
    await phoneScreenshot(page, 'profile');
    await context.close();
  });

  it('refuses a used invite, a taken username in other letter case and over-long fields, next to the field', async () => {
    const { context, page } = await newPage();
    await page.goto(inviteLink);
    await register(page, { username: 'bob', password: 'bob-password-1' });
    await expect.poll(() => fieldError(page, 'inviteCode').textContent()).toBe('This invite has already been used');

    const fresh = await createInvite(adminSession.page!);
    await page.goto(fresh);
    await register(page, { username: 'ALICE', password: 'another-password' });
    await expect.poll(() => fieldError(page, 'username').textContent()).toBe('This username is taken');
    await register(page, { username: 'x'.repeat(40), password: 'p'.repeat(200) });
    await expect.poll(() => fieldError(page, 'username').textContent()).toBe('Username must be at most 32 characters');
    expect(await fieldError(page, 'password').textContent()).toBe('Password must be at most 128 characters');
    await screenshot(page, 'register-errors');
    expect(sql('select count(*) as n from User')[0]?.n).toBe(2);
    await context.close();
  });

  it('refuses an expired invite', async () => {
    const link = await createInvite(adminSession.page!);
    const code = link.split('=')[1];
    sql("update Invite set expiresAt = 0 where code = ?", code);
    const { context, page } = await newPage();
    await page.goto(link);
    await register(page, { username: 'carol', password: 'carol-password' });
    await expect.poll(() => fieldError(page, 'inviteCode').textContent()).toBe('This invite has expired');
    expect(sql("select count(*) as n from User where usernameKey = 'carol'")[0]?.n).toBe(0);
    await context.close();
  });

  it('a member resets their passkey and the old one is gone', async () => {
    const { context, page } = await newPage();
    await logIn(page, MEMBER.username, MEMBER.password);
    await page.waitForURL(`${site.url}/`);
    await page.goto(`${site.url}/settings`);
    const before = await page.getByTestId('passkey').textContent();
    expect(before).toMatch(/^[0-9a-f]{32}$/);
    expect(await page.getByTestId('announce-url').textContent()).toBe(`${site.url}/announce?passkey=${before}`);
    await screenshot(page, 'settings');
    await phoneScreenshot(page, 'settings');
    await page.getByRole('button', { name: 'Reset passkey' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reset your passkey?' });
    expect(await dialog.textContent()).toContain('Your current passkey stops working at once');
    await dialog.getByRole('button', { name: 'Reset my passkey' }).click();
    await expect.poll(() => page.getByText('Your passkey was reset').count()).toBe(1);
    await page.reload();
    const after = await page.getByTestId('passkey').textContent();
    expect(after).toMatch(/^[0-9a-f]{32}$/);
    expect(after).not.toBe(before);
    expect(sql('select count(*) as n from User where passkey = ?', before)[0]?.n).toBe(0);
    expect(site.output()).not.toContain(before!);
    expect(site.output()).not.toContain(after!);

    // A forged POST to an admin-only server action, sent from the member's own logged-in page.
    const actionId = serverActionId('app/admin/settings/actions.ts', 'registrationModeAction');
    const status = await page.evaluate(async (id) => {
      const body = new FormData();
      body.append('0', '[{"status":"idle"},"$K1"]');
      body.append('1_registrationMode', 'open');
      const res = await fetch('/admin/settings', { method: 'POST', headers: { 'Next-Action': id, Accept: 'text/x-component' }, body });
      return res.status;
    }, actionId);
    expect(status).toBe(403);
    expect(sql("select value from Setting where key = 'registrationMode'")).toEqual([]);

    await page.getByRole('button', { name: 'Log out', exact: true }).click();
    await page.waitForURL(/\/login/);
    await page.goto(`${site.url}/settings`);
    await expect.poll(() => page.getByText('This page is for members.').count()).toBe(1);
    await context.close();
  });

  it('"log out everywhere" ends the session', async () => {
    const { context, page } = await newPage();
    await logIn(page, MEMBER.username, MEMBER.password);
    await page.waitForURL(`${site.url}/`);
    await page.goto(`${site.url}/settings`);
    await page.getByRole('button', { name: 'Log out everywhere' }).click();
    await expect.poll(() => page.getByText('You are logged out everywhere.').count()).toBe(1);
    await page.goto(`${site.url}/settings`);
    await expect.poll(() => page.getByText('This page is for members.').count()).toBe(1);
    await context.close();
  });

  it('a tampered session cookie is treated as logged out, not as an error', async () => {
    const cookies = await adminSession.context!.cookies();
    const session = cookies.find((c) => c.name.endsWith('next-auth.session-token'));
    expect(session).toBeDefined();
    const { context, page } = await newPage();
    await context.addCookies([{ ...session!, value: `${session!.value.slice(0, -4)}AAAA` }]);
    const res = await page.goto(`${site.url}/settings`);
    expect(res?.status()).toBe(401);
    await expect.poll(() => page.getByText('This page is for members.').count()).toBe(1);
    await context.close();
  });

  it('the admin opens registration and a stranger registers without an invite; closing it refuses', async () => {
    const page = adminSession.page!;
    await page.goto(`${site.url}/admin/settings`);
    await page.getByLabel('Open').check();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.getByText('Registration mode saved.').count()).toBe(1);
    await screenshot(page, 'admin-settings');

    const { context, page: stranger } = await newPage();
    await stranger.goto(`${site.url}/register`);
    await register(stranger, { username: 'stranger', password: 'stranger-password' });
    await stranger.waitForURL(`${site.url}/`);
    expect(sql("select role, invitedById from User where usernameKey = 'stranger'")).toEqual([{ role: 'member', invitedById: null }]);

    await page.reload();
    await page.getByLabel('Closed').check();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.getByText('Registration mode saved.').count()).toBe(1);
    expect(sql("select value from Setting where key = 'registrationMode'")).toEqual([{ value: '"closed"' }]);
    await stranger.goto(`${site.url}/register`);
    await expect.poll(() => stranger.getByText('Registration is closed.').count()).toBe(1);
    await page.goto(`${site.url}/admin/invites`);
    await expect.poll(() => page.getByTestId('invite-tree').getByText('alice').count()).toBe(1);
    await screenshot(page, 'invite-tree');
    await context.close();
  });

  it('wrong passwords get one message for unknown users and wrong passwords, then are throttled', async () => {
    const { context, page } = await newPage();
    await logIn(page, 'nobody-here', 'whatever-password');
    await expect.poll(() => fieldError(page, 'password').textContent()).toBe('Wrong username or password');
    for (let i = 0; i < 4; i++) {
      await logIn(page, MEMBER.username, 'wrong-password');
      await expect.poll(() => fieldError(page, 'password').textContent()).toBe('Wrong username or password');
    }
    await logIn(page, MEMBER.username, MEMBER.password);
    await expect.poll(() => fieldError(page, 'password').textContent()).toMatch(/^Too many failed attempts\. Try again in \d+ seconds\.$/);
    await screenshot(page, 'login-throttled');
    await context.close();
  });
});
