import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { APIRequestContext, Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAria2 } from '../helpers/aria2';
import { launchBrowser } from '../helpers/browser';
import { freePort, startSite, type RunningSite } from '../helpers/server';
import { createUserCli } from '../helpers/users';
import { waitFor } from '../helpers/wait';

const PIECE = 64 * 1024;
const SIZE = 3 * 1024 * 1024 + 777;
let site: RunningSite;
let browser: Browser;
const stops: (() => Promise<void>)[] = [];

function sql<T>(query: string, ...args: unknown[]): T[] {
  const conn = new Database(path.join(site.dataDir, 'giveback.db'));
  try {
    const st = conn.prepare(query);
    return (st.reader ? st.all(...args) : (st.run(...args), [])) as T[];
  } finally {
    conn.close();
  }
}

async function session(username: string, password: string): Promise<APIRequestContext> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${site.url}/login`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(`${site.url}/`);
  return context.request;
}

/** A payload folder and a mktorrent .torrent of it, uploaded by `api`; returns the torrent id. */
async function publish(api: APIRequestContext, dir: string, name: string): Promise<number> {
  mkdirSync(path.join(dir, name), { recursive: true });
  writeFileSync(path.join(dir, name, 'data.bin'), randomBytes(SIZE));
  const file = path.join(dir, `${name}.torrent`);
  execFileSync('mktorrent', ['-a', 'http://unused.invalid/announce', '-l', '16', '-o', file, path.join(dir, name)], { stdio: 'ignore' });
  const res = await api.post(`${site.url}/api/torrents`, {
    headers: { origin: site.url },
    multipart: { file: { name: `${name}.torrent`, mimeType: 'application/x-bittorrent', buffer: readFileSync(file) }, title: name, categoryId: '7', tags: '', description: '' },
  });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { id: number }).id;
}

async function personal(api: APIRequestContext, id: number, to: string): Promise<string> {
  const res = await api.get(`${site.url}/torrents/${id}/download`);
  expect(res.status()).toBe(200);
  writeFileSync(to, await res.body());
  return to;
}

beforeAll(async () => {
  site = await startSite();
  createUserCli(site, 'alice', 'alice-password', 'uploader');
  createUserCli(site, 'bob', 'bob-password', 'uploader');
  createUserCli(site, 'carol', 'carol-password', 'member');
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const stop of stops) await stop();
  await browser?.close();
  await site?.stop();
});

describe('a member whose leeching is disabled, with real aria2 clients', () => {
  it('cannot leech (refused, nothing downloaded) but can seed, and their uploaded grows', async () => {
    const work = mkdtempSync(path.join(os.tmpdir(), 'giveback-disabled-'));
    const alice = await session('alice', 'alice-password');
    const bob = await session('bob', 'bob-password');
    const carol = await session('carol', 'carol-password');

    // Alice publishes and seeds T1; Bob publishes T2 (his own). Bob fetches both personal copies first.
    const t1 = await publish(alice, path.join(work, 'alice'), 'Alpine Sounds');
    const t2 = await publish(bob, path.join(work, 'bob'), 'Harbour Sounds');
    const aliceT1 = await personal(alice, t1, path.join(work, 'alice-t1.torrent'));
    const bobT1 = await personal(bob, t1, path.join(work, 'bob-t1.torrent'));
    const bobT2 = await personal(bob, t2, path.join(work, 'bob-t2.torrent'));
    const carolT2 = await personal(carol, t2, path.join(work, 'carol-t2.torrent'));

    // Staff disable Bob's leeching (as the moderation page does).
    sql("UPDATE User SET leechingDisabled = 1, leechingDisabledReason = 'staff' WHERE usernameKey = 'bob'");
    const refused = await bob.get(`${site.url}/torrents/${t1}/download`);
    expect(refused.status()).toBe(403);
    expect(await refused.text()).toContain('Leeching disabled');
    expect((await bob.get(`${site.url}/torrents/${t2}/download`)).status()).toBe(200);

    const aliceSeed = startAria2({ torrent: aliceT1, dir: path.join(work, 'alice'), port: await freePort(), seedForever: true });
    stops.push(aliceSeed.stop);
    await waitFor(() => sql<{ n: number }>('SELECT count(*) AS n FROM Peer WHERE torrentId = ? AND seeder = 1', t1)[0]!.n === 1, 'alice to seed');

    // Bob tries to leech T1: the tracker refuses him, so he never gets a peer and downloads nothing.
    const bobLeech = startAria2({ torrent: bobT1, dir: path.join(work, 'bob-leech'), port: await freePort(), seedForever: false });
    stops.push(bobLeech.stop);
    await waitFor(() => /Leeching disabled/.test(bobLeech.output()), 'aria2 to report the refusal', 60_000).catch((error: unknown) => {
      throw new Error(`${String(error)}\naria2:\n${bobLeech.output().slice(-2000)}`);
    });
    await new Promise((r) => setTimeout(r, 3000));
    const bobFile = path.join(work, 'bob-leech', 'Alpine Sounds', 'data.bin');
    const got = existsSync(bobFile) ? statSync(bobFile).size : 0;
    expect(bobLeech.output()).toContain('Tracker returned failure reason: Leeching disabled');
    expect(got).toBe(0);
    expect(sql('SELECT count(*) AS n FROM Peer WHERE torrentId = ? AND userId = (SELECT id FROM User WHERE usernameKey = ?)', t1, 'bob')).toEqual([{ n: 0 }]);
    await bobLeech.stop();
    expect(sql<{ downloaded: number }>("SELECT downloaded FROM User WHERE usernameKey = 'bob'")[0]!.downloaded).toBe(0);

    // Bob seeds his own T2 to Carol: seeding is allowed and credited.
    const bobSeed = startAria2({ torrent: bobT2, dir: path.join(work, 'bob'), port: await freePort(), seedForever: true });
    stops.push(bobSeed.stop);
    await waitFor(() => sql<{ n: number }>('SELECT count(*) AS n FROM Peer WHERE torrentId = ? AND seeder = 1', t2)[0]!.n === 1, 'bob to seed');
    // Carol keeps seeding after she finishes: aria2 with --seed-time=0 stops without ever announcing `completed`.
    const carolLeech = startAria2({ torrent: carolT2, dir: path.join(work, 'carol'), port: await freePort(), seedForever: true });
    stops.push(carolLeech.stop);
    await waitFor(() => sql<{ snatches: number }>('SELECT snatches FROM Torrent WHERE id = ?', t2)[0]!.snatches === 1, 'carol to finish', 60_000).catch((error: unknown) => {
      throw new Error(`${String(error)}\ncarol:\n${carolLeech.output().slice(-1500)}\nbob:\n${bobSeed.output().slice(-1500)}\npeers: ${JSON.stringify(sql('SELECT userId, seeder, port FROM Peer WHERE torrentId = ?', t2))}`);
    });
    await bobSeed.stop();
    await waitFor(() => sql<{ n: number }>("SELECT count(*) AS n FROM Peer WHERE torrentId = ? AND userId = (SELECT id FROM User WHERE usernameKey = 'bob')", t2)[0]!.n === 0, "bob's stopped announce");
    const uploaded = sql<{ uploaded: number }>("SELECT uploaded FROM User WHERE usernameKey = 'bob'")[0]!.uploaded;
    expect(Math.abs(uploaded - SIZE)).toBeLessThanOrEqual(PIECE);
  });
});
