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

/** How far the page scrolls sideways, with every chart's table opened (0: not at all). */
async function sidewaysScroll(page: Page): Promise<number> {
  return page.evaluate(() => {
    for (const d of document.querySelectorAll('details')) d.open = true;
    return document.documentElement.scrollWidth - document.documentElement.clientWidth;
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
    expect(await sidewaysScroll(page)).toBe(0);
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
    await page.close();
  });

  it('draws a member\'s history on the staff member page without sideways scroll at 360 px', async () => {
    const page = await logIn('root', 'root-password', 360);
    await page.goto(`${site.url}/admin/members/${idOf('yearlong')}?days=30`);
    expect((await charts(page)).map((c) => [c.title, c.points])).toEqual([['Uploaded and downloaded, 30 days', 30], ['Ratio, 30 days', 30]]);
    expect(await sidewaysScroll(page)).toBe(0);
    await screenshot(page, 'history-staff-member-360');
    await page.goto(`${site.url}/admin/members/${idOf('oneday')}`);
    expect((await charts(page)).map((c) => [c.title, c.points])).toEqual([['Uploaded and downloaded, 30 days', 1], ['Ratio, 30 days', 1]]);
    expect(await sidewaysScroll(page)).toBe(0);
    await page.close();
  });

  it('shows members the site statistics on the home page and staff the traffic per day, without sideways scroll at 360 px', async () => {
    const page = await logIn('root', 'root-password', 360);
    expect(await page.getByTestId('site-members').textContent()).toBe('4');
    expect(await page.getByTestId('site-traffic').textContent()).toBe('11.00 GiB');
    expect((await charts(page)).map((c) => [c.title, c.points])).toEqual([
      ['Seeders and leechers, 30 days', 30], ['Traffic per day, 30 days', 30], ['Members and torrents, 30 days', 30],
    ]);
    expect(await sidewaysScroll(page)).toBe(0);
    await screenshot(page, 'home-statistics-360');
    await page.goto(`${site.url}/admin?days=365`);
    expect((await charts(page)).map((c) => [c.title, c.points])).toEqual([
      ['Traffic per day, 365 days', 364], ['Seeders and leechers, 365 days', 365],
      ['Members joined per day, 365 days', 365], ['Torrents uploaded per day, 365 days', 365],
    ]);
    expect(await sidewaysScroll(page)).toBe(0);
    await screenshot(page, 'staff-dashboard-365-360');
    await page.close();
  });
});
