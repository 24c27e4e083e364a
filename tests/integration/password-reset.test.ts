import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '@/lib/auth/session';
import { useTestDatabase } from '../helpers/db';
import { acceptAuditInserts, refuseAuditInserts } from '../helpers/refuse-audit';

/** Staff-issued one-time password-reset links: rank rules, audit, expiry after 24 h, single use, sessions ended. */
let database: Awaited<ReturnType<typeof useTestDatabase>>;
let admin: SessionUser;
let moderator: SessionUser;
let memberId: number;

const HOUR = 3600_000;
const T0 = new Date('2026-12-01T12:00:00Z');

const services = async () => ({
  db: (await import('@/lib/db/client')).db,
  password: await import('@/lib/auth/password'),
  issue: await import('@/lib/services/password-reset/issue-reset-link'),
  redeem: await import('@/lib/services/password-reset/redeem-reset-link'),
});

const tokenOf = (url: string) => url.slice(url.lastIndexOf('/') + 1);
const input = { newPassword: 'a new long password', confirmPassword: 'a new long password' };

async function member() {
  const { db } = await services();
  return db().user.findUniqueOrThrow({ where: { id: memberId }, select: { passwordHash: true, sessionVersion: true } });
}

beforeAll(async () => {
  database = await useTestDatabase();
  const { db, dbReady } = await import('@/lib/db/client');
  const { hashPassword } = await import('@/lib/auth/password');
  await dbReady();
  const hash = await hashPassword('the old password');
  const make = async (name: string, role: string, key: string) =>
    db().user.create({ data: { username: name, usernameKey: name, passwordHash: hash, passkey: key.repeat(32), role } });
  const a = await make('admin', 'admin', 'a');
  const m = await make('mod', 'moderator', 'b');
  admin = { id: a.id, username: a.username, role: 'admin' };
  moderator = { id: m.id, username: m.username, role: 'moderator' };
  memberId = (await make('member', 'member', 'c')).id;
});

afterAll(async () => {
  await database.cleanup();
});

describe('issuing a reset link', () => {
  it('gives staff a link shown once, stores only its hash, and audits it', async () => {
    const s = await services();
    const { url, expiresAt } = await s.issue.issueResetLink({ actor: moderator, userId: memberId, now: T0 });
    expect(url).toMatch(/^http:\/\/localhost:\d+\/reset\/[A-Za-z0-9_-]{43}$/);
    expect(expiresAt).toEqual(new Date(T0.getTime() + 24 * HOUR));
    const rows = await s.db().passwordReset.findMany({ where: { userId: memberId } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]!.tokenHash).not.toContain(tokenOf(url));
    expect(JSON.stringify(rows)).not.toContain(tokenOf(url));
    const audit = await s.db().auditLog.findMany({ where: { action: 'user.reset-link' }, select: { actorId: true, targetUserId: true } });
    expect(audit).toEqual([{ actorId: moderator.id, targetUserId: memberId }]);
  });

  it.each([
    ['a moderator, for another moderator', () => moderator, () => moderator.id, 'You can only act on members of a lower rank'],
    ['a moderator, for an admin', () => moderator, () => admin.id, 'You can only act on members of a lower rank'],
    ['a member', () => ({ id: memberId, username: 'member', role: 'member' as const }), () => moderator.id, 'Staff only'],
  ])('refuses %s, and writes nothing', async (_name, actor, target, message) => {
    const s = await services();
    const before = await s.db().passwordReset.count();
    const audits = await s.db().auditLog.count();
    await expect(s.issue.issueResetLink({ actor: actor(), userId: target(), now: T0 })).rejects.toThrow(message);
    expect(await s.db().passwordReset.count()).toBe(before);
    expect(await s.db().auditLog.count()).toBe(audits);
  });

  it('voids the member\'s earlier unused link', async () => {
    const s = await services();
    const first = await s.issue.issueResetLink({ actor: admin, userId: memberId, now: T0 });
    await s.issue.issueResetLink({ actor: admin, userId: memberId, now: T0 });
    expect(await s.redeem.checkResetLink({ token: tokenOf(first.url), now: T0 })).toBe(s.redeem.RESET_LINK_UNKNOWN);
  });
});

