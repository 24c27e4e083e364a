import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { createUser } from '@/lib/services/create-user';
import { createInvite } from '@/lib/services/invites';
import { adjustStats } from '@/lib/services/moderation/adjust-stats';
import { setBanned } from '@/lib/services/moderation/ban-member';
import { changeRole, grantInvites } from '@/lib/services/moderation/change-role';
import { useTestDatabase } from '../helpers/db';
import { settleAll } from '../helpers/race';

/**
 * Staff actions and invite spending that race on one member. Each test fires its calls at once (separate pooled
 * connections on PostgreSQL, queued for the write lock on SQLite) and checks the member's figures afterwards and
 * what each loser was told.
 */
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ cleanup } = await useTestDatabase());
  admin = (await createUser({ username: 'boss', password: 'password-123', role: 'admin' })) as SessionUser;
});
afterAll(() => cleanup());

let admin: SessionUser;
let serial = 0;
async function member(fields: { invitesAvailable?: number } = {}): Promise<SessionUser> {
  const user = (await createUser({ username: `member${++serial}`, password: 'password-123', role: 'member' })) as SessionUser;
  await db().user.update({ where: { id: user.id }, data: fields });
  return user;
}
const invitesOf = async (user: SessionUser) => (await db().user.findUniqueOrThrow({ where: { id: user.id }, select: { invitesAvailable: true } })).invitesAvailable;
const auditsOf = (user: SessionUser, action: string) => db().auditLog.findMany({ where: { targetUserId: user.id, action }, orderBy: { id: 'asc' } });

describe('invite counters under concurrent use', () => {
  it('spends each granted invite once when a member creates invites at once', async () => {
    const m = await member({ invitesAvailable: 3 });
    const { fulfilled, rejected } = await settleAll(Array.from({ length: 8 }, () => createInvite({ actor: m })));
    expect(fulfilled).toHaveLength(3);
    expect(rejected.map((e) => e.userMessage)).toEqual(Array(5).fill('You have no invites left'));
    expect(await invitesOf(m)).toBe(0);
    expect(await db().invite.count({ where: { createdById: m.id } })).toBe(3);
  });

  it('counts every grant and every spend when staff grant invites while the member spends them', async () => {
    const m = await member({ invitesAvailable: 4 });
    const grants = Array.from({ length: 4 }, () => grantInvites({ actor: admin, userId: m.id, count: 1, reason: 'helper' }));
    const spends = Array.from({ length: 4 }, () => createInvite({ actor: m }));
    const granted = await settleAll(grants);
    const spent = await settleAll(spends);
    expect(granted.rejected).toEqual([]);
    expect(spent.rejected).toEqual([]);
    expect(await invitesOf(m)).toBe(4 + 4 - 4);
    const audits = (await auditsOf(m, 'user.invites')).map((a) => [JSON.parse(a.before!).invites, JSON.parse(a.after!).invites] as [number, number]);
    expect(audits).toHaveLength(4);
    for (const [before, after] of audits) expect(after).toBe(before + 1);
  });

  it('never takes back more invites than the member has when staff take them back at once', async () => {
    const m = await member({ invitesAvailable: 3 });
    const { fulfilled, rejected } = await settleAll(Array.from({ length: 6 }, () => grantInvites({ actor: admin, userId: m.id, count: -1, reason: 'abuse' })));
    expect(fulfilled).toHaveLength(3);
    expect(rejected.map((e) => [e.userMessage, e.field])).toEqual(Array(3).fill(['Invites cannot go below 0', 'count']));
    expect(await invitesOf(m)).toBe(0);
    const afters = (await auditsOf(m, 'user.invites')).map((a) => JSON.parse(a.after!).invites as number).sort();
    expect(afters).toEqual([0, 1, 2]);
  });
});

describe('staff changes to one member at once', () => {
  it('adds every correction when staff add to a member\'s uploaded bytes at once', async () => {
    const m = await member();
    const start = (await db().user.findUniqueOrThrow({ where: { id: m.id }, select: { uploaded: true } })).uploaded;
    const GiB = 2n ** 30n;
    const { rejected } = await settleAll(Array.from({ length: 6 }, () => adjustStats({ actor: admin, userId: m.id, input: { field: 'uploaded', mode: 'add', amount: GiB, reason: 'lost stats' } })));
    expect(rejected).toEqual([]);
    const { uploaded } = await db().user.findUniqueOrThrow({ where: { id: m.id }, select: { uploaded: true } });
    expect(uploaded).toBe(start + 6n * GiB);
  });

  it('applies one of two role changes made at once and tells the other moderator the role moved', async () => {
    const m = await member();
    const { fulfilled, rejected } = await settleAll([
      changeRole({ actor: admin, userId: m.id, role: 'uploader', reason: 'good uploads' }),
      changeRole({ actor: admin, userId: m.id, role: 'moderator', reason: 'helps a lot' }),
    ]);
    expect(fulfilled).toHaveLength(1);
    expect(rejected.map((e) => [e.code, e.userMessage])).toEqual([['CONFLICT', 'This member\'s role changed meanwhile; reload the page and try again']]);
    const audits = await auditsOf(m, 'user.role');
    const { role } = await db().user.findUniqueOrThrow({ where: { id: m.id }, select: { role: true } });
    expect(audits.map((a) => [JSON.parse(a.before!).role, JSON.parse(a.after!).role])).toEqual([['member', role]]);
  });

  it('bans once when staff ban the same member at once: one audit entry, sessions ended once', async () => {
    const m = await member();
    const { rejected } = await settleAll(Array.from({ length: 4 }, () => setBanned({ actor: admin, userId: m.id, banned: true, reason: 'cheating' })));
    expect(rejected).toEqual([]);
    expect(await auditsOf(m, 'user.ban')).toHaveLength(1);
    const row = await db().user.findUniqueOrThrow({ where: { id: m.id }, select: { bannedAt: true, sessionVersion: true } });
    expect(row.bannedAt).not.toBeNull();
    expect(row.sessionVersion).toBe(1);
  });
});
