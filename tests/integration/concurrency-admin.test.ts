import { PrismaPg } from '@prisma/adapter-pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { PrismaClient } from '@/lib/db/generated/client';
import { PrismaClient as PostgresPrismaClient } from '@/lib/db/generated-postgres/client';
import { siteSqliteAdapter } from '@/lib/db/sqlite-adapter';
import { createUser } from '@/lib/services/create-user';
import { createCategory, deleteCategory } from '@/lib/services/manage-categories';
import { addBlacklistEntry, removeBlacklistEntry } from '@/lib/services/moderation/client-blacklist';
import { changeWatch } from '@/lib/services/moderation/leeching';
import { updateRegistrationMode } from '@/lib/services/update-registration-mode';
import { useTestDatabase } from '../helpers/db';
import { settleAll } from '../helpers/race';

/** Admin and staff actions that race with each other; each test fires its calls at once. */
let cleanup: () => Promise<void>;
let admin: SessionUser;
let databaseUrl: string;
beforeAll(async () => {
  ({ cleanup, databaseUrl } = await useTestDatabase());
  admin = (await createUser({ username: 'boss', password: 'password-123', role: 'admin' })) as SessionUser;
});
afterAll(() => cleanup());

const DAY_MS = 24 * 3600 * 1000;

/** Another process's connection to the same database (another web process, say). */
function otherConnection(): PrismaClient {
  if (databaseUrl.startsWith('file:')) return new PrismaClient({ adapter: siteSqliteAdapter(databaseUrl) });
  return new PostgresPrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) }) as unknown as PrismaClient;
}

describe('admin actions that race', () => {
  it('extends a ratio watch once when two staff extend it at once, and tells the other', async () => {
    const m = await createUser({ username: 'watched', password: 'password-123', role: 'member' });
    const endsAt = new Date(Date.UTC(2030, 0, 1));
    await db().user.update({ where: { id: m.id }, data: { watchStartedAt: new Date(Date.UTC(2029, 11, 1)), watchEndsAt: endsAt } });
    const { fulfilled, rejected } = await settleAll(Array.from({ length: 3 }, () => changeWatch({ actor: admin, userId: m.id, change: { kind: 'extend', days: 7 }, reason: 'travelling' })));
    expect(fulfilled).toHaveLength(1);
    expect(rejected.map((e) => [e.code, e.userMessage])).toEqual(Array(2).fill(['CONFLICT', 'This member\'s ratio watch changed meanwhile; reload the page and try again']));
    const row = await db().user.findUniqueOrThrow({ where: { id: m.id }, select: { watchEndsAt: true } });
    expect(row.watchEndsAt).toEqual(new Date(endsAt.getTime() + 7 * DAY_MS));
    expect(await db().auditLog.count({ where: { targetUserId: m.id, action: 'watch.extend' } })).toBe(1);
  });

  it('removes a blacklist entry once when two staff remove it at once; the other is told it is gone', async () => {
    await addBlacklistEntry({ actor: admin, prefix: '-XX0001-', note: '' });
    const entry = await db().clientBlacklist.findUniqueOrThrow({ where: { prefix: '-XX0001-' } });
    const { fulfilled, rejected } = await settleAll(Array.from({ length: 3 }, () => removeBlacklistEntry({ actor: admin, id: entry.id })));
    expect(fulfilled).toHaveLength(1);
    expect(rejected.map((e) => [e.code, e.userMessage])).toEqual(Array(2).fill(['NOT_FOUND', 'No such entry']));
    expect(await db().auditLog.count({ where: { action: 'blacklist.remove' } })).toBe(1);
  });

  it('gives categories added at once positions of their own', async () => {
    const names = ['Alpha', 'Beta', 'Gamma', 'Delta', 'Epsilon'];
    const { rejected } = await settleAll(names.map((name) => createCategory({ actor: admin, name })));
    expect(rejected).toEqual([]);
    const positions = (await db().category.findMany({ where: { name: { in: names } }, select: { position: true } })).map((c) => c.position);
    expect(new Set(positions).size).toBe(names.length);
  });

  it('refuses to delete a category that gained a torrent meanwhile, with the reason', async () => {
    await createCategory({ actor: admin, name: 'Doomed' });
    const category = await db().category.findUniqueOrThrow({ where: { slug: 'doomed' } });
    const other = otherConnection();
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let filed = () => {};
    const inserted = new Promise<void>((resolve) => (filed = resolve));
    // An upload on another connection files a torrent under the category and has not committed yet: the
    // admin's page, and the delete's own count, still show the category empty.
    const upload = other.$transaction(async (tx) => {
      await tx.torrent.create({
        data: { infoHashV1: 'ab'.repeat(20), name: 'late', title: 'Late upload', version: 'v1', size: 1n, pieceLength: 16384, fileCount: 1, categoryId: category.id, uploaderId: admin.id },
      });
      filed();
      await held;
    }, { timeout: 20_000 });
    await inserted;
    const deleting = deleteCategory({ actor: admin, id: category.id }).then(() => null, (e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 300));
    release();
    await upload;
    await other.$disconnect();
    expect((await deleting) as { userMessage?: string }).toMatchObject({ code: 'BAD_REQUEST', userMessage: 'Doomed still has 1 torrent(s); move them first' });
    expect(await db().category.count({ where: { id: category.id } })).toBe(1);
  });

  it('records each registration mode change against the value it replaced when two admins save at once', async () => {
    const { rejected } = await settleAll([updateRegistrationMode({ actor: admin, mode: 'open' }), updateRegistrationMode({ actor: admin, mode: 'closed' })]);
    expect(rejected).toEqual([]);
    const audits = await db().auditLog.findMany({ where: { action: 'settings.registration-mode' }, orderBy: { id: 'asc' } });
    const changes = audits.map((a) => [JSON.parse(a.before!), JSON.parse(a.after!)]);
    expect(changes).toHaveLength(2);
    expect(changes[0]![0]).toBe('invite');
    expect(changes[1]![0]).toBe(changes[0]![1]);
  });
});
