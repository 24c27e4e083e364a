import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTorrent } from '@/lib/torrent';
import { launchBrowser, logInAs, screenshot } from '../helpers/browser';
import { ROOT, startSite, type RunningSite } from '../helpers/server';
import { createUserCli } from '../helpers/users';

/**
 * The upload page as members see it: without the role to upload, an explanation (the admins' Uploading page and
 * their standing) instead of a bare 403; the file preview refusing what the server refuses, in the server's words;
 * a Markdown preview of the description rendered as the torrent page renders it; staff's view of a deleted torrent.
 */

const ADMIN = { username: 'root', password: 'root-password' };
const UPLOADER = { username: 'uploader', password: 'uploader-password' };
const MEMBER = { username: 'newcomer', password: 'member-password' };
const FIXTURES = path.join(ROOT, 'tests/fixtures/torrents');

/** A BitTorrent v2 file whose first piece layer parses (right size) but does not hash to its file's pieces root. */
function badPieceLayers(): { bytes: Buffer; message: string } {
  const bytes = readFileSync(path.join(FIXTURES, 'v2-multi.torrent'));
  const parsed = parseTorrent(new Uint8Array(bytes));
  if (!parsed.ok) throw new Error('fixture does not parse');
  const layer = parsed.value.pieceLayers[0]!;
  const at = bytes.indexOf(Buffer.from(layer.hashes)) + 40;
  bytes[at] = bytes[at]! ^ 0x01;
  return { bytes, message: `piece layers do not match the file tree: the layer for "${layer.path.join('/')}" does not hash to its pieces root` };
}

