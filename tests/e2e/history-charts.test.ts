import path from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, dayOf } from '@/lib/history/days';
import { launchBrowser, screenshot } from '../helpers/browser';
import { startSite, type RunningSite } from '../helpers/server';
import { createUserCli } from '../helpers/users';
import { waitFor } from '../helpers/wait';

const GiB = 1024n ** 3n;
let site: RunningSite;
let browser: Browser;
const today = dayOf(new Date());

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

const idOf = (username: string) => Number(sql<{ id: bigint }>('SELECT id FROM User WHERE usernameKey = ?', username)[0]!.id);

function memberRow(username: string, day: string, uploaded: bigint, downloaded: bigint, requiredRatio = 0.3) {
  sql('INSERT INTO MemberSnapshot (userId, day, uploaded, downloaded, actualUploaded, actualDownloaded, seeding, requiredRatio) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    idOf(username), day, uploaded, downloaded, uploaded, downloaded, 1, requiredRatio);
}

async function logIn(username: string, password: string, width: number, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width, height: 740 }, colorScheme })).newPage();
  await page.goto(`${site.url}/login`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(`${site.url}/`);
  return page;
}

/**
 * How far the page scrolls sideways with every chart's table opened (0: not at all), and when it does, the
 * innermost elements that reach past the screen's right edge, so a failure names them.
 */
async function sidewaysScroll(page: Page): Promise<{ scroll: number; wider: string[] }> {
  return page.evaluate(() => {
    for (const d of document.querySelectorAll('details')) d.open = true;
    const width = document.documentElement.clientWidth;
    const past = (e: Element) => e.getBoundingClientRect().right > width + 1;
    const scroll = document.documentElement.scrollWidth - width;
    // Only when the page scrolls: inside a table's own scrolling box, wide rows are expected.
    const wider = scroll > 0 ? [...document.querySelectorAll('body *')].filter((e) => past(e) && ![...e.children].some(past)) : [];
    return { scroll, wider: wider.slice(0, 5).map((e) => `${e.tagName} ${e.textContent?.slice(0, 40)}`) };
  });
}

/** Each chart on the page: its title, how many days it draws, and its legend's colours. */
async function charts(page: Page) {
  return page.locator('figure[data-chart]').evaluateAll((figures) => figures.map((f) => ({
    title: f.getAttribute('data-chart'),
    points: Number(f.getAttribute('data-points')),
    legend: [...f.querySelectorAll('li > span')].map((s) => getComputedStyle(s).backgroundColor),
  })));
}

beforeAll(async () => {
  site = await startSite();
  // The site's scheduler takes today's snapshot as it starts (no members yet).
  await waitFor(() => site.output().includes(`history: snapshot of ${today} taken`), 'the start-up snapshot', 30_000);
  createUserCli(site, 'root', 'root-password', 'admin');
  for (const name of ['yearlong', 'twodays', 'oneday']) createUserCli(site, name, `${name}-password`, 'member');
  for (let i = 364; i >= 1; i--) {
    const day = addDays(today, -i);
    sql(`INSERT INTO SiteSnapshot (day, takenAt, members, torrents, seeders, leechers, uploaded, downloaded)
         SELECT ?, takenAt, ?, ?, ?, ?, ?, ? FROM SiteSnapshot WHERE day = ?`, day, 365 - i, 2 * (365 - i), 3 * (365 - i), 365 - i, BigInt(365 - i) * 10n * GiB, BigInt(365 - i) * GiB, today);
    memberRow('yearlong', day, BigInt(365 - i) * GiB * 40n, 1000n * GiB);
  }
  sql('UPDATE SiteSnapshot SET uploaded = ?, downloaded = ? WHERE day = ?', 3650n * GiB, 365n * GiB, today);
  memberRow('yearlong', today, 60n * 1024n * GiB, 1000n * GiB);
  memberRow('twodays', addDays(today, -1), 0n, 0n, 0);
  memberRow('twodays', today, 39n * 1024n * 1024n, 10n * GiB);
  memberRow('oneday', today, 5n * GiB, 2n * GiB);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await site?.stop();
});

