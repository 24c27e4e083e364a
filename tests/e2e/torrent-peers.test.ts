import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from '../helpers/browser';
import { clientGet } from '../helpers/client-get';
import { startSite, type RunningSite } from '../helpers/server';
import { createUserCli } from '../helpers/users';
import { waitFor } from '../helpers/wait';

/**
 * The peers on a torrent page after real announces, as a member and as staff see them: the note on when uploads
 * show, each peer's reported amounts, speed and last announce, who snatched it (staff only), the balance (staff
 * only), and a page that does not scroll sideways on a 360 px phone.
 */
const UPLOADER = { username: 'release_group_uploader_2026', password: 'uploader-password' };
const MEMBER = { username: 'peer_page_member', password: 'member-password' };
const STAFF = { username: 'peer_page_moderator', password: 'moderator-password' };
const TITLE = 'The.Peers.Table.On.A.Phone.Release.With.A.Long.Name.2026.2160p.WEB-DL-GROUP';
const NOTE = 'A client tells the tracker what it uploaded only at its next announce, about every 30 minutes here. If you just '
  + 'started seeding, 0 B for up to 30 minutes is normal: nothing is lost, it shows after that announce.';
const SPEED = /^(\d+ B|\d+\.\d\d (KiB|MiB|GiB|TiB))\/s$/;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function logIn(site: RunningSite, user: { username: string; password: string }): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${site.url}/login`);
  await page.getByLabel('Username').fill(user.username);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(`${site.url}/`);
  await page.close();
  return context;
}

/** One announce as a client sends it, with the member's passkey taken from their downloaded .torrent. */
async function announce(site: RunningSite, context: BrowserContext, torrentId: number, infoHashHex: string, peer: { port: number; left: number; uploaded: number; event?: string }) {
  const file = await context.request.get(`${site.url}/torrents/${torrentId}/download`);
  expect(file.status()).toBe(200);
  const passkey = /passkey=([0-9a-f]{32})|\/tracker\/([0-9a-f]{32})\/announce/.exec((await file.body()).toString('latin1'))!.slice(1).find(Boolean)!;
  const infoHash = infoHashHex.replace(/../g, (b) => `%${b}`);
  const peerId = `-qB4650-${String(peer.port).padStart(12, '0')}`;
  const event = peer.event === undefined ? '' : `&event=${peer.event}`;
  const res = await clientGet(`${site.url}/tracker/${passkey}/announce?info_hash=${infoHash}&peer_id=${peerId}&port=${peer.port}&uploaded=${peer.uploaded}&downloaded=0&left=${peer.left}&compact=1${event}`, { 'user-agent': 'qBittorrent/4.6.5' });
  expect(res.status).toBe(200);
  expect(res.body.toString('latin1')).not.toContain('failure reason');
}

function sideways(page: Page) {
  return page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
}

/** The peers table's rows as text, cell by cell (label and value on a phone, value alone on a desktop). */
async function peerRows(page: Page): Promise<string[][]> {
  return page.getByTestId('peer-row').evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].map((td) => (td as HTMLElement).innerText.replace(/\s+/g, ' ').trim())));
}

describe.each(['sqlite', 'postgres'] as const)('the peers of a torrent on %s', (database) => {
  let site: RunningSite;
  let work: string;
  let torrentId: number;
  let contexts: Record<'uploader' | 'member' | 'staff', BrowserContext>;

  beforeAll(async () => {
    site = await startSite({}, { database });
    createUserCli(site, UPLOADER.username, UPLOADER.password, 'uploader');
    createUserCli(site, MEMBER.username, MEMBER.password, 'member');
    createUserCli(site, STAFF.username, STAFF.password, 'moderator');
    contexts = { uploader: await logIn(site, UPLOADER), member: await logIn(site, MEMBER), staff: await logIn(site, STAFF) };

    work = mkdtempSync(path.join(os.tmpdir(), 'giveback-peers-'));
    const content = path.join(work, 'content');
    mkdirSync(content);
    writeFileSync(path.join(content, 'data.bin'), Buffer.alloc(300_000, 7));
    execFileSync('mktorrent', ['-a', 'http://unused.invalid/announce', '-l', '15', '-o', path.join(work, 'x.torrent'), content], { stdio: 'ignore' });
    const res = await contexts.uploader.request.post(`${site.url}/api/torrents`, {
      headers: { origin: site.url },
      multipart: { file: { name: 'x.torrent', mimeType: 'application/x-bittorrent', buffer: readFileSync(path.join(work, 'x.torrent')) }, title: TITLE, categoryId: '1', tags: '', description: '' },
    });
    expect(res.status(), await res.text()).toBe(201);
    const uploaded = (await res.json()) as { id: number; infoHashV1: string };
    torrentId = uploaded.id;

    // The uploader seeds, and at its next announce reports 5 MiB uploaded; the member starts leeching.
    await announce(site, contexts.uploader, torrentId, uploaded.infoHashV1, { port: 51413, left: 0, uploaded: 0, event: 'started' });
    await announce(site, contexts.member, torrentId, uploaded.infoHashV1, { port: 51414, left: 300_000, uploaded: 0, event: 'started' });
    await announce(site, contexts.uploader, torrentId, uploaded.infoHashV1, { port: 51413, left: 0, uploaded: 5 * 1024 * 1024 });
    // The tracker folds announces into the database every few seconds.
    const check = await contexts.member.newPage();
    await waitFor(async () => {
      await check.goto(`${site.url}/torrents/${torrentId}`);
      return (await check.getByText('5.00 MiB', { exact: true }).count()) > 0;
    }, 'the reported upload on the torrent page', 30_000);
    await check.close();
  }, 240_000);

  afterAll(async () => {
    for (const c of Object.values(contexts ?? {})) await c.close();
    await site?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('a member on a phone sees the note, each peer\'s amounts, speed and last announce, and the snatch count without names; nothing scrolls sideways', async () => {
    const page = await contexts.member.newPage();
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(`${site.url}/torrents/${torrentId}`);
    expect((await page.getByTestId('peers-note').innerText()).replace(/\s+/g, ' ').trim()).toBe(NOTE);
    const rows = await peerRows(page);
    expect(rows).toHaveLength(2);
    const [seeder, leecher] = rows as [string[], string[]];
    // On a phone each cell is labelled.
    expect(seeder.slice(0, 4)).toEqual(['Client qBittorrent 4.6.5', 'Progress 100.0%', 'Uploaded 5.00 MiB', 'Downloaded 0 B']);
    expect(seeder[4]?.replace(/^Up speed /, '')).toMatch(SPEED);
    expect(seeder[5]).toBe('Down speed 0 B/s');
    expect(seeder[6]).toMatch(/^Last announce (just now|\d+ seconds? ago)$/);
    // The member's own client has announced once: nothing to measure a speed from yet.
    expect(leecher.slice(0, 6)).toEqual(['Client qBittorrent 4.6.5', 'Progress 0.0%', 'Uploaded 0 B', 'Downloaded 0 B', 'Up speed —', 'Down speed —']);
    expect(await page.getByText(UPLOADER.username, { exact: true }).count()).toBe(1); // the uploader's link, not a peer's name
    expect(await page.getByTestId('snatched-by-you').innerText()).toBe('You have not snatched it.');
    expect(await page.getByText('Who snatched a torrent is visible to staff only; members see the count.').count()).toBe(1);
    expect(await page.getByRole('heading', { name: 'Balance (staff)' }).count()).toBe(0);
    const { scrollWidth, clientWidth } = await sideways(page);
    expect(scrollWidth).toBe(clientWidth);
    if (database === 'sqlite') await screenshot(page, 'torrent-peers-member-phone');

    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${site.url}/torrents/${torrentId}`);
    const headers = await page.getByRole('table', { name: 'Peers' }).locator('th').allInnerTexts();
    expect(headers).toEqual(['Client', 'Progress', 'Uploaded', 'Downloaded', 'Up speed', 'Down speed', 'Last announce', 'Ratio']);
    expect((await peerRows(page))[0]?.slice(0, 4)).toEqual(['qBittorrent 4.6.5', '100.0%', '5.00 MiB', '0 B']);
    if (database === 'sqlite') await screenshot(page, 'torrent-peers-member-desktop');
    await page.close();
  });

  it('staff on a phone also see who and where, and the torrent\'s balance with its explanation; nothing scrolls sideways', async () => {
    const page = await contexts.staff.newPage();
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(`${site.url}/torrents/${torrentId}`);
    const rows = await peerRows(page);
    expect(rows.map((r) => r[0])).toEqual([`Member ${UPLOADER.username}`, `Member ${MEMBER.username}`]);
    expect(await page.getByRole('heading', { name: 'Balance (staff)' }).count()).toBe(1);
    expect(await page.getByTestId('balance-uploaded').innerText()).toBe('5.00 MiB');
    expect(await page.getByTestId('balance-downloaded').innerText()).toBe('0 B');
    expect(await page.getByTestId('balance').innerText()).toBe('+5.00 MiB');
    expect(await page.getByTestId('balance-explained').innerText()).toContain('Far above zero hints at cheating');
    const { scrollWidth, clientWidth } = await sideways(page);
    expect(scrollWidth).toBe(clientWidth);
    if (database === 'sqlite') await screenshot(page, 'torrent-peers-staff-phone');
    await page.close();
  });
});
