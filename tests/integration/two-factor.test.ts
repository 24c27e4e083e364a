import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { useTestDatabase } from '../helpers/db';

/** Two-factor login: setup by a confirmed code, login codes spent once, recovery codes, throttling, staff removal. */
let cleanup: () => Promise<void>;
let admin: SessionUser;
let moderator: SessionUser;
let n = 0;

const T0 = new Date('2026-12-01T12:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const code = (secret: string, when: Date) => generate({ secret, epoch: Math.floor(when.getTime() / 1000) });

const s = async () => ({
  setup: await import('@/lib/services/two-factor/setup-two-factor'),
  factor: await import('@/lib/services/two-factor/second-factor'),
  remove: await import('@/lib/services/two-factor/remove-two-factor'),
  staff: await import('@/lib/services/two-factor/staff-requirement'),
  auth: await import('@/lib/services/authenticate-user'),
  password: await import('@/lib/auth/password'),
});

async function account(role = 'member'): Promise<SessionUser> {
  n++;
  const { password } = await s();
  const u = await db().user.create({
    data: { username: `u${n}`, usernameKey: `u${n}`, passwordHash: await password.hashPassword('the password'), passkey: n.toString(16).padStart(32, '0'), role },
    select: { id: true, username: true, role: true },
  });
  return { ...u, role: u.role as SessionUser['role'] };
}

/** A member with two-factor login on (confirmed at T0); returns the secret and the recovery codes. */
async function enrolled(role = 'member') {
  const actor = await account(role);
  const { setup } = await s();
  await setup.startTwoFactorSetup({ actor });
  const { pending } = await setup.getTwoFactorStatus({ actor });
  const codes = await setup.confirmTwoFactorSetup({ actor, code: await code(pending!.secret, T0), now: T0 });
  return { actor, secret: pending!.secret, codes };
}

const logIn = async (actor: SessionUser, options: { code?: string; now: Date; ip?: string }) =>
  (await s()).auth.authenticateUser({ input: { username: actor.username, password: 'the password', code: options.code }, ip: options.ip ?? `ip-${actor.id}`, now: options.now });

beforeAll(async () => {
  ({ cleanup } = await useTestDatabase());
  const { dbReady } = await import('@/lib/db/client');
  await dbReady();
  admin = await account('admin');
  moderator = await account('moderator');
});
afterAll(() => cleanup());

describe('setting up', () => {
  it('shows a QR code rendered here and the secret, and turns on only with a right code', async () => {
    const actor = await account();
    const { setup } = await s();
    await setup.startTwoFactorSetup({ actor });
    const status = await setup.getTwoFactorStatus({ actor });
    expect(status.enabled).toBe(false);
    expect(status.pending?.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(status.pending?.qrDataUrl).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(status.pending!.qrDataUrl.split(',')[1]!, 'base64').toString()).toContain('<svg');
    const wrong = String((Number(await code(status.pending!.secret, T0)) + 1) % 1_000_000).padStart(6, '0');
    await expect(setup.confirmTwoFactorSetup({ actor, code: wrong, now: T0 })).rejects.toThrow("Wrong code: check that the app shows the site's entry and try the current code");
    expect((await setup.getTwoFactorStatus({ actor })).enabled).toBe(false);
    const codes = await setup.confirmTwoFactorSetup({ actor, code: await code(status.pending!.secret, T0), now: T0 });
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    const stored = await db().recoveryCode.findMany({ where: { userId: actor.id } });
    expect(stored).toHaveLength(10);
    for (const row of stored) expect(codes.map((c) => c.replace('-', ''))).not.toContain(row.codeHash);
    expect(await setup.getTwoFactorStatus({ actor })).toMatchObject({ enabled: true, enabledAt: T0, recoveryCodesLeft: 10, pending: null });
    expect(await db().auditLog.count({ where: { action: 'user.2fa-enable', targetUserId: actor.id } })).toBe(1);
    await expect(setup.startTwoFactorSetup({ actor })).rejects.toThrow('Two-factor login is already on');
  });
});

describe('logging in', () => {
  it('asks for the code after the right password, then accepts a current code once', async () => {
    const { actor, secret } = await enrolled();
    const { factor } = await s();
    await expect(logIn(actor, { now: at(60) })).rejects.toThrow(factor.CODE_NEEDED);
    const current = await code(secret, at(60));
    expect((await logIn(actor, { code: current, now: at(60) })).id).toBe(actor.id);
    // The same code again, in the same 30-second step: refused.
    await expect(logIn(actor, { code: current, now: at(65) })).rejects.toThrow(factor.CODE_REPLAYED);
    // The code that confirmed the setup cannot log in either.
    await expect(logIn(actor, { code: await code(secret, T0), now: at(10) })).rejects.toThrow(factor.CODE_REPLAYED);
    expect((await logIn(actor, { code: await code(secret, at(90)), now: at(90) })).id).toBe(actor.id);
  });

  it('refuses a tampered code, and a wrong password whatever the code', async () => {
    const { actor, secret } = await enrolled();
    const { factor, auth } = await s();
    const right = await code(secret, at(60));
    const tampered = `${right.slice(0, 5)}${(Number(right[5]) + 1) % 10}`;
    await expect(logIn(actor, { code: tampered, now: at(60) })).rejects.toThrow(factor.WRONG_CODE);
    await expect(auth.authenticateUser({ input: { username: actor.username, password: 'not it', code: right }, ip: 'x', now: at(60) })).rejects.toThrow('Wrong username or password');
    expect((await logIn(actor, { code: right, now: at(60) })).id).toBe(actor.id);
  });

  it('throttles wrong codes as it throttles wrong passwords', async () => {
    const { actor, secret } = await enrolled();
    for (let i = 0; i < 6; i++) await expect(logIn(actor, { code: '000000', now: at(60), ip: 'throttled' })).rejects.toThrow(/Wrong code|Too many/);
    await expect(logIn(actor, { code: await code(secret, at(60)), now: at(60), ip: 'throttled' })).rejects.toThrow(/^Too many failed attempts\. Try again in \d+ seconds\.$/);
  });

  it('accepts each recovery code once, in any case and spacing', async () => {
    const { actor, codes } = await enrolled();
    const { factor, setup } = await s();
    expect((await logIn(actor, { code: codes[3]!.toUpperCase().replace('-', ' '), now: at(60) })).id).toBe(actor.id);
    await expect(logIn(actor, { code: codes[3]!, now: at(120) })).rejects.toThrow(factor.RECOVERY_CODE_USED);
    expect((await setup.getTwoFactorStatus({ actor })).recoveryCodesLeft).toBe(9);
    await expect(logIn(actor, { code: 'aaaaa-aaaaa', now: at(120) })).rejects.toThrow(factor.WRONG_CODE);
  });
});

describe('removing it', () => {
  it('staff remove a member\'s two-factor login, audited with the reason; the member logs in with the password alone', async () => {
    const { actor } = await enrolled();
    const { remove } = await s();
    await remove.removeTwoFactor({ actor: moderator, userId: actor.id, reason: 'Lost phone, identity checked' });
    expect((await logIn(actor, { now: at(60) })).id).toBe(actor.id);
    expect(await db().recoveryCode.count({ where: { userId: actor.id } })).toBe(0);
    expect(await db().auditLog.findMany({ where: { action: 'user.2fa-remove' }, select: { actorId: true, targetUserId: true, reason: true } }))
      .toEqual([{ actorId: moderator.id, targetUserId: actor.id, reason: 'Lost phone, identity checked' }]);
    await expect(remove.removeTwoFactor({ actor: moderator, userId: actor.id, reason: 'again' })).rejects.toThrow('This member does not use two-factor login');
  });

  it('refuses staff of the same rank', async () => {
    const other = await enrolled('moderator');
    await expect((await s()).remove.removeTwoFactor({ actor: moderator, userId: other.actor.id, reason: 'x y z' })).rejects.toThrow('You can only act on members of a lower rank');
    expect(await db().user.count({ where: { id: other.actor.id, totpEnabledAt: { not: null } } })).toBe(1);
  });

  it('a member turns it off only with their password and a current code', async () => {
    const { actor, secret } = await enrolled();
    const { remove } = await s();
    const off = (password: string, c: string, when: Date) => remove.disableOwnTwoFactor({ actor, password, code: c, ip: `off-${actor.id}`, now: when });
    await expect(off('the password', '000000', at(60))).rejects.toThrow('Wrong code');
    await expect(off('not the password', await code(secret, at(60)), at(60))).rejects.toThrow('Wrong password');
    await expect(off('', await code(secret, at(60)), at(60))).rejects.toThrow('Enter your password');
    expect(await db().user.count({ where: { id: actor.id, totpEnabledAt: { not: null } } })).toBe(1);
    await off('the password', await code(secret, at(60)), at(60));
    expect((await logIn(actor, { now: at(90) })).id).toBe(actor.id);
    expect(await db().auditLog.count({ where: { action: 'user.2fa-disable', targetUserId: actor.id } })).toBe(1);
  });

  it('a member turns it off with the password and a recovery code', async () => {
    const { actor, codes } = await enrolled();
    await (await s()).remove.disableOwnTwoFactor({ actor, password: 'the password', code: codes[0]!, ip: `off-${actor.id}`, now: at(60) });
    expect(await db().user.count({ where: { id: actor.id, totpEnabledAt: null } })).toBe(1);
    expect(await db().recoveryCode.count({ where: { userId: actor.id } })).toBe(0);
  });

  it('wrong passwords and codes count with login failures: past the limit, nothing changes and logging in waits too', async () => {
    const { actor, secret, codes } = await enrolled();
    const { remove } = await s();
    const ip = `guesser-${actor.id}`;
    const off = (password: string, c: string) => remove.disableOwnTwoFactor({ actor, password, code: c, ip, now: at(60) });
    // Five failures are free, as at the login form.
    for (let i = 0; i < 3; i++) await expect(off('not the password', await code(secret, at(60)))).rejects.toThrow('Wrong password');
    for (let i = 0; i < 2; i++) await expect(off('the password', '000000')).rejects.toThrow('Wrong code');
    // The right password and a right recovery code: still refused until the wait is over, and nothing spent.
    const refused = await off('the password', codes[0]!).catch((error: unknown) => error);
    expect(refused).toMatchObject({ userMessage: 'Too many failed attempts. Try again in 1 minute.', field: 'code' });
    expect(await db().user.count({ where: { id: actor.id, totpEnabledAt: { not: null } } })).toBe(1);
    expect(await db().recoveryCode.count({ where: { userId: actor.id, usedAt: null } })).toBe(10);
    expect(await db().auditLog.count({ where: { action: 'user.2fa-disable', targetUserId: actor.id } })).toBe(0);
    // The same throttle as the login form: from that address, logging in waits as well.
    await expect(logIn(actor, { code: await code(secret, at(90)), now: at(90), ip })).rejects.toThrow(/^Too many failed attempts\. Try again in \d+ seconds\.$/);
  });
});

describe('required for staff', () => {
  it('an admin without it cannot require it; once required, staff without it are held back', async () => {
    const { staff } = await s();
    await expect(staff.updateStaffTwoFactorRequirement({ actor: admin, required: true })).rejects.toThrow('Turn on two-factor login for your own account first');
    const secure = await enrolled('admin');
    await expect(staff.updateStaffTwoFactorRequirement({ actor: moderator, required: true })).rejects.toThrow('Admins only');
    await staff.updateStaffTwoFactorRequirement({ actor: secure.actor, required: true });
    expect(await staff.staffNeedsTwoFactor({ actor: moderator })).toBe(true);
    expect(await staff.staffNeedsTwoFactor({ actor: secure.actor })).toBe(false);
    expect(await staff.staffNeedsTwoFactor({ actor: await account() })).toBe(false);
    await staff.updateStaffTwoFactorRequirement({ actor: secure.actor, required: false });
    expect(await staff.staffNeedsTwoFactor({ actor: moderator })).toBe(false);
    expect(await db().auditLog.count({ where: { action: 'settings.staff-2fa' } })).toBe(2);
  });
});
