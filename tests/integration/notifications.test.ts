import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { useTestDatabase } from '../helpers/db';
import { acceptInserts, refuseInserts } from '../helpers/refuse-inserts';
import { at, DAY, GIB, member, setTotals, snatch, T0, torrent } from './ratio/fixture';

/**
 * Every notification trigger, with an injected clock: what the member reads, when it is dated, and that it is
 * written atomically with its change (a change that fails leaves no notification; a notification that cannot be
 * written fails its change).
 */
let cleanup: () => Promise<void>;
let staff: SessionUser;

const s = async () => ({
  ratio: await import('@/lib/services/ratio/evaluate-member'),
  leeching: await import('@/lib/services/moderation/leeching'),
  adjust: await import('@/lib/services/moderation/adjust-stats'),
  roles: await import('@/lib/services/moderation/change-role'),
  deletion: await import('@/lib/services/delete-torrent'),
  register: await import('@/lib/services/register-user'),
  invites: await import('@/lib/services/invites'),
  settings: await import('@/lib/services/settings'),
  inbox: await import('@/lib/services/notifications/list-notifications'),
  read: await import('@/lib/services/notifications/mark-read'),
  scheduler: await import('@/lib/services/ratio/ratio-scheduler'),
  twoFactor: await import('@/lib/services/two-factor/remove-two-factor'),
  ban: await import('@/lib/services/moderation/ban-member'),
});

