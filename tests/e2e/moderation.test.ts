import path from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, logInAs } from '../helpers/browser';
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

const idOf = (username: string) => Number(sql<{ id: bigint }>('SELECT id FROM User WHERE usernameKey = ?', username)[0]!.id);

/** A POST to a staff route from the given page, with the fields a real form would send. */
function post(page: Page, url: string, fields: Record<string, string>) {
  return page.evaluate(
    async ({ url, fields }) => {
      const body = new FormData();
      for (const [k, v] of Object.entries(fields)) body.append(k, v);
      const res = await fetch(url, { method: 'POST', body });
      return res.status;
    },
    { url, fields },
  );
}

beforeAll(async () => {
  site = await startSite();
  createUserCli(site, 'root', 'root-password', 'admin');
  createUserCli(site, 'mod', 'mod-password', 'moderator');
  for (const name of ['goodratio', 'badratio', 'okratio', 'plainmember']) createUserCli(site, name, `${name}-password`, 'member');
  sql('UPDATE User SET uploaded = ?, downloaded = ? WHERE usernameKey = ?', 30n * GiB, 10n * GiB, 'goodratio');
  sql('UPDATE User SET uploaded = ?, downloaded = ? WHERE usernameKey = ?', 1n * GiB, 20n * GiB, 'badratio');
  sql('UPDATE User SET uploaded = ?, downloaded = ? WHERE usernameKey = ?', 8n * GiB, 10n * GiB, 'okratio');
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await site?.stop();
});

