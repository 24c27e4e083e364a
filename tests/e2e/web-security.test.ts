import path from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverActionId } from '../helpers/actions';
import { launchBrowser, phoneScreenshot, screenshot } from '../helpers/browser';
import { startSite, type RunningSite } from '../helpers/server';
import { createUserCli } from '../helpers/users';

let site: RunningSite;
let browser: Browser;

function sql<T = Record<string, unknown>>(query: string, ...args: unknown[]): T[] {
  const conn = new Database(path.join(site.dataDir, 'giveback.db'));
  try {
    const st = conn.prepare(query);
    return (st.reader ? st.all(...args) : (st.run(...args), [])) as T[];
  } finally {
    conn.close();
  }
}

/** A browser context whose pages record every Content-Security-Policy violation in `window.__violations`. */
async function newContext(): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(() => {
    const w = window as unknown as { __violations: string[] };
    w.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__violations.push(e.effectiveDirective));
  });
  return context;
}

async function logIn(page: Page, username: string, password: string) {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
}

const violations = (page: Page) => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);

async function cookieHeader(context: BrowserContext): Promise<string> {
  return (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
}

const idOf = (username: string) => Number(sql<{ id: number }>('SELECT id FROM User WHERE usernameKey = ?', username)[0]!.id);

/** The multipart body a browser sends to a server action that takes only its form state. */
function actionBody(extra = ''): FormData {
  const body = new FormData();
  body.append('0', '[{"status":"idle"}]');
  if (extra) body.append('filler', extra);
  return body;
}

let admin: { context: BrowserContext; page: Page };

beforeAll(async () => {
  site = await startSite();
  createUserCli(site, 'root', 'root-password', 'admin');
  createUserCli(site, 'alice', 'alice-password', 'member');
  const category = sql<{ id: number }>('SELECT id FROM Category LIMIT 1')[0]!.id;
  sql(`INSERT INTO Torrent (infoHashV1, name, title, version, size, pieceLength, fileCount, categoryId, uploaderId, updatedAt)
    VALUES (?, 'debian', 'Debian netinst', 'v1', 1, 1, 1, ?, ?, '2026-01-01T00:00:00.000+00:00')`, 'd'.repeat(40), category, idOf('root'));
  browser = await launchBrowser();
  const context = await newContext();
  const page = await context.newPage();
  await page.goto(`${site.url}/login`);
  await logIn(page, 'root', 'root-password');
  await page.getByRole('link', { name: 'Staff' }).waitFor();
  admin = { context, page };
});

afterAll(async () => {
  await browser?.close();
  await site?.stop();
});

describe('Content-Security-Policy with a nonce per response', () => {
  it('gives every response its own nonce, on the site\'s scripts, and no unsafe-inline for scripts', async () => {
    const [a, b] = await Promise.all([fetch(`${site.url}/login`), fetch(`${site.url}/login`)]);
    const nonceOf = (csp: string | null) => /script-src 'self' 'nonce-([A-Za-z0-9+/=]{24})';/.exec(csp ?? '')?.[1];
    const nonce = nonceOf(a.headers.get('content-security-policy'));
    expect(nonce).toBeDefined();
    expect(nonceOf(b.headers.get('content-security-policy'))).not.toBe(nonce);
    expect(a.headers.get('content-security-policy')).not.toContain('unsafe-inline');
    const html = await a.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((s) => !s.includes(`nonce="${nonce}"`))).toEqual([]);
  });

  it('runs the site\'s own pages without a single violation', async () => {
    const page = admin.page;
    for (const pathname of ['/', '/torrents', '/upload', '/invites', '/settings', '/admin', '/admin/settings', '/users/root']) {
      const res = await page.goto(`${site.url}${pathname}`);
      expect([pathname, res?.status()]).toEqual([pathname, 200]);
      expect([pathname, await violations(page)]).toEqual([pathname, []]);
    }
    // Client-side code runs: a navigation through the menu is handled by the router, not a page load.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Torrents' }).click();
    await page.waitForURL(`${site.url}/torrents`);
    expect(await violations(page)).toEqual([]);
  });

  it('does not run a script or an event handler injected into a page', async () => {
    const page = admin.page;
    await page.goto(`${site.url}/torrents`);
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__injected = "script ran"';
      document.body.appendChild(script);
      const loaded = document.createElement('script');
      loaded.src = 'data:text/javascript,window.__injected = "data: script ran"';
      document.body.appendChild(loaded);
      const holder = document.createElement('div');
      holder.innerHTML = '<img src="/favicon.ico?x" onload="window.__injected = \'handler ran\'" onerror="window.__injected = \'handler ran\'">';
      document.body.appendChild(holder);
    });
    await expect.poll(async () => [...new Set(await violations(page))].sort()).toEqual(['script-src-attr', 'script-src-elem']);
    expect(await page.evaluate(() => (window as unknown as { __injected?: string }).__injected ?? 'nothing ran')).toBe('nothing ran');
  });
});

