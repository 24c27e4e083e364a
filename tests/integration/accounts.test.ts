import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { authenticateUser, WRONG_CREDENTIALS } from '@/lib/services/authenticate-user';
import { changePassword } from '@/lib/services/change-password';
import { createInvite, getInviteTree } from '@/lib/services/invites';
import { registerUser } from '@/lib/services/register-user';
import { resetPasskey } from '@/lib/services/reset-passkey';
import { putSetting } from '@/lib/services/settings';
import { updateRegistrationMode } from '@/lib/services/update-registration-mode';
import { useTestDatabase } from '../helpers/db';

let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ cleanup } = await useTestDatabase());
});
afterAll(() => cleanup());

const input = (username: string, inviteCode?: string) => ({ username, password: 'password-123', confirmPassword: 'password-123', inviteCode });
const actorOf = (u: { id: number; username: string; role: string }) => u as SessionUser;

async function rejection(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (e: unknown) => e as { code: string; userMessage: string; field?: string });
  expect(error, 'expected a rejection').not.toBeNull();
  return { code: error!.code, message: error!.userMessage, field: error!.field };
}

describe('registration', () => {
  let admin: SessionUser;

  it('makes the first account of an empty database the admin, without an invite', async () => {
    admin = actorOf(await registerUser({ input: input('Founder') }));
    expect(admin.role).toBe('admin');
  });

  it('requires an invite by default once someone exists', async () => {
    expect(await rejection(registerUser({ input: input('second') }))).toEqual({ code: 'BAD_REQUEST', message: 'An invite is required to register', field: 'inviteCode' });
  });

  it('registers through an invite, records the inviter, and the invite works once', async () => {
    const invite = await createInvite({ actor: admin });
    const member = await registerUser({ input: input('second', invite.code) });
    expect(member.role).toBe('member');
    const row = await db().user.findUniqueOrThrow({ where: { id: member.id }, select: { invitedById: true } });
    expect(row.invitedById).toBe(admin.id);
    expect(await rejection(registerUser({ input: input('third', invite.code) }))).toEqual({ code: 'BAD_REQUEST', message: 'This invite has already been used', field: 'inviteCode' });
    const tree = await getInviteTree({ actor: admin });
    expect(tree.map((n) => [n.username, n.children.map((c) => c.username)])).toEqual([['Founder', ['second']]]);
  });

  it('refuses an expired or unknown invite', async () => {
    const invite = await createInvite({ actor: admin, now: new Date(Date.now() - 15 * 24 * 3600 * 1000) });
    expect(await rejection(registerUser({ input: input('late', invite.code) }))).toMatchObject({ message: 'This invite has expired', field: 'inviteCode' });
    expect(await rejection(registerUser({ input: input('late', 'ab'.repeat(16)) }))).toMatchObject({ message: 'This invite code does not exist' });
  });

  it('treats usernames case-insensitively, also when two registrations race', async () => {
    await putSetting('registrationMode', 'open');
    expect(await rejection(registerUser({ input: input('FOUNDER') }))).toEqual({ code: 'CONFLICT', message: 'This username is taken', field: 'username' });
    const results = await Promise.allSettled([registerUser({ input: input('Racer') }), registerUser({ input: input('racer') })]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await db().user.count({ where: { usernameKey: 'racer' } })).toBe(1);
  });

  it('refuses everyone while closed, and only admins may change the mode', async () => {
    await putSetting('registrationMode', 'closed');
    expect(await rejection(registerUser({ input: input('shut') }))).toEqual({ code: 'BAD_REQUEST', message: 'Registration is closed', field: undefined });
    const member = actorOf(await db().user.findUniqueOrThrow({ where: { usernameKey: 'second' }, select: { id: true, username: true, role: true } }));
    expect(await rejection(updateRegistrationMode({ actor: member, mode: 'open' }))).toMatchObject({ code: 'FORBIDDEN' });
    await updateRegistrationMode({ actor: admin, mode: 'open' });
    const audit = await db().auditLog.findMany({ where: { action: 'settings.registration-mode' } });
    expect(audit.map((a) => [a.actorId, a.before, a.after])).toEqual([[admin.id, '"closed"', '"open"']]);
  });
});

describe('login and sessions', () => {
  it('gives the same message for an unknown user and a wrong password, then throttles', async () => {
    const ip = '203.0.113.9';
    expect(await rejection(authenticateUser({ input: { username: 'ghost', password: 'x'.repeat(8) }, ip }))).toMatchObject({ message: WRONG_CREDENTIALS });
    for (let i = 0; i < 4; i++) {
      expect(await rejection(authenticateUser({ input: { username: 'second', password: 'wrong-one' }, ip }))).toMatchObject({ message: WRONG_CREDENTIALS });
    }
    expect(await rejection(authenticateUser({ input: { username: 'second', password: 'password-123' }, ip }))).toEqual({
      code: 'TOO_MANY_REQUESTS',
      message: 'Too many failed attempts. Try again in 2 seconds.',
      field: undefined,
    });
    // No permanent lockout: once the delay has passed the right password works again.
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const ok = await authenticateUser({ input: { username: 'SECOND', password: 'password-123' }, ip });
    expect(ok.username).toBe('second');
  });

  it('a password change bumps the session version and the old password stops working', async () => {
    const user = await db().user.findUniqueOrThrow({ where: { usernameKey: 'second' }, select: { id: true, username: true, role: true, sessionVersion: true } });
    await changePassword({ actor: actorOf(user), input: { currentPassword: 'password-123', newPassword: 'new-password-456', confirmPassword: 'new-password-456' } });
    const after = await db().user.findUniqueOrThrow({ where: { id: user.id }, select: { sessionVersion: true } });
    expect(after.sessionVersion).toBe(user.sessionVersion + 1);
    expect(await rejection(authenticateUser({ input: { username: 'second', password: 'password-123' }, ip: '198.51.100.1' }))).toMatchObject({ message: WRONG_CREDENTIALS });
  });

  it('lets staff reset only lower ranks\' passkeys', async () => {
    const admin = actorOf(await db().user.findUniqueOrThrow({ where: { usernameKey: 'founder' }, select: { id: true, username: true, role: true } }));
    const member = actorOf(await db().user.findUniqueOrThrow({ where: { usernameKey: 'second' }, select: { id: true, username: true, role: true } }));
    const before = await db().user.findUniqueOrThrow({ where: { id: member.id }, select: { passkey: true } });
    await resetPasskey({ actor: admin, userId: member.id });
    const after = await db().user.findUniqueOrThrow({ where: { id: member.id }, select: { passkey: true } });
    expect(after.passkey).toMatch(/^[0-9a-f]{32}$/);
    expect(after.passkey).not.toBe(before.passkey);
    expect(await rejection(resetPasskey({ actor: member, userId: admin.id }))).toMatchObject({ code: 'FORBIDDEN' });
  });
});