const MARKDOWN = ['# Track list', '', '| Track | Length |', '| --- | --- |', '| Aurora | 12:04 |', '', '<script>window.pwned = 1</script>'].join('\n');

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe.each(['sqlite', 'postgres'] as const)('the upload page on %s', (database) => {
  let site: RunningSite;
  let admin: Page;
  let uploader: Page;
  let member: Page;
  /** The torrent the description test uploads; the deletion test deletes it. */
  let torrentUrl = '';

  beforeAll(async () => {
    site = await startSite({}, { database });
    createUserCli(site, ADMIN.username, ADMIN.password, 'admin');
    createUserCli(site, UPLOADER.username, UPLOADER.password, 'uploader');
    createUserCli(site, MEMBER.username, MEMBER.password, 'member');
    admin = await logInAs(browser, site.url, ADMIN.username, ADMIN.password);
    uploader = await logInAs(browser, site.url, UPLOADER.username, UPLOADER.password);
    member = await logInAs(browser, site.url, MEMBER.username, MEMBER.password);
  }, 180_000);

  afterAll(async () => {
    for (const p of [admin, uploader, member]) await p?.context().close();
    await site?.stop();
  });

  it('tells a member without the role how to get it, in the admins\' words, with their standing, as a 403', async () => {
    const res = await member.goto(`${site.url}/upload`);
    expect(res?.status()).toBe(403);
    expect(await member.title()).toBe('Upload · Giveback');
    expect(await member.getByTestId('upload-needs-role').textContent()).toBe('Uploading here needs the Uploader role; your role is Member.');
    expect(await member.getByTestId('uploading-guide').textContent()).toContain('Uploading is open to members whom the staff have given the uploader role.');
    const standing = member.getByTestId('upload-standing');
    expect(await standing.getByText('Your role', { exact: true }).count()).toBe(1);
    expect(await standing.getByText('Required ratio', { exact: true }).count()).toBe(1);
    expect(await member.getByLabel('Torrent file').count()).toBe(0);

    const edited = await admin.context().request.post(`${site.url}/admin/pages/uploading`, {
      headers: { origin: site.url },
      multipart: { body: '## Ask in the request forum\n\nPost **three** samples of your work.' },
    });
    expect(edited.status(), await edited.text()).toBe(200);
    await member.reload();
    expect(await member.getByRole('heading', { name: 'Ask in the request forum' }).count()).toBe(1);
    expect(await member.getByTestId('uploading-guide').locator('strong').textContent()).toBe('three');
    if (database === 'sqlite') await screenshot(member, 'upload-needs-role');

    // The upload itself, posted anyway, stays a 403 with the reason.
    const file = { name: 'x.torrent', mimeType: 'application/x-bittorrent', buffer: readFileSync(path.join(FIXTURES, 'v1-single.torrent')) };
    const api = await member.context().request.post(`${site.url}/api/torrents`, { headers: { origin: site.url }, multipart: { file, title: 'x', categoryId: '1' } });
    expect([api.status(), await api.json()]).toEqual([403, { error: 'Uploading needs the uploader role' }]);

    await member.goto(`${site.url}/uploading`);
    expect(await member.getByRole('heading', { name: 'Uploading', level: 1 }).count()).toBe(1);
  });

  it('refuses a v2 torrent with bad piece layers in the preview, with the text the server gives on submit', async () => {
    const bad = badPieceLayers();
    await uploader.goto(`${site.url}/upload`);
    await uploader.getByLabel('Torrent file').setInputFiles({ name: 'bad-layers.torrent', mimeType: 'application/x-bittorrent', buffer: bad.bytes });
    const error = uploader.locator('#field-file-error');
    await error.waitFor();
    expect(await error.textContent()).toBe(bad.message);
    expect(await uploader.getByRole('region', { name: 'Preview' }).count()).toBe(0);

    // Sent anyway, the server refuses it with the very same words, next to the same field.
    await uploader.getByLabel('Title').fill('Bad layers');
    await uploader.getByLabel('Category').selectOption({ label: 'Movies' });
    const [response] = await Promise.all([
      uploader.waitForResponse((r) => r.url().endsWith('/api/torrents') && r.request().method() === 'POST'),
      uploader.getByRole('button', { name: 'Upload' }).click(),
    ]);
    expect([response.status(), await response.json()]).toEqual([400, { error: bad.message, field: 'file' }]);
    await expect.poll(() => uploader.getByRole('button', { name: 'Upload' }).isEnabled()).toBe(true);
    expect(await error.textContent()).toBe(bad.message);

    // The intact fixture previews.
    await uploader.getByLabel('Torrent file').setInputFiles(path.join(FIXTURES, 'v2-multi.torrent'));
    await uploader.getByTestId('preview-version').waitFor();
    expect(await uploader.getByTestId('preview-version').textContent()).toBe('BitTorrent v2');
    expect(await error.count()).toBe(0);
  });

  it('previews the description as the torrent page renders it, on the upload and the edit form', async () => {
    await uploader.goto(`${site.url}/upload`);
    await uploader.getByLabel('Torrent file').setInputFiles(path.join(FIXTURES, 'v1-multi.torrent'));
    await uploader.getByTestId('preview-name').waitFor();
    await uploader.getByLabel('Category').selectOption({ label: 'Movies' });
    await uploader.getByRole('textbox', { name: 'Description' }).fill(MARKDOWN);
    await uploader.getByRole('button', { name: 'Preview', exact: true }).click();
    const preview = uploader.getByTestId('description-preview');
    await preview.waitFor();
    // The description's # heading sits under the page's h1 and a card's h2, as on the torrent page.
    expect(await preview.getByRole('heading', { name: 'Track list', level: 3 }).count()).toBe(1);
    expect(await preview.locator('table th').allTextContents()).toEqual(['Track', 'Length']);
    expect(await preview.locator('table td').allTextContents()).toEqual(['Aurora', '12:04']);
    expect(await preview.textContent()).toContain('<script>window.pwned = 1</script>');
    expect(await uploader.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    if (database === 'sqlite') await screenshot(uploader, 'upload-description-preview');
    const previewHtml = await preview.innerHTML();

    // Submitted from the preview, the description is what was written; the torrent page shows the same HTML.
    await uploader.getByRole('button', { name: 'Upload' }).click();
    await uploader.getByRole('link', { name: 'Open the torrent page' }).click();
    await uploader.getByTestId('description').waitFor();
    torrentUrl = uploader.url();
    expect(await uploader.getByTestId('description').innerHTML()).toBe(previewHtml);

    await uploader.getByRole('link', { name: 'Edit' }).click();
    await uploader.getByRole('textbox', { name: 'Description' }).fill('## Changed\n\n| A | B |\n| --- | --- |\n| 1 | 2 |');
    await uploader.getByRole('button', { name: 'Preview', exact: true }).click();
    await uploader.getByTestId('description-preview').waitFor();
    expect(await uploader.getByTestId('description-preview').getByRole('heading', { name: 'Changed', level: 4 }).count()).toBe(1);
    expect(await uploader.getByTestId('description-preview').locator('td').allTextContents()).toEqual(['1', '2']);
    await uploader.getByRole('button', { name: 'Write', exact: true }).click();
    expect(await uploader.getByRole('textbox', { name: 'Description' }).inputValue()).toBe('## Changed\n\n| A | B |\n| --- | --- |\n| 1 | 2 |');
  });

  it('shows staff when, by whom and why a torrent was deleted; members get not found', async () => {
    expect(torrentUrl).toMatch(/\/torrents\/\d+$/);
    await admin.goto(torrentUrl);
    await admin.getByLabel('Reason for deletion').fill('Dupe of a better release');
    await admin.getByRole('button', { name: 'Delete torrent' }).click();
    await admin.getByRole('button', { name: 'Delete it' }).click();
    await admin.waitForURL(`${site.url}/torrents`);

    const res = await admin.goto(torrentUrl);
    expect(res?.status()).toBe(200);
    const notice = admin.getByTestId('torrent-deleted');
    expect(await notice.textContent()).toMatch(/^Deleted on .+ by root\.Reason: Dupe of a better release\./);
    expect(await admin.getByRole('button', { name: 'Delete torrent' }).count()).toBe(0);
    expect(await admin.getByRole('link', { name: 'Edit', exact: true }).count()).toBe(0);
    expect(await admin.getByRole('link', { name: 'Download .torrent' }).count()).toBe(0);
    if (database === 'sqlite') await screenshot(admin, 'torrent-deleted-staff');

    expect((await member.goto(torrentUrl))?.status()).toBe(404);
  });
});