describe('cross-site requests are refused before anything is written', () => {
  it('refuses a role change through a staff route without Origin and with cross-site fetch metadata, or with neither', async () => {
    const cookie = await cookieHeader(admin.context);
    const target = idOf('alice');
    const forged: Record<string, string>[] = [{ 'sec-fetch-site': 'cross-site' }, {}, { origin: 'https://evil.example', 'sec-fetch-site': 'same-origin' }];
    for (const headers of forged) {
      const res = await fetch(`${site.url}/admin/members/${target}/role`, {
        method: 'POST',
        headers: { cookie, accept: 'application/json', ...headers },
        body: new URLSearchParams({ role: 'moderator', reason: 'forged promotion' }),
      });
      expect([headers, res.status]).toEqual([headers, 403]);
    }
    expect(sql("SELECT role FROM User WHERE usernameKey = 'alice'")).toEqual([{ role: 'member' }]);
    expect(sql("SELECT count(*) AS n FROM AuditLog WHERE action LIKE 'user.role%'")).toEqual([{ n: 0 }]);
  });

  it('refuses an invite created through a server action without Origin and with cross-site fetch metadata', async () => {
    const cookie = await cookieHeader(admin.context);
    const action = serverActionId('app/(site)/invites/actions.ts', 'createInviteAction');
    const send = (headers: Record<string, string>) =>
      fetch(`${site.url}/invites`, { method: 'POST', headers: { cookie, 'next-action': action, accept: 'text/x-component', ...headers }, body: actionBody() });
    const refused = await send({ 'sec-fetch-site': 'cross-site' });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toBe('Cross-site request refused: it comes from another site');
    expect((await send({})).status).toBe(403);
    expect(sql('SELECT count(*) AS n FROM Invite')).toEqual([{ n: 0 }]);
    // The same request as the site's own page sends it goes through: the refusal above is the origin's.
    expect((await send({ 'sec-fetch-site': 'same-origin', origin: site.url })).status).toBe(200);
    expect(sql('SELECT count(*) AS n FROM Invite')).toEqual([{ n: 1 }]);
  });
});