/** A member with two-factor login on (the secret written directly: removing it is what is tested). */
async function withTwoFactor() {
  const m = await member();
  await db().user.update({ where: { id: m.id }, data: { totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', totpEnabledAt: T0 } });
  return m;
}

async function banned() {
  const m = await member();
  await db().user.update({ where: { id: m.id }, data: { bannedAt: T0, banReason: 'Cheating.' } });
  return m;
}

const inbox = (userId: number) =>
  db().notification.findMany({ where: { userId }, orderBy: { id: 'asc' }, select: { kind: true, title: true, body: true, createdAt: true } });

beforeAll(async () => {
  ({ cleanup } = await useTestDatabase());
  const { dbReady } = await import('@/lib/db/client');
  await dbReady();
  staff = await member({ role: 'admin' });
});
afterAll(() => cleanup());

describe('ratio rules tell the member', () => {
  it('when a watch starts: the deadline and the bytes to upload', async () => {
    const m = await member({ downloaded: 20n * GIB, uploaded: 4n * GIB });
    await (await s()).ratio.evaluateMemberRatio({ userId: m.id, now: T0 });
    expect(await inbox(m.id)).toEqual([{
      kind: 'watch.start',
      title: 'You are on ratio watch',
      body: 'Your ratio is 0.20; the required ratio is 0.30. Upload 2.00 GiB more (seeding more torrents also lowers the requirement) '
        + 'before 2026-01-15 00:00 UTC, or downloading will be disabled. Seeding always stays allowed.',
      createdAt: T0,
    }]);
  });

  it('when leeching is disabled at the deadline (and how to recover), and when both come back', async () => {
    const m = await member({ downloaded: 20n * GIB, uploaded: 4n * GIB });
    const { ratio } = await s();
    await ratio.evaluateMemberRatio({ userId: m.id, now: T0 });
    await ratio.evaluateMemberRatio({ userId: m.id, now: at(14 * DAY) });
    await setTotals(m.id, { uploaded: 7n * GIB });
    await ratio.evaluateMemberRatio({ userId: m.id, now: at(15 * DAY) });
    expect((await inbox(m.id)).slice(1)).toEqual([
      {
        kind: 'leeching.disable', title: 'Downloading is disabled', createdAt: at(14 * DAY),
        body: 'Your ratio watch ended before you reached the required ratio. Your ratio is 0.20; the required ratio is 0.30. Seeding stays allowed, '
          + 'and so does downloading again what you uploaded, snatched or seed. Upload 2.00 GiB more and downloading comes back by itself.',
      },
      { kind: 'watch.end', title: 'Your ratio watch has ended', body: 'Your ratio is 0.35; the required ratio is 0.30. You meet it again.', createdAt: at(15 * DAY) },
      { kind: 'leeching.restore', title: 'Downloading is allowed again', body: 'Your ratio is 0.35; the required ratio is 0.30. You meet it again.', createdAt: at(15 * DAY) },
    ]);
  });

  it('when leeching is disabled for downloading too much during the watch', async () => {
    const m = await member({ downloaded: 20n * GIB, uploaded: 4n * GIB });
    const { ratio } = await s();
    await ratio.evaluateMemberRatio({ userId: m.id, now: T0 });
    await setTotals(m.id, { downloaded: 31n * GIB });
    await ratio.evaluateMemberRatio({ userId: m.id, now: at(DAY) });
    const [, disabled] = await inbox(m.id);
    expect(disabled?.body).toBe('You downloaded more than 10.00 GiB during your ratio watch. Your ratio is 0.12; the required ratio is 0.40. Seeding stays allowed, '
      + 'and so does downloading again what you uploaded, snatched or seed. Upload 8.40 GiB more and downloading comes back by itself.');
    expect(disabled?.createdAt).toEqual(at(DAY));
  });

  it('nothing when nothing changes', async () => {
    const m = await member({ downloaded: 20n * GIB, uploaded: 10n * GIB });
    await (await s()).ratio.evaluateMemberRatio({ userId: m.id, now: T0 });
    expect(await inbox(m.id)).toEqual([]);
  });
});

describe('staff acts tell the member', () => {
  it('leeching disabled by staff (with the reason and what to do) and enabled again', async () => {
    const m = await member();
    const { leeching } = await s();
    await leeching.setLeeching({ actor: staff, userId: m.id, disabled: true, reason: 'Hit and run.', now: T0 });
    await leeching.setLeeching({ actor: staff, userId: m.id, disabled: false, reason: 'Seeded back.', now: at(DAY) });
    expect(await inbox(m.id)).toEqual([
      { kind: 'leeching.disable', title: 'Downloading is disabled', createdAt: T0,
        body: 'Staff disabled downloading for your account. Reason: Hit and run. Seeding stays allowed. Only staff can enable it again: write to them to ask.' },
      { kind: 'leeching.restore', title: 'Downloading is allowed again', createdAt: at(DAY), body: 'Staff enabled downloading for your account. Reason: Seeded back.' },
    ]);
  });

  it('a watch extended or cleared by staff', async () => {
    const m = await member({ downloaded: 20n * GIB, uploaded: 4n * GIB });
    const { ratio, leeching } = await s();
    await ratio.evaluateMemberRatio({ userId: m.id, now: T0 });
    await leeching.changeWatch({ actor: staff, userId: m.id, change: { kind: 'extend', days: 7 }, reason: 'Asked nicely.', now: at(DAY) });
    await leeching.changeWatch({ actor: staff, userId: m.id, change: { kind: 'clear' }, reason: 'Seedbox trouble.', now: at(2 * DAY) });
    expect((await inbox(m.id)).slice(1)).toEqual([
      { kind: 'watch.extend', title: 'Your ratio watch was extended', createdAt: at(DAY), body: 'Staff moved the deadline of your ratio watch to 2026-01-22 00:00 UTC. Reason: Asked nicely.' },
      { kind: 'watch.end', title: 'Your ratio watch has ended', createdAt: at(2 * DAY), body: 'Staff ended your ratio watch. Reason: Seedbox trouble.' },
    ]);
  });

  it('statistics adjusted, with the reason', async () => {
    const m = await member({ uploaded: GIB });
    await (await s()).adjust.adjustStats({ actor: staff, userId: m.id, input: { field: 'uploaded', mode: 'add', amount: 5n * GIB / 2n, reason: 'Credit lost in the outage.' }, now: T0 });
    expect(await inbox(m.id)).toEqual([
      { kind: 'stats.adjust', title: 'Staff adjusted your statistics', createdAt: T0, body: 'Uploaded changed from 1.00 GiB to 3.50 GiB. Reason: Credit lost in the outage.' },
    ]);
  });

  it('role changed', async () => {
    const m = await member();
    await (await s()).roles.changeRole({ actor: staff, userId: m.id, role: 'uploader', reason: 'Good uploads.', now: T0 });
    expect(await inbox(m.id)).toEqual([
      { kind: 'role.change', title: 'Your role changed', createdAt: T0, body: 'You are now Uploader (before: Member). Reason: Good uploads.' },
    ]);
  });

  it('a torrent deleted: its uploader, snatchers and seeders, each once, not the staff member deleting it', async () => {
    const uploader = await member();
    const [snatcher, seeder, both, bystander] = [await member(), await member(), await member(), await member()];
    const t = await torrent({ uploaderId: uploader.id });
    await snatch(snatcher.id, t.id);
    await snatch(both.id, t.id);
    await snatch(staff.id, t.id);
    for (const [i, userId] of [seeder.id, both.id, both.id].entries()) {
      await db().peer.create({ data: { torrentId: t.id, userId, peerId: new Uint8Array(20).fill(i + 1), ip: '10.0.0.1', port: 6881 + i, uploaded: 0n, downloaded: 0n, left: 0n, seeder: true, client: 'x', startedAt: T0, lastAnnounceAt: T0 } });
    }
    await (await s()).deletion.deleteTorrent({ actor: staff, id: t.id, reason: 'Duplicate of t1.', now: T0 });
    const body = (title: string) => `“${title}” was deleted by staff. Reason: Duplicate of t1. The tracker no longer accepts it: remove it from your client.`;
    const { title } = await db().torrent.findUniqueOrThrow({ where: { id: t.id } });
    expect(await inbox(uploader.id)).toEqual([{ kind: 'torrent.delete', title: 'A torrent you uploaded was deleted', body: body(title), createdAt: T0 }]);
    expect(await inbox(snatcher.id)).toEqual([{ kind: 'torrent.delete', title: 'A torrent you snatched was deleted', body: body(title), createdAt: T0 }]);
    expect(await inbox(both.id)).toEqual([{ kind: 'torrent.delete', title: 'A torrent you snatched was deleted', body: body(title), createdAt: T0 }]);
    expect(await inbox(seeder.id)).toEqual([{ kind: 'torrent.delete', title: 'A torrent you seed was deleted', body: body(title), createdAt: T0 }]);
    expect(await inbox(bystander.id)).toEqual([]);
    expect(await inbox(staff.id)).toEqual([]);
  });

  it('an invite of theirs used', async () => {
    const inviter = await member();
    const { invites, register, settings } = await s();
    await settings.putSetting('registrationMode', 'invite');
    const { code } = await invites.createInvite({ actor: staff, now: T0 });
    await db().invite.update({ where: { code }, data: { createdById: inviter.id } });
    await register.registerUser({ input: { username: 'newcomer', password: 'long enough', confirmPassword: 'long enough', inviteCode: code }, now: at(DAY) });
    expect(await inbox(inviter.id)).toEqual([{ kind: 'invite.used', title: 'Your invite was used', body: 'newcomer joined with an invite of yours.', createdAt: at(DAY) }]);
  });

  it('two-factor login removed by staff, with the reason and what to do', async () => {
    const m = await withTwoFactor();
    await (await s()).twoFactor.removeTwoFactor({ actor: staff, userId: m.id, reason: 'Lost phone, identity checked.', now: at(DAY) });
    expect(await inbox(m.id)).toEqual([{
      kind: 'security.2fa-remove', title: 'Staff removed your two-factor login', createdAt: at(DAY),
      body: 'Staff removed two-factor login from your account: your password alone logs you in now. Reason: Lost phone, identity checked. '
        + 'Set it up again under Two-factor login. If you did not ask for this, change your password and write to staff at once.',
    }]);
  });

  it('a ban lifted restores the account and says so; the ban itself is not notified (the member cannot log in)', async () => {
    const m = await member();
    const { ban } = await s();
    await ban.setBanned({ actor: staff, userId: m.id, banned: true, reason: 'Cheating.', now: T0 });
    expect(await inbox(m.id)).toEqual([]);
    await ban.setBanned({ actor: staff, userId: m.id, banned: false, reason: 'Appeal accepted.', now: at(DAY) });
    expect(await inbox(m.id)).toEqual([{
      kind: 'account.restore', title: 'Your account was restored', createdAt: at(DAY),
      body: 'Staff lifted the ban on your account: you can log in and use the tracker again. Reason: Appeal accepted.',
    }]);
  });
});

describe('atomic with the change', () => {
  /** Each act with what it changes, so a test can show that nothing changed. */
  const acts: [string, () => Promise<{ run: () => Promise<unknown>; state: () => Promise<unknown>; userId: number }>][] = [
    ['a watch starting', async () => {
      const m = await member({ downloaded: 20n * GIB, uploaded: 4n * GIB });
      return { userId: m.id, run: async () => (await s()).ratio.evaluateMemberRatio({ userId: m.id, now: T0 }), state: () => db().user.findUniqueOrThrow({ where: { id: m.id }, select: { watchEndsAt: true, requiredRatio: true } }) };
    }],
    ['leeching disabled by staff', async () => {
      const m = await member();
      return { userId: m.id, run: async () => (await s()).leeching.setLeeching({ actor: staff, userId: m.id, disabled: true, reason: 'x y z', now: T0 }), state: () => db().user.findUniqueOrThrow({ where: { id: m.id }, select: { leechingDisabled: true } }) };
    }],
    ['statistics adjusted', async () => {
      const m = await member();
      return { userId: m.id, run: async () => (await s()).adjust.adjustStats({ actor: staff, userId: m.id, input: { field: 'uploaded', mode: 'set', amount: GIB, reason: 'x y z' }, now: T0 }), state: () => db().user.findUniqueOrThrow({ where: { id: m.id }, select: { uploaded: true } }) };
    }],
    ['role changed', async () => {
      const m = await member();
      return { userId: m.id, run: async () => (await s()).roles.changeRole({ actor: staff, userId: m.id, role: 'uploader', reason: 'x y z', now: T0 }), state: () => db().user.findUniqueOrThrow({ where: { id: m.id }, select: { role: true } }) };
    }],
    ['torrent deleted', async () => {
      const m = await member();
      const t = await torrent({ uploaderId: m.id });
      return { userId: m.id, run: async () => (await s()).deletion.deleteTorrent({ actor: staff, id: t.id, reason: 'x y z', now: T0 }), state: () => db().torrent.findUniqueOrThrow({ where: { id: t.id }, select: { deletedAt: true } }) };
    }],
    ['two-factor login removed by staff', async () => {
      const m = await withTwoFactor();
      return {
        userId: m.id,
        run: async () => (await s()).twoFactor.removeTwoFactor({ actor: staff, userId: m.id, reason: 'x y z', now: T0 }),
        state: () => db().user.findUniqueOrThrow({ where: { id: m.id }, select: { totpEnabledAt: true, totpSecret: true } }),
      };
    }],
    ['a ban lifted', async () => {
      const m = await banned();
      return { userId: m.id, run: async () => (await s()).ban.setBanned({ actor: staff, userId: m.id, banned: false, reason: 'x y z', now: T0 }), state: () => db().user.findUniqueOrThrow({ where: { id: m.id }, select: { bannedAt: true } }) };
    }],
  ];

  it.each(acts)('%s: a notification that cannot be written fails the change', async (_name, make) => {
    const act = await make();
    const before = await act.state();
    await refuseInserts(db(), 'Notification');
    try {
      await expect(act.run()).rejects.toThrow(/notification\.createMany\(\)/);
    } finally {
      await acceptInserts(db(), 'Notification');
    }
    expect(await act.state()).toEqual(before);
    expect(await inbox(act.userId)).toEqual([]);
  });

  it.each(acts)('%s: a change that fails leaves no notification', async (_name, make) => {
    const act = await make();
    const before = await act.state();
    await refuseInserts(db(), 'AuditLog');
    try {
      await expect(act.run()).rejects.toThrow(/auditLog\.create\(\)/);
    } finally {
      await acceptInserts(db(), 'AuditLog');
    }
    expect(await act.state()).toEqual(before);
    expect(await inbox(act.userId)).toEqual([]);
  });

  it('a registration whose notification cannot be written creates no account and leaves the invite open', async () => {
    const inviter = await member();
    const { invites, register, settings } = await s();
    await settings.putSetting('registrationMode', 'invite');
    const { code } = await invites.createInvite({ actor: staff, now: T0 });
    await db().invite.update({ where: { code }, data: { createdById: inviter.id } });
    await refuseInserts(db(), 'Notification');
    try {
      await expect(register.registerUser({ input: { username: 'blocked', password: 'long enough', confirmPassword: 'long enough', inviteCode: code }, now: T0 }))
        .rejects.toThrow(/notification\.createMany\(\)/);
    } finally {
      await acceptInserts(db(), 'Notification');
    }
    expect(await db().user.count({ where: { usernameKey: 'blocked' } })).toBe(0);
    expect((await db().invite.findUniqueOrThrow({ where: { code } })).usedAt).toBeNull();
    expect(await inbox(inviter.id)).toEqual([]);
  });

  it('a refused change (below zero) leaves no notification', async () => {
    const m = await member();
    await expect((await s()).adjust.adjustStats({ actor: staff, userId: m.id, input: { field: 'uploaded', mode: 'add', amount: -GIB, reason: 'x y z' }, now: T0 }))
      .rejects.toThrow('Uploaded cannot go below 0');
    expect(await inbox(m.id)).toEqual([]);
  });
});

describe('the inbox', () => {
  let m: SessionUser;
  beforeEach(async () => {
    m = await member();
    const { leeching } = await s();
    await leeching.setLeeching({ actor: staff, userId: m.id, disabled: true, reason: 'one', now: T0 });
    await leeching.setLeeching({ actor: staff, userId: m.id, disabled: false, reason: 'two', now: at(DAY) });
  });

  it('counts unread, marks one read, then all', async () => {
    const { inbox: list, read } = await s();
    expect(await list.countUnread({ actor: m })).toBe(2);
    const listed = await list.listNotifications({ actor: m });
    expect(listed.rows.map((r) => [r.title, r.read])).toEqual([['Downloading is allowed again', false], ['Downloading is disabled', false]]);
    await read.markNotificationRead({ actor: m, id: listed.rows[0]!.id, now: at(2 * DAY) });
    expect(await list.countUnread({ actor: m })).toBe(1);
    expect(await read.markAllNotificationsRead({ actor: m, now: at(2 * DAY) })).toBe(1);
    expect(await list.countUnread({ actor: m })).toBe(0);
  });

  it("refuses to mark someone else's notification", async () => {
    const { inbox: list, read } = await s();
    const [mine] = (await list.listNotifications({ actor: m })).rows;
    const other = await member();
    await expect(read.markNotificationRead({ actor: other, id: mine!.id })).rejects.toThrow('No such notification');
    expect(await list.countUnread({ actor: m })).toBe(2);
  });

  it("the scheduler's sweep prunes read notifications older than the configured days, never unread ones", async () => {
    const { read, settings, scheduler } = await s();
    const ids = (await db().notification.findMany({ where: { userId: m.id }, orderBy: { id: 'asc' } })).map((n) => n.id);
    await read.markNotificationRead({ actor: m, id: ids[0]!, now: at(DAY) });
    await settings.putSetting('notificationRetentionDays', 10);
    const sweepAt = async (when: Date) => scheduler.createRatioScheduler({ now: () => when, log: () => undefined }).sweep();
    await sweepAt(at(11 * DAY - 1));
    expect(await db().notification.count({ where: { userId: m.id } })).toBe(2);
    await sweepAt(at(11 * DAY));
    expect(await db().notification.count({ where: { userId: m.id } })).toBe(2);
    await sweepAt(at(11 * DAY + 1));
    expect((await db().notification.findMany({ where: { userId: m.id } })).map((n) => n.id)).toEqual([ids[1]]);
    await sweepAt(at(400 * DAY));
    expect(await db().notification.count({ where: { userId: m.id } })).toBe(1);
    await settings.putSetting('notificationRetentionDays', 30);
  });
});