describe('using a reset link', () => {
  it('sets the new password, ends every session, and works only once', async () => {
    const s = await services();
    const { url } = await s.issue.issueResetLink({ actor: admin, userId: memberId, now: T0 });
    const before = await member();
    expect(await s.redeem.redeemResetLink({ token: tokenOf(url), input, now: new Date(T0.getTime() + 23 * HOUR) })).toEqual({ username: 'member' });
    const after = await member();
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    expect(await s.password.verifyPassword(after.passwordHash, 'a new long password')).toBe(true);
    expect(await s.password.verifyPassword(after.passwordHash, 'the old password')).toBe(false);
    const audit = await s.db().auditLog.findMany({ where: { action: 'user.password-reset' }, select: { actorId: true, targetUserId: true, after: true } });
    expect(audit).toEqual([{ actorId: memberId, targetUserId: memberId, after: '{"via":"staff"}' }]);

    const again = { newPassword: 'yet another password', confirmPassword: 'yet another password' };
    await expect(s.redeem.redeemResetLink({ token: tokenOf(url), input: again, now: new Date(T0.getTime() + 23 * HOUR) }))
      .rejects.toThrow('This reset link has already been used. Ask staff for a new one.');
    expect(await member()).toEqual(after);
  });

  it('refuses an expired link (24 hours after it was issued) and changes nothing', async () => {
    const s = await services();
    const { url } = await s.issue.issueResetLink({ actor: admin, userId: memberId, now: T0 });
    const before = await member();
    const at24h = new Date(T0.getTime() + 24 * HOUR);
    expect(await s.redeem.checkResetLink({ token: tokenOf(url), now: new Date(at24h.getTime() - 1) })).toBeNull();
    await expect(s.redeem.redeemResetLink({ token: tokenOf(url), input, now: at24h }))
      .rejects.toThrow('This reset link has expired. Ask staff for a new one.');
    expect(await member()).toEqual(before);
    expect((await s.db().passwordReset.findFirstOrThrow({ where: { userId: memberId }, orderBy: { id: 'desc' } })).usedAt).toBeNull();
  });

  it.each([
    ['a made-up token', 'A'.repeat(43)],
    ['a token of the wrong shape', 'not-a-token'],
  ])('refuses %s', async (_name, token) => {
    const s = await services();
    const before = await member();
    await expect(s.redeem.redeemResetLink({ token, input, now: T0 })).rejects.toThrow('This reset link is not valid. Ask staff for a new one.');
    expect(await member()).toEqual(before);
  });

  it('leaves the link usable and the password as it was when the change cannot be written', async () => {
    const s = await services();
    const { url } = await s.issue.issueResetLink({ actor: admin, userId: memberId, now: T0 });
    const before = await member();
    await refuseAuditInserts(s.db());
    try {
      await expect(s.redeem.redeemResetLink({ token: tokenOf(url), input, now: T0 })).rejects.toThrow(/auditLog\.create\(\)/);
    } finally {
      await acceptAuditInserts(s.db());
    }
    expect(await member()).toEqual(before);
    expect(await s.redeem.checkResetLink({ token: tokenOf(url), now: T0 })).toBeNull();
  });
});

describe('the new password form', () => {
  it.each([
    [{ newPassword: 'short', confirmPassword: 'short' }, { newPassword: 'Password must be at least 8 characters' }],
    [{ newPassword: 'long enough one', confirmPassword: 'something else' }, { confirmPassword: 'Passwords do not match' }],
  ])('says what is wrong next to the field', async (values, errors) => {
    const { resetPasswordSchema } = await import('@/lib/validation/password-reset');
    const { fieldErrors } = await import('@/lib/validation/auth');
    const parsed = resetPasswordSchema.safeParse(values);
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(fieldErrors(parsed.error)).toEqual(errors);
  });
});