describe('refused server actions', () => {
  it('answer a member\'s forged post with a status the client sees, also when posted to another page', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(`${site.url}/login`);
    await logIn(page, 'alice', 'alice-password');
    await page.waitForURL(`${site.url}/`);
    const action = serverActionId('app/admin/settings/actions.ts', 'registrationModeAction');
    const statuses = await page.evaluate(async (id) => {
      const post = async (url: string) => {
        const body = new FormData();
        body.append('0', '[{"status":"idle"},"$K1"]');
        body.append('1_registrationMode', 'open');
        const res = await fetch(url, { method: 'POST', headers: { 'Next-Action': id, Accept: 'text/x-component' }, body });
        return [res.status, (await res.text()).slice(0, 60)];
      };
      return [await post('/admin/settings'), await post('/'), await post('/torrents')];
    }, action);
    expect(statuses).toEqual([[403, 'Forbidden: staff only'], [404, 'Server action not found on this page'], [404, 'Server action not found on this page']]);
    expect(sql("SELECT value FROM Setting WHERE key = 'registrationMode'")).toEqual([]);
    await context.close();
  });

  it('answer anonymous multipart posts with 401 or 404, and nobody can write an uncaught exception into the log', async () => {
    const invite = serverActionId('app/(site)/invites/actions.ts', 'createInviteAction');
    const send = (pathname: string, filler = '') =>
      fetch(`${site.url}${pathname}`, { method: 'POST', headers: { 'next-action': invite, 'sec-fetch-site': 'same-origin' }, body: actionBody(filler) });
    const answers: unknown[] = [];
    for (const [pathname, filler] of [['/invites', ''], ['/', ''], ['/', 'x'.repeat(300_000)], ['/torrents', 'y'.repeat(64)]] as const) {
      const res = await send(pathname, filler);
      answers.push([pathname, res.status, (await res.text()).slice(0, 40)]);
    }
    await new Promise((r) => setTimeout(r, 500));
    expect(site.output()).not.toMatch(/uncaught/i);
    const notHere = 'Server action not found on this page';
    expect(answers).toEqual([['/invites', 401, expect.any(String)], ['/', 404, notHere], ['/', 404, notHere], ['/torrents', 404, notHere]]);
    expect(sql('SELECT count(*) AS n FROM Invite')).toEqual([{ n: 1 }]);
  });
});

describe('returning after logging in', () => {
  it('answers a malformed callbackUrl without a server error', async () => {
    const bad = encodeURIComponent('http://127.0.0.1:3402.evil.example/');
    for (const pathname of [`/api/auth/session?callbackUrl=${bad}`, `/api/auth/csrf?callbackUrl=${bad}`, `/login?callbackUrl=${bad}`]) {
      const res = await fetch(`${site.url}${pathname}`, { redirect: 'manual' });
      expect([pathname, res.status]).toEqual([pathname, 200]);
    }
    const signin = await fetch(`${site.url}/api/auth/signin?callbackUrl=${bad}`, { redirect: 'manual' });
    expect(signin.status).toBe(302);
    expect(signin.headers.get('location')).not.toContain('evil');
    expect(site.output()).not.toContain('Invalid URL');
  });

  it('brings a member back to the page that sent them to the login page', async () => {
    const context = await newContext();
    const page = await context.newPage();
    const res = await page.goto(`${site.url}/settings`);
    expect(res?.status()).toBe(401);
    await page.getByRole('link', { name: 'Log in', exact: true }).last().click();
    await page.waitForURL(`${site.url}/login?callbackUrl=%2Fsettings`);
    await logIn(page, 'alice', 'alice-password');
    await page.waitForURL(`${site.url}/settings`);
    await expect.poll(() => page.getByTestId('passkey').count()).toBe(1);
    await context.close();
  });

  it('ignores a return address on another site, and the malformed one of the review', async () => {
    for (const target of ['https://evil.example/phish', 'http://127.0.0.1:3402.evil.example/', '//evil.example/']) {
      const context = await newContext();
      const page = await context.newPage();
      await page.goto(`${site.url}/login?callbackUrl=${encodeURIComponent(target)}`);
      await logIn(page, 'alice', 'alice-password');
      await page.waitForURL(`${site.url}/`);
      await context.close();
    }
  });
});

describe('search', () => {
  it('says next to the field that a 5,000-character search is too long, instead of listing every torrent', async () => {
    const page = admin.page;
    await page.goto(`${site.url}/torrents`);
    expect(await page.getByRole('link', { name: 'Debian netinst' }).count()).toBe(1);
    await page.goto(`${site.url}/torrents?q=${'a'.repeat(5000)}`);
    await expect.poll(() => page.locator('#field-q-error').textContent()).toBe('Search is at most 200 characters; yours has 5,000. Shorten it.');
    expect(await page.getByRole('searchbox', { name: 'Search' }).getAttribute('aria-describedby')).toBe('field-q-error');
    expect(await page.getByRole('link', { name: 'Debian netinst' }).count()).toBe(0);
    expect(await page.getByText('Shorten the search to see results.').count()).toBe(1);
    await screenshot(page, 'search-too-long');
    await phoneScreenshot(page, 'search-too-long');
    await page.setViewportSize({ width: 360, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});
