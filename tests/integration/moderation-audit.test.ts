import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '@/lib/auth/session';
import { useTestDatabase } from '../helpers/db';
import { acceptAuditInserts, refuseAuditInserts } from '../helpers/refuse-audit';

/**
 * Every staff act (moderation and admin settings) lands in the audit log together with the change, or not at
 * all: with the audit table refusing inserts (a trigger), each act fails and leaves what it would have changed as
 * it was.
 */
let database: Awaited<ReturnType<typeof useTestDatabase>>;
let staff: SessionUser;
let memberId: number;
let watchedId: number;
let torrentId: number;
let entryId: number;
let emptyCategoryId: number;
let categoryId: number;

const services = async () => ({
  db: (await import('@/lib/db/client')).db,
  ban: await import('@/lib/services/moderation/ban-member'),
  leeching: await import('@/lib/services/moderation/leeching'),
  roles: await import('@/lib/services/moderation/change-role'),
  mode: await import('@/lib/services/moderation/torrent-mode'),
  blacklist: await import('@/lib/services/moderation/client-blacklist'),
  passkey: await import('@/lib/services/reset-passkey'),
  deletion: await import('@/lib/services/delete-torrent'),
  editing: await import('@/lib/services/edit-torrent'),
  uploadRole: await import('@/lib/services/update-upload-role'),
  registration: await import('@/lib/services/update-registration-mode'),
  ratioSettings: await import('@/lib/services/update-ratio-settings'),
  categories: await import('@/lib/services/manage-categories'),
  ratioTables: await import('@/lib/services/ratio/ratio-tables'),
  ratio: await import('@/lib/ratio'),
  search: await import('@/lib/services/search-torrents'),
  browse: await import('@/lib/validation/browse'),
});

/** What the acts below could change, read straight from the tables. */
async function snapshot() {
  const { db, search, browse } = await services();
  return {
    users: await db().user.findMany({
      orderBy: { id: 'asc' },
      select: { id: true, role: true, bannedAt: true, leechingDisabled: true, watchEndsAt: true, invitesAvailable: true, passkey: true },
    }),
    torrent: await db().torrent.findUniqueOrThrow({ where: { id: torrentId }, select: { title: true, freeleech: true, deletedAt: true } }),
    found: (await search.searchTorrents({ query: browse.browseQuerySchema.parse({ q: 'album' }) })).rows.map((r) => r.id),
    blacklist: await db().clientBlacklist.findMany({ orderBy: { id: 'asc' }, select: { prefix: true } }),
    settings: await db().setting.findMany({ orderBy: { key: 'asc' } }),
    categories: await db().category.findMany({ orderBy: { id: 'asc' }, select: { id: true, name: true } }),
    ratioTables: await db().ratioTableVersion.count(),
    audit: await db().auditLog.count(),
  };
}

beforeAll(async () => {
  database = await useTestDatabase();
  const { db, dbReady } = await import('@/lib/db/client');
  await dbReady();
  const admin = await db().user.create({ data: { username: 'admin', usernameKey: 'admin', passwordHash: 'x', passkey: 'a'.repeat(32), role: 'admin' } });
  staff = { id: admin.id, username: admin.username, role: 'admin' };
  memberId = (await db().user.create({
    data: { username: 'member', usernameKey: 'member', passwordHash: 'x', passkey: 'b'.repeat(32), invitesAvailable: 2 },
  })).id;
  const now = Date.now();
  watchedId = (await db().user.create({
    data: {
      username: 'watched', usernameKey: 'watched', passwordHash: 'x', passkey: 'c'.repeat(32),
      watchStartedAt: new Date(now - 86_400_000), watchEndsAt: new Date(now + 86_400_000), watchDownloadedAtStart: 0n, watchRequiredAtStart: 0.6,
    },
  })).id;
  const category = await db().category.findFirstOrThrow();
  categoryId = category.id;
  torrentId = (await db().torrent.create({
    data: { infoHashV1: '1'.repeat(40), name: 'album', title: 'An album', version: 'v1', size: 1n, pieceLength: 16384, fileCount: 1, categoryId: category.id, uploaderId: memberId },
  })).id;
  const { searchIndex } = await import('@/lib/db/search');
  await db().$transaction((tx) => searchIndex().write(tx, { torrentId, title: 'An album', files: ['album'], tags: [] }));
  entryId = (await db().clientBlacklist.create({ data: { prefix: '-BL0001-', note: 'leaks' } })).id;
  emptyCategoryId = (await db().category.create({ data: { name: 'Unused', slug: 'unused', position: 99 } })).id;
  await refuseAuditInserts(db());
});

