import pg from 'pg';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser';
import { startSite, type RunningSite } from '../helpers/server';
import { createUserCli } from '../helpers/users';

/**
 * Reading a page writes nothing, on PostgreSQL too: while another connection holds an EXCLUSIVE lock on the User
 * table (readers pass it, any write to the table waits for it), a member's pages answer 200 and their row is the
 * same afterwards. (tests/e2e/database-busy.test.ts shows the same on SQLite with the write lock held.)
 */
let site: RunningSite;
let browser: Browser;
let cookie = '';

const userRow = async (client: pg.Client) => (await client.query('SELECT * FROM "User" WHERE "usernameKey" = $1', ['root'])).rows[0] as Record<string, unknown>;

beforeAll(async () => {
  site = await startSite({}, { database: 'postgres' });
  createUserCli(site, 'root', 'root-password', 'admin');
  browser = await launchBrowser();
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${site.url}/login`);
  await page.getByLabel('Username').fill('root');
  await page.getByLabel('Password').fill('root-password');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(`${site.url}/`);
  cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
});

afterAll(async () => {
  await browser?.close();
  await site?.stop();
});

describe('a page view on PostgreSQL', () => {
  it('answers while the User table is locked against writes, and leaves the member row unchanged', async () => {
    const holder = new pg.Client({ connectionString: site.databaseUrl });
    await holder.connect();
    const before = await userRow(holder);
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE "User" IN EXCLUSIVE MODE');
    try {
      for (const pathname of ['/', '/torrents', '/users/root', '/settings']) {
        const res = await fetch(`${site.url}${pathname}`, { headers: { cookie, accept: 'text/html' }, redirect: 'manual' });
        expect([pathname, res.status]).toEqual([pathname, 200]);
      }
    } finally {
      await holder.query('COMMIT');
    }
    expect(await userRow(holder)).toEqual(before);
    await holder.end();
  });
});