describe('staff moderation in a real browser', () => {
  it('a moderator finds the worst ratios and adjusts a member with a reason that lands in the audit log', async () => {
    const page = await logIn('mod', 'mod-password');
    await page.goto(`${site.url}/admin`);
    expect(await page.getByTestId('dash-members').textContent()).toBe('6');
    await screenshot(page, 'staff-dashboard');
    await page.getByRole('navigation', { name: 'Staff' }).getByRole('link', { name: 'Members' }).click();
    await page.waitForURL(/\/admin\/members/);
    const firstRow = page.getByRole('table', { name: 'Members' }).locator('tbody tr').first();
    expect(await firstRow.locator('td').first().textContent()).toBe('badratio');
    expect(await firstRow.locator('td').nth(4).textContent()).toBe('0.05');
    await screenshot(page, 'staff-members');

    await firstRow.getByRole('link', { name: 'badratio' }).click();
    await page.waitForURL(/\/admin\/members\/\d+$/);
    const form = page.getByRole('form', { name: 'Adjust statistics' });
    await form.getByLabel('Statistic').selectOption('uploaded');
    await form.getByLabel('How').selectOption('add');
    await form.getByLabel('Amount').fill('2.5');
    await form.getByRole('button', { name: 'Adjust statistics' }).click();
    await expect.poll(() => form.locator('#adjust-reason-error').textContent()).toBe('Give a reason (at least 3 characters)');
    await form.getByLabel('Reason').fill('Credit lost in the tracker outage of 2026-11-20');
    await form.getByRole('button', { name: 'Adjust statistics' }).click();
    await expect.poll(() => form.getByRole('status').textContent()).toBe('Uploaded changed from 1.00 GiB to 3.50 GiB.');
    await expect.poll(() => page.getByTestId('admin-uploaded').getAttribute('data-bytes')).toBe(String(GiB * 7n / 2n));
    await expect.poll(() => page.getByTestId('member-audit').textContent()).toContain('Credit lost in the tracker outage');
    await screenshot(page, 'staff-member');

    const leeching = page.getByRole('form', { name: 'Disable leeching' });
    await leeching.getByLabel('Reason').fill('Hit and run on three torrents');
    await leeching.getByRole('button', { name: 'Disable leeching' }).click();
    await expect.poll(() => page.getByTestId('admin-leeching').textContent()).toBe('disabled (staff)');
    expect(sql("SELECT leechingDisabled, leechingDisabledReason FROM User WHERE usernameKey = 'badratio'")).toEqual([{ leechingDisabled: 1n, leechingDisabledReason: 'staff' }]);

    await page.goto(`${site.url}/admin/audit?action=stats`);
    const entry = page.getByRole('table', { name: 'Audit log' }).locator('tbody tr').first();
    expect(await entry.locator('td').nth(1).innerText()).toBe('mod');
    expect(await entry.locator('td').nth(2).innerText()).toBe('stats.uploaded');
    expect(await entry.locator('td').nth(3).innerText()).toBe('badratio');
    expect(await entry.locator('td').nth(4).innerText()).toBe('Uploaded: 1.00 GiB → 3.50 GiB');
    expect(await entry.locator('td').nth(5).innerText()).toBe('Credit lost in the tracker outage of 2026-11-20');
    await screenshot(page, 'staff-audit');
  });

  it('the member sees their standing on every page, and the admin edits the ratio rules', async () => {
    const member = await logIn('badratio', 'badratio-password');
    await expect.poll(() => member.getByTestId('ratio-banner').textContent()).toContain('Leeching disabled by staff');
    await member.goto(`${site.url}/users/badratio`);
    expect(await member.getByTestId('profile-required').textContent()).toBe('0.30');
    expect(await member.getByTestId('profile-to-upload').textContent()).toBe('2.50 GiB');
    await screenshot(member, 'member-ratio-standing');

    const admin = await logIn('root', 'root-password');
    await admin.goto(`${site.url}/admin/settings`);
    const settings = admin.getByRole('form', { name: 'Save ratio settings' });
    await settings.getByLabel('Ratio watch length (days)').fill('21');
    // The field is a date picker; a hand-made POST with text that is no date is still refused by the server.
    expect(await settings.getByLabel('Site-wide freeleech until (UTC, empty for off)').getAttribute('type')).toBe('datetime-local');
    expect(await post(admin, `${site.url}/admin/settings/ratio`, { watchDays: '21', maxDownloadDuringWatchGiB: '10', startingCreditGiB: '0', announceIntervalMinutes: '30', siteFreeleechUntil: 'not a date', siteDoubleUploadUntil: '' })).toBe(400);
    await settings.getByRole('button', { name: 'Save ratio settings' }).click();
    await expect.poll(() => settings.getByRole('status').textContent()).toBe('Saved: Ratio watch length.');
    expect(sql("SELECT value FROM Setting WHERE key = 'watchDays'")).toEqual([{ value: '21' }]);

    const table = admin.getByRole('form', { name: 'Save new table' });
    await table.getByLabel(/^Rows/).fill('0 5 0.00 0.00\n5 banana');
    await table.getByRole('button', { name: 'Save new table' }).click();
    await expect.poll(() => table.locator('#table-rows-error').textContent()).toBe('Line 2: write "from to ratio-at-0% ratio-at-100%", e.g. "5 10 0.15 0.00"');
    await table.getByLabel(/^Rows/).fill('0 10 0.00 0.00\n10 - 0.50 0.25');
    await table.getByRole('button', { name: 'Save new table' }).click();
    await expect.poll(() => table.getByRole('status').textContent()).toMatch(/^Table saved; it takes effect .* UTC\. Running watches keep their table\.$/);
    await screenshot(admin, 'admin-settings-ratio');
  });

  it('a moderator sees a member\'s cheat flags, one row per torrent and kind with how often and when', async () => {
    const userId = idOf('okratio');
    const category = sql<{ id: bigint }>('SELECT id FROM Category LIMIT 1')[0]!.id;
    sql(`INSERT INTO Torrent (infoHashV1, name, title, version, size, pieceLength, fileCount, categoryId, uploaderId, updatedAt)
      VALUES (?, 'flagged', 'Flagged torrent', 'v1', 1, 1, 1, ?, ?, '2026-01-01T00:00:00.000+00:00')`, 'f'.repeat(40), category, userId);
    const torrentId = sql<{ id: bigint }>("SELECT id FROM Torrent WHERE title = 'Flagged torrent'")[0]!.id;
    sql(`INSERT INTO CheatFlag (userId, torrentId, kind, details, count, createdAt, lastAt) VALUES (?, ?, 'upload-without-leechers', ?, 3,
      '2026-01-01T00:00:00.000+00:00', '2026-01-03T00:00:00.000+00:00')`, userId, torrentId,
    JSON.stringify({ reportedUploaded: String(5n * GiB), reportedDownloaded: '0', seconds: 1800 }));
    const page = await logIn('mod', 'mod-password');
    await page.goto(`${site.url}/admin/members/${userId}`);
    const rows = page.getByTestId('member-flags').locator('tbody tr');
    expect(await rows.count()).toBe(1);
    const cells = await rows.first().locator('td').allTextContents();
    expect(cells[0]).toBe('Flagged torrent');
    expect(cells.slice(1, 3)).toEqual(['upload-without-leechers', '3']);
    expect(cells[5]).toBe('reported 5.00 GiB up, 0 B down in 1800 s');
    expect(cells[3]).not.toBe(cells[4]);
    await page.context().close();
  });

  it('a moderator acting on an admin gets 403 and nothing changes', async () => {
    const page = await logIn('mod', 'mod-password');
    const admin = idOf('root');
    const before = sql('SELECT uploaded, bannedAt, role FROM User WHERE id = ?', admin);
    expect(await post(page, `/admin/members/${admin}/adjust`, { field: 'uploaded', mode: 'add', amount: '100', unit: 'GiB', reason: 'sneaky' })).toBe(403);
    expect(await post(page, `/admin/members/${admin}/ban`, { reason: 'coup attempt' })).toBe(403);
    expect(await post(page, `/admin/members/${idOf('plainmember')}/role`, { role: 'admin', reason: 'promote above myself' })).toBe(403);
    expect(sql('SELECT uploaded, bannedAt, role FROM User WHERE id = ?', admin)).toEqual(before);
    expect(sql("SELECT role FROM User WHERE usernameKey = 'plainmember'")).toEqual([{ role: 'member' }]);
    await page.goto(`${site.url}/admin/members/${admin}`);
    await expect.poll(() => page.getByText('staff act only on lower ranks').count()).toBe(1);
  });

  it('a member posting directly to staff actions gets 403 and nothing changes', async () => {
    const page = await logIn('plainmember', 'plainmember-password');
    const target = idOf('goodratio');
    const before = sql('SELECT uploaded, downloaded, bannedAt FROM User');
    const audits = sql<{ n: bigint }>('SELECT count(*) AS n FROM AuditLog')[0]!.n;
    expect(await post(page, `/admin/members/${target}/adjust`, { field: 'uploaded', mode: 'add', amount: '100', unit: 'GiB', reason: 'free credit' })).toBe(403);
    expect(await post(page, `/admin/members/${idOf('plainmember')}/adjust`, { field: 'uploaded', mode: 'add', amount: '100', unit: 'GiB', reason: 'free credit' })).toBe(403);
    expect(await post(page, `/admin/members/${target}/ban`, { reason: 'rival' })).toBe(403);
    expect(await post(page, '/admin/blacklist/add', { prefix: '-qB', note: 'x' })).toBe(403);
    expect(sql('SELECT uploaded, downloaded, bannedAt FROM User')).toEqual(before);
    expect(sql<{ n: bigint }>('SELECT count(*) AS n FROM AuditLog')[0]!.n).toBe(audits);
    const res = await page.goto(`${site.url}/admin/members`);
    expect(res?.status()).toBe(403);
  });

  it('a ban ends the member\'s session and is audited; staff manage the client blacklist', async () => {
    const member = await logIn('okratio', 'okratio-password');
    const mod = await logIn('mod', 'mod-password');
    await mod.goto(`${site.url}/admin/members/${idOf('okratio')}`);
    const ban = mod.getByRole('form', { name: 'Ban' });
    await ban.getByLabel('Reason').fill('Cheating: reported upload without leechers');
    await ban.getByRole('button', { name: 'Ban' }).click();
    // Nothing is sent until the dialog that says what a ban does is confirmed.
    const dialog = ban.getByRole('dialog', { name: 'Ban okratio?' });
    expect(await dialog.textContent()).toContain('is logged out everywhere at once, cannot log in, and the tracker refuses their clients');
    expect(sql<{ n: bigint }>('SELECT count(*) AS n FROM User WHERE usernameKey = ? AND bannedAt IS NOT NULL', 'okratio')[0]!.n).toBe(0n);
    await dialog.getByRole('button', { name: 'Ban okratio' }).click();
    await expect.poll(() => ban.getByRole('status').textContent()).toBe('Banned: their sessions ended and the tracker refuses them.');
    const res = await member.goto(`${site.url}/settings`);
    expect(res?.status()).toBe(401);

    await mod.goto(`${site.url}/admin/blacklist`);
    const add = mod.getByRole('form', { name: 'Add to blacklist' });
    await add.getByLabel('peer_id prefix').fill('-XL0012-');
    await add.getByLabel('Note').fill('Xunlei leeches');
    await add.getByRole('button', { name: 'Add to blacklist' }).click();
    await expect.poll(() => add.getByRole('alert').or(add.getByRole('status')).textContent()).toBe('Clients starting with -XL0012- are refused.');
    expect(sql("SELECT prefix FROM ClientBlacklist")).toEqual([{ prefix: '-XL0012-' }]);
    await screenshot(mod, 'staff-blacklist');
  });
});