afterAll(async () => {
  await database.cleanup();
});

describe('a staff act whose audit entry cannot be written', () => {
  const acts: [string, (s: Awaited<ReturnType<typeof services>>) => Promise<unknown>][] = [
    ['ban', (s) => s.ban.setBanned({ actor: staff, userId: memberId, banned: true, reason: 'cheating' })],
    ['disable leeching', (s) => s.leeching.setLeeching({ actor: staff, userId: memberId, disabled: true, reason: 'hit and run' })],
    ['extend a ratio watch', (s) => s.leeching.changeWatch({ actor: staff, userId: watchedId, change: { kind: 'extend', days: 7 }, reason: 'asked nicely' })],
    ['clear a ratio watch', (s) => s.leeching.changeWatch({ actor: staff, userId: watchedId, change: { kind: 'clear' }, reason: 'seeded back' })],
    ['change a role', (s) => s.roles.changeRole({ actor: staff, userId: memberId, role: 'uploader', reason: 'trusted' })],
    ['grant invites', (s) => s.roles.grantInvites({ actor: staff, userId: memberId, count: 3, reason: 'recruiting' })],
    ['set freeleech', (s) => s.mode.setTorrentMode({ actor: staff, torrentId, mode: { freeleech: true, neutral: false, doubleUpload: false } })],
    ['blacklist a client', (s) => s.blacklist.addBlacklistEntry({ actor: staff, prefix: '-BL0002-', note: 'fakes stats' })],
    ['unblacklist a client', (s) => s.blacklist.removeBlacklistEntry({ actor: staff, id: entryId })],
    ["reset a member's passkey", (s) => s.passkey.resetPasskey({ actor: staff, userId: memberId })],
    ["edit a member's torrent", (s) => s.editing.editTorrent({ actor: staff, id: torrentId, input: { title: 'A better title', categoryId: categoryId, description: '', tags: [] } })],
    ['delete a torrent', (s) => s.deletion.deleteTorrent({ actor: staff, id: torrentId, reason: 'dupe' })],
    ['change who may upload', (s) => s.uploadRole.updateUploadRole({ actor: staff, role: 'member' })],
    ['open registration', (s) => s.registration.updateRegistrationMode({ actor: staff, mode: 'open' })],
    ['change the ratio settings', async (s) => {
      const current = await s.ratioSettings.getRatioSettings();
      return s.ratioSettings.updateRatioSettings({ actor: staff, input: { ...current, watchDays: current.watchDays + 1, announceIntervalSeconds: current.announceIntervalSeconds + 60 } });
    }],
    ['add a category', (s) => s.categories.createCategory({ actor: staff, name: 'Podcasts' })],
    ['remove a category', (s) => s.categories.deleteCategory({ actor: staff, id: emptyCategoryId })],
    ['save a ratio table', (s) => s.ratioTables.saveRatioTable({ actor: staff, rows: s.ratio.DEFAULT_RATIO_TABLE, effectiveFrom: new Date(Date.now() + 86_400_000) })],
  ];

  it.each(acts)('%s: fails and changes nothing', async (_name, act) => {
    const s = await services();
    const before = await snapshot();
    expect(before.found).toEqual([torrentId]);
    // Prisma reports the trigger's refusal as a constraint violation of the audit insert.
    await expect(act(s)).rejects.toThrow(/auditLog\.create\(\)/);
    expect(await snapshot()).toEqual(before);
  });

  it('succeeds with its audit entry once the audit table takes inserts again', async () => {
    const s = await services();
    await acceptAuditInserts(s.db());
    await s.ban.setBanned({ actor: staff, userId: memberId, banned: true, reason: 'cheating' });
    expect((await s.db().user.findUniqueOrThrow({ where: { id: memberId } })).bannedAt).not.toBeNull();
    expect(await s.db().auditLog.findMany({ select: { action: true, targetUserId: true, reason: true } }))
      .toEqual([{ action: 'user.ban', targetUserId: memberId, reason: 'cheating' }]);
  });
});
