import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAria2 } from '../helpers/aria2';
import { launchBrowser, screenshot } from '../helpers/browser';
import { freePort, startSite, type RunningSite } from '../helpers/server';
import { createUserCli } from '../helpers/users';
import { waitFor } from '../helpers/wait';

const PIECE = 64 * 1024;
const PAYLOAD_BYTES = 6 * 1024 * 1024 + 12_345;
const SEEDER = { username: 'seeder', password: 'seeder-password' };
const LEECHER = { username: 'leecher', password: 'leecher-password' };

let site: RunningSite;
let browser: Browser;
const stops: (() => Promise<void>)[] = [];

function query<T>(sql: string, ...args: unknown[]): T[] {
  const conn = new Database(path.join(site.dataDir, 'giveback.db'), { readonly: true });
  try {
    return conn.prepare(sql).all(...args) as T[];
  } finally {
    conn.close();
  }
}

async function logIn(user: { username: string; password: string }): Promise<BrowserContext> {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(`${site.url}/login`);
  await page.getByLabel('Username').fill(user.username);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(`${site.url}/`);
  return context;
}

async function profileBytes(context: BrowserContext, username: string) {
  const page = await context.newPage();
  await page.goto(`${site.url}/users/${username}`);
  const uploaded = Number(await page.getByTestId('profile-uploaded').locator('[data-bytes]').getAttribute('data-bytes'));
  const downloaded = Number(await page.getByTestId('profile-downloaded').locator('[data-bytes]').getAttribute('data-bytes'));
  await screenshot(page, `real-clients-${username}`);
  await page.close();
  return { uploaded, downloaded };
}

beforeAll(async () => {
  site = await startSite();
  createUserCli(site, SEEDER.username, SEEDER.password, 'uploader');
  createUserCli(site, LEECHER.username, LEECHER.password, 'member');
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const stop of stops) await stop();
  await browser?.close();
  await site?.stop();
});

describe('real BitTorrent clients (aria2) against the tracker', () => {
  it('a seeder and a leecher swap a payload and both are credited exactly', async () => {
    const work = mkdtempSync(path.join(os.tmpdir(), 'giveback-swarm-'));
    const seedDir = path.join(work, 'seed');
    const leechDir = path.join(work, 'leech');
    mkdirSync(path.join(seedDir, 'Field Recordings'), { recursive: true });
    mkdirSync(leechDir);
    const payload = randomBytes(PAYLOAD_BYTES);
    writeFileSync(path.join(seedDir, 'Field Recordings', 'forest.flac'), payload.subarray(0, 4_000_000));
    writeFileSync(path.join(seedDir, 'Field Recordings', 'river.flac'), payload.subarray(4_000_000));
    const original = path.join(work, 'original.torrent');
    execFileSync('mktorrent', ['-a', 'http://unused.invalid/announce', '-l', '16', '-o', original, path.join(seedDir, 'Field Recordings')], { stdio: 'ignore' });

    const seederCtx = await logIn(SEEDER);
    const upload = await seederCtx.request.post(`${site.url}/api/torrents`, {
      headers: { origin: site.url },
      multipart: {
        file: { name: 'original.torrent', mimeType: 'application/x-bittorrent', buffer: readFileSync(original) },
        title: 'Field Recordings',
        categoryId: '3',
        tags: 'flac',
        description: '',
      },
    });
    expect(upload.status()).toBe(201);
    const { id } = (await upload.json()) as { id: number };
    const seederTorrent = path.join(work, 'seeder.torrent');
    writeFileSync(seederTorrent, await (await seederCtx.request.get(`${site.url}/torrents/${id}/download`)).body());
    const leecherCtx = await logIn(LEECHER);
    const leecherTorrent = path.join(work, 'leecher.torrent');
    writeFileSync(leecherTorrent, await (await leecherCtx.request.get(`${site.url}/torrents/${id}/download`)).body());

    const seeder = startAria2({ torrent: seederTorrent, dir: seedDir, port: await freePort(), seedForever: true });
    stops.push(seeder.stop);
    await waitFor(() => query<{ n: number }>('SELECT count(*) AS n FROM Peer WHERE seeder = 1')[0]!.n === 1, 'the seeder to announce');

    const leecher = startAria2({ torrent: leecherTorrent, dir: leechDir, port: await freePort(), seedForever: true });
    stops.push(leecher.stop);
    await waitFor(() => query<{ snatches: number }>('SELECT snatches FROM Torrent WHERE id = ?', id)[0]!.snatches === 1, 'the snatch', 180_000);

    const got = Buffer.concat([readFileSync(path.join(leechDir, 'Field Recordings', 'forest.flac')), readFileSync(path.join(leechDir, 'Field Recordings', 'river.flac'))]);
    expect(createHash('sha256').update(got).digest('hex')).toBe(createHash('sha256').update(payload).digest('hex'));
    // The leecher finished and stays as a seeder: the swarm now has two seeders and no leecher.
    await waitFor(() => query<{ seeders: number }>('SELECT seeders FROM Torrent WHERE id = ?', id)[0]!.seeders === 2, 'the leecher to become a seeder');
    expect(query('SELECT seeders, leechers, snatches FROM Torrent WHERE id = ?', id)).toEqual([{ seeders: 2, leechers: 0, snatches: 1 }]);

    // A graceful stop sends `stopped` with the final counters: the seeder's upload is reported then.
    await seeder.stop();
    await leecher.stop();
    await waitFor(() => query<{ n: number }>('SELECT count(*) AS n FROM Peer')[0]!.n === 0, 'both clients to announce stopped');

    const seederStats = await profileBytes(seederCtx, SEEDER.username);
    const leecherStats = await profileBytes(leecherCtx, LEECHER.username);
    expect(Math.abs(leecherStats.downloaded - PAYLOAD_BYTES)).toBeLessThanOrEqual(PIECE);
    expect(Math.abs(seederStats.uploaded - PAYLOAD_BYTES)).toBeLessThanOrEqual(PIECE);
    expect(leecherStats.uploaded).toBeLessThanOrEqual(PIECE);
    expect(seederStats.downloaded).toBe(0);

    const own = await leecherCtx.newPage();
    await own.goto(`${site.url}/users/${LEECHER.username}`);
    expect(await own.getByTestId('snatched-list').textContent()).toContain('Field Recordings');
    await screenshot(own, 'real-clients-leecher-profile');

    const page = await seederCtx.newPage();
    await page.goto(`${site.url}/torrents/${id}`);
    expect(await page.getByTestId('torrent-snatches').textContent()).toBe('1');
    await screenshot(page, 'real-clients-torrent');
  });
});