describe('history charts in a real browser', () => {
  it.each([
    ['oneday', 7, 1],
    ['twodays', 7, 2],
    ['yearlong', 365, 365],
  ] as const)('draws %s\'s %i-day history (%i points) on their profile with coloured legends, without sideways scroll at 360 px', async (name, days, points) => {
    const page = await logIn(name, `${name}-password`, 360);
    await page.goto(`${site.url}/users/${name}?days=${days}`);
    expect((await charts(page)).map((c) => [c.title, c.points])).toEqual([[`Uploaded and downloaded, ${days} days`, points], [`Ratio, ${days} days`, points]]);
    const legends = (await charts(page)).flatMap((c) => c.legend);
    // Tailwind 4 writes colours as oklch(); what matters is that no swatch is left black or transparent.
    for (const colour of legends) expect(colour).not.toMatch(/^rgba?\(0, 0, 0(, 0)?\)$/);
    expect(new Set(legends).size).toBe(4);
    expect(await page.getByRole('link', { name: `${days} days` }).getAttribute('aria-current')).toBe('page');
    await screenshot(page, `history-${name}-360`);
    expect(await sidewaysScroll(page)).toEqual({ scroll: 0, wider: [] });
    await screenshot(page, `history-${name}-360-tables`);
    await page.close();
  });

  it('shows a staff adjustment-sized jump in the 365-day chart\'s tooltips and table, in dark mode too', async () => {
    const page = await logIn('yearlong', 'yearlong-password', 1280, 'dark');
    await page.goto(`${site.url}/users/yearlong?days=365`);
    const chart = page.locator('figure[data-chart="Uploaded and downloaded, 365 days"]');
    expect(await chart.locator('g').first().locator('title').last().textContent()).toBe(`${today} · Uploaded: 60.00 TiB`);
    expect(await chart.getByRole('img').getAttribute('aria-label')).toBe('Uploaded and downloaded, 365 days. Latest: Uploaded 60.00 TiB, Downloaded 1000.00 GiB.');
    await chart.getByText('the figures as a table').click();
    expect(await chart.locator('tbody tr').last().textContent()).toBe(`${today}60.00 TiB1000.00 GiB`);
    await screenshot(page, 'history-yearlong-1280-dark');
    await page.getByRole('navigation', { name: 'History period' }).getByRole('link', { name: '7 days' }).click();
    await page.waitForURL(/\?days=7$/);
    await expect.poll(async () => (await charts(page)).map((c) => [c.title, c.points])).toEqual([['Uploaded and downloaded, 7 days', 7], ['Ratio, 7 days', 7]]);
    await page.close();
  });

  it('draws a member\'s history on the staff member page, with peers, history, flags and a staff adjustment, without sideways scroll at 360 px', async () => {
    const userId = idOf('yearlong');
    const category = sql<{ id: bigint }>('SELECT id FROM Category LIMIT 1')[0]!.id;
    const now = new Date().toISOString();
    sql(`INSERT INTO Torrent (infoHashV1, name, title, version, size, pieceLength, fileCount, categoryId, uploaderId, updatedAt)
      VALUES (?, 'long', ?, 'v1', 1, 1, 1, ?, ?, ?)`, 'e'.repeat(40), 'A.Very.Long.Release.Name.Without.Any.Spaces.2026.1080p.WEB-DL.DDP5.1.H.264-GROUP', category, userId, now);
    const torrentId = sql<{ id: bigint }>("SELECT id FROM Torrent WHERE name = 'long'")[0]!.id;
    sql(`INSERT INTO UserTorrent (userId, torrentId, actualUploaded, actualDownloaded, creditedUploaded, creditedDownloaded, seedTimeSeconds, firstAnnounceAt, lastAnnounceAt, completedAt)
      VALUES (?, ?, ?, ?, ?, ?, 7200, ?, ?, ?)`, userId, torrentId, 3n * GiB, GiB, 3n * GiB, GiB, now, now, now);
    sql(`INSERT INTO Peer (torrentId, userId, peerId, ip, port, uploaded, downloaded, left, seeder, client, startedAt, lastAnnounceAt)
      VALUES (?, ?, ?, '2001:db8:1234:5678:9abc:def0:1234:5678', 51413, 0, 0, 0, 1, 'qBittorrent 4.5.2', ?, ?)`, torrentId, userId, Buffer.alloc(20, 1), now, now);
    sql(`INSERT INTO CheatFlag (userId, torrentId, kind, details, count, createdAt, lastAt) VALUES (?, ?, 'upload-without-leechers', ?, 3, ?, ?)`,
      userId, torrentId, JSON.stringify({ reportedUploaded: String(5n * GiB), reportedDownloaded: '0', seconds: 1800 }), now, now);
    const page = await logIn('root', 'root-password', 360);
    await page.goto(`${site.url}/admin/members/${userId}?days=30`);
    const form = page.getByRole('form', { name: 'Adjust statistics' });
    await form.getByLabel('Amount').fill('60');
    await form.getByLabel('Unit').selectOption('TiB');
    await form.getByLabel('How').selectOption('set');
    await form.getByLabel('Reason').fill('Restored from the old tracker\'s database after the migration of 2026-11-20');
    await form.getByRole('button', { name: 'Adjust statistics' }).click();
    await expect.poll(() => form.getByRole('status').textContent()).toBe('Uploaded changed from 0 B to 60.00 TiB.');
    await page.reload();
    expect((await charts(page)).map((c) => [c.title, c.points])).toEqual([['Uploaded and downloaded, 30 days', 30], ['Ratio, 30 days', 30]]);
    expect(await sidewaysScroll(page)).toEqual({ scroll: 0, wider: [] });
    await page.goto(`${site.url}/users/yearlong`);
    expect(await sidewaysScroll(page)).toEqual({ scroll: 0, wider: [] });
    await screenshot(page, 'history-profile-seen-by-staff-360');
    await page.goto(`${site.url}/admin/members/${userId}`);
    await screenshot(page, 'history-staff-member-360');
    await page.goto(`${site.url}/admin/members/${idOf('oneday')}`);
    expect((await charts(page)).map((c) => [c.title, c.points])).toEqual([['Uploaded and downloaded, 30 days', 1], ['Ratio, 30 days', 1]]);
    expect(await sidewaysScroll(page)).toEqual({ scroll: 0, wider: [] });
    await page.close();
  });

  it('shows members the site statistics on the home page and staff the traffic per day, without sideways scroll at 360 px', async () => {
    const page = await logIn('root', 'root-password', 360);
    expect(await page.getByTestId('site-members').textContent()).toBe('4');
    expect(await page.getByTestId('site-traffic').textContent()).toBe('11.00 GiB');
    expect((await charts(page)).map((c) => [c.title, c.points])).toEqual([
      ['Seeders and leechers, 30 days', 30], ['Traffic per day, 30 days', 30], ['Members and torrents, 30 days', 30],
    ]);
    expect(await sidewaysScroll(page)).toEqual({ scroll: 0, wider: [] });
    await screenshot(page, 'home-statistics-360');
    await page.goto(`${site.url}/admin?days=365`);
    expect((await charts(page)).map((c) => [c.title, c.points])).toEqual([
      ['Traffic per day, 365 days', 364], ['Seeders and leechers, 365 days', 365],
      ['Members joined per day, 365 days', 365], ['Torrents uploaded per day, 365 days', 365],
    ]);
    expect(await sidewaysScroll(page)).toEqual({ scroll: 0, wider: [] });
    await screenshot(page, 'staff-dashboard-365-360');
    await page.close();
  });
});
