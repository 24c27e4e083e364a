import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAnnounceRecorder, type AnnounceRecorder, type SeenAnnounce } from '../helpers/announce-recorder';
import { startAria2 } from '../helpers/aria2';
import { launchBrowser, screenshot } from '../helpers/browser';
import { freePort, startSite, type RunningSite } from '../helpers/server';
import { TrackerRows } from '../helpers/tracker-harness';
import { createUserCli } from '../helpers/users';
import { waitFor } from '../helpers/wait';

const PIECE = 64 * 1024;
const PAYLOAD_BYTES = 6 * 1024 * 1024 + 12_345;
// About 25 s for the payload: the transfer is still going when the site is back from kill -9 (a restart takes
// some 10 s on a busy machine).
const SEED_RATE = 256 * 1024;
const SEEDER = { username: 'seeder', password: 'seeder-password' };
const LEECHER = { username: 'leecher', password: 'leecher-password' };

interface Member {
  id: number;
  passkey: string;
}

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe.each(['sqlite', 'postgres'] as const)('real BitTorrent clients (aria2) against the tracker, on %s', (database) => {
  let site: RunningSite;
  let proxy: AnnounceRecorder;
  let rows: TrackerRows;
  const stops: (() => Promise<void>)[] = [];
  /** The site as members and clients reach it: through the recording proxy that PUBLIC_URL names. */
  let base: string;

  beforeAll(async () => {
    const proxyPort = await freePort();
    site = await startSite({ PUBLIC_URL: `http://127.0.0.1:${proxyPort}` }, { database });
    proxy = await startAnnounceRecorder({ sitePort: site.port, port: proxyPort });
    base = proxy.url;
    rows = new TrackerRows(site.databaseUrl);
    createUserCli(site, SEEDER.username, SEEDER.password, 'uploader');
    createUserCli(site, LEECHER.username, LEECHER.password, 'member');
  });

  afterAll(async () => {
    for (const stop of stops.reverse()) await stop();
    await rows?.close();
    await proxy?.close();
    await site?.stop();
  });

  async function member(username: string): Promise<Member> {
    const row = await rows.get<{ id: bigint; passkey: string }>('SELECT "id", "passkey" FROM "User" WHERE "usernameKey" = ?', username);
    return { id: Number(row?.id), passkey: row?.passkey ?? '' };
  }

  /** Bytes credited in the database: the leecher's download and the seeder's upload. */
  async function credited(leecher: Member, seeder: Member) {
    return { downloaded: Number((await rows.userTotals(leecher.id)).downloaded), uploaded: Number((await rows.userTotals(seeder.id)).uploaded) };
  }

  /** The newest counters each client saw acknowledged: what the tracker has promised to keep. */
  function acknowledged(leecher: Member, seeder: Member) {
    const last = (m: Member) => proxy.announces.filter((a) => a.passkey === m.passkey && a.acknowledged).at(-1);
    return { downloaded: last(leecher)?.downloaded ?? 0, uploaded: last(seeder)?.uploaded ?? 0 };
  }

  async function logIn(user: { username: string; password: string }): Promise<BrowserContext> {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${base}/login`);
    await page.getByLabel('Username').fill(user.username);
    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(`${base}/`);
    return context;
  }

  async function profileBytes(context: BrowserContext, username: string) {
    const page = await context.newPage();
    await page.goto(`${base}/users/${username}`);
    const uploaded = Number(await page.getByTestId('profile-uploaded').locator('[data-bytes]').getAttribute('data-bytes'));
    const downloaded = Number(await page.getByTestId('profile-downloaded').locator('[data-bytes]').getAttribute('data-bytes'));
    await screenshot(page, `real-clients-${database}-${username}`);
    await page.close();
    return { uploaded, downloaded };
  }

  /**
   * kill -9 of the site (its tracker) just as the leecher's announce of a partial download is acknowledged,
   * before the next fold: the journal alone holds it. The proxy answers tracker requests with 502 from then
   * until the test has read what the restarted site recovered, so what it reads comes from the journal only.
   */
  async function killMidTransfer(leecher: Member): Promise<SeenAnnounce> {
    const killed = new Promise<SeenAnnounce>((resolve, reject) => {
      const timer = setTimeout(() => {
        proxy.onAnswer = null;
        reject(new Error(`no acknowledged announce of a partial download from the leecher in 60 s: ${JSON.stringify(proxy.announces)}`));
      }, 60_000);
      proxy.onAnswer = (seen) => {
        if (seen.passkey !== leecher.passkey || !seen.acknowledged || seen.downloaded === 0 || seen.left === 0) return;
        proxy.onAnswer = null;
        proxy.trackerOpen = false;
        site.process.kill('SIGKILL');
        clearTimeout(timer);
        resolve(seen);
      };
    });
    const seen = await killed;
    await site.kill();
    return seen;
  }

  it('a seeder and a leecher swap a payload, kill -9 of the tracker mid-transfer loses nothing acknowledged, and both are credited exactly once', async () => {
    const work = mkdtempSync(path.join(os.tmpdir(), 'giveback-swarm-'));
    stops.push(async () => rmSync(work, { recursive: true, force: true }));
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
    const upload = await seederCtx.request.post(`${base}/api/torrents`, {
      headers: { origin: base },
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
    writeFileSync(seederTorrent, await (await seederCtx.request.get(`${base}/torrents/${id}/download`)).body());
    const leecherCtx = await logIn(LEECHER);
    const leecherTorrent = path.join(work, 'leecher.torrent');
    writeFileSync(leecherTorrent, await (await leecherCtx.request.get(`${base}/torrents/${id}/download`)).body());
    const [seederMember, leecherMember] = [await member(SEEDER.username), await member(LEECHER.username)];

    const clients = { announceEverySeconds: 2, seedForever: true };
    const seeder = startAria2({ ...clients, torrent: seederTorrent, dir: seedDir, port: await freePort(), maxUploadBytesPerSecond: SEED_RATE });
    stops.push(seeder.stop);
    await waitFor(async () => (await rows.count('Peer', '"seeder" = ?', true)) === 1, 'the seeder to announce');
    const leecher = startAria2({ ...clients, torrent: leecherTorrent, dir: leechDir, port: await freePort() });
    stops.push(leecher.stop);

    const lastSeen = await killMidTransfer(leecherMember);
    const promised = acknowledged(leecherMember, seederMember);
    const foldedAtDeath = await credited(leecherMember, seederMember);
    // The kill came between an acknowledgement and the fold that would have stored it.
    expect(lastSeen.downloaded).toBe(promised.downloaded);
    expect(foldedAtDeath.downloaded).toBeLessThan(promised.downloaded);

    await site.restart();
    expect(site.output()).toMatch(/tracker: folded [1-9]\d* journaled announces left from the last run/);
    const recovered = await credited(leecherMember, seederMember);
    expect(recovered.downloaded).toBeGreaterThanOrEqual(promised.downloaded);
    expect(recovered.uploaded).toBeGreaterThanOrEqual(promised.uploaded);
    proxy.trackerOpen = true;

    await waitFor(async () => (await rows.torrentRow(id)).snatches === 1n, 'the snatch', 180_000).catch((error: unknown) => {
      throw new Error(`${String(error)}\nleecher:\n${leecher.output().slice(-1500)}\nseeder:\n${seeder.output().slice(-1500)}`);
    });
    const got = Buffer.concat([readFileSync(path.join(leechDir, 'Field Recordings', 'forest.flac')), readFileSync(path.join(leechDir, 'Field Recordings', 'river.flac'))]);
    expect(createHash('sha256').update(got).digest('hex')).toBe(createHash('sha256').update(payload).digest('hex'));
    // The leecher finished and stays as a seeder: the swarm now has two seeders and no leecher.
    await waitFor(async () => (await rows.torrentRow(id)).seeders === 2n, 'the leecher to become a seeder');
    expect(await rows.torrentRow(id)).toMatchObject({ seeders: 2n, leechers: 0n, snatches: 1n });

    // A graceful stop sends `stopped` with the final counters: the seeder's upload is reported then.
    await seeder.stop();
    await leecher.stop();
    await waitFor(async () => (await rows.count('Peer')) === 0, 'both clients to announce stopped');

    // Credited exactly what the clients last reported, once: the announces replayed from the journal after the
    // kill are not counted again.
    const final = acknowledged(leecherMember, seederMember);
    expect(await credited(leecherMember, seederMember)).toEqual(final);
    const seederStats = await profileBytes(seederCtx, SEEDER.username);
    const leecherStats = await profileBytes(leecherCtx, LEECHER.username);
    expect(leecherStats.downloaded).toBe(final.downloaded);
    expect(seederStats.uploaded).toBe(final.uploaded);
    expect(Math.abs(leecherStats.downloaded - PAYLOAD_BYTES)).toBeLessThanOrEqual(PIECE);
    expect(Math.abs(seederStats.uploaded - PAYLOAD_BYTES)).toBeLessThanOrEqual(PIECE);
    expect(leecherStats.uploaded).toBeLessThanOrEqual(PIECE);
    expect(seederStats.downloaded).toBe(0);

    const own = await leecherCtx.newPage();
    await own.goto(`${base}/users/${LEECHER.username}`);
    expect(await own.getByTestId('snatched-list').textContent()).toContain('Field Recordings');
    await screenshot(own, `real-clients-${database}-leecher-profile`);

    const page = await seederCtx.newPage();
    await page.goto(`${base}/torrents/${id}`);
    expect(await page.getByTestId('torrent-snatches').textContent()).toBe('1');
    await screenshot(page, `real-clients-${database}-torrent`);
  });
});
