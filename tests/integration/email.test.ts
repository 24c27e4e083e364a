import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { useTestDatabase } from '../helpers/db';
import { type Mail, startTestSmtp, type TestSmtp } from '../helpers/smtp';

/** Optional email against a real SMTP server in this process: verifying an address, and "forgot password". */
let cleanup: () => Promise<void>;
let smtp: TestSmtp;
const inbox: Mail[] = [];
let alice: SessionUser;
const T0 = new Date('2026-12-01T12:00:00Z');

const s = async () => ({
  add: await import('@/lib/services/email/add-email'),
  forgot: await import('@/lib/services/email/forgot-password'),
  redeem: await import('@/lib/services/password-reset/redeem-reset-link'),
});

const linkIn = (text: string, path: string) => new RegExp(`http://[^/]+/${path}/([A-Za-z0-9_-]{43})`).exec(text)?.[1];

beforeAll(async () => {
  smtp = await startTestSmtp(inbox);
  process.env.SMTP_URL = smtp.url;
  process.env.PUBLIC_URL = 'http://tracker.example';
  ({ cleanup } = await useTestDatabase());
  const { dbReady } = await import('@/lib/db/client');
  await dbReady();
  const u = await db().user.create({ data: { username: 'alice', usernameKey: 'alice', passwordHash: 'x', passkey: 'a'.repeat(32) } });
  alice = { id: u.id, username: 'alice', role: 'member' };
});
afterAll(async () => {
  await cleanup();
  await smtp?.close();
});

describe('adding an address', () => {
  it('mails a link; the address counts only once the link is followed, and the link works once', async () => {
    const { add, forgot } = await s();
    await add.requestEmailVerification({ actor: alice, email: 'Alice@Example.org', now: T0 });
    const mail = inbox.at(-1)!;
    expect(mail.to).toBe('alice@example.org');
    expect(mail.text).toContain('Subject: Confirm your email address at Giveback');
    const token = linkIn(mail.text, 'verify-email')!;
    expect(token).toBeDefined();
    // Unverified: "forgot password" sends nothing to it.
    const before = inbox.length;
    await (await forgot.requestPasswordResetByEmail({ email: 'alice@example.org', ip: 'ip-1', now: T0 })).sent;
    expect(inbox.length).toBe(before);

    await expect(add.verifyEmail({ token, now: new Date(T0.getTime() + 24 * 3600_000) })).rejects.toThrow('This link has expired: add the address again to get a new one');
    expect(await add.verifyEmail({ token, now: T0 })).toEqual({ email: 'alice@example.org' });
    await expect(add.verifyEmail({ token, now: T0 })).rejects.toThrow('This address was already confirmed with this link');
    await expect(add.verifyEmail({ token: 'B'.repeat(43), now: T0 })).rejects.toThrow('This link is not valid');
    expect((await db().user.findUniqueOrThrow({ where: { id: alice.id }, select: { email: true } })).email).toBe('alice@example.org');
  });
});

describe('forgot password', () => {
  it('mails a reset link to a verified address, which sets a new password once', async () => {
    const { forgot, redeem } = await s();
    const before = inbox.length;
    const { message, sent } = await forgot.requestPasswordResetByEmail({ email: 'ALICE@example.org', ip: 'ip-2', now: T0 });
    await sent;
    expect(message).toBe(forgot.FORGOT_ANSWER);
    expect(inbox.length).toBe(before + 1);
    const token = linkIn(inbox.at(-1)!.text, 'reset')!;
    await redeem.redeemResetLink({ token, input: { newPassword: 'a new password', confirmPassword: 'a new password' }, now: T0 });
    await expect(redeem.redeemResetLink({ token, input: { newPassword: 'another one!', confirmPassword: 'another one!' }, now: T0 })).rejects.toThrow(/already been used/);
  });

  it('answers an unknown address the same, sends nothing, and limits both alike', async () => {
    const { forgot } = await s();
    await db().user.create({ data: { username: 'carol', usernameKey: 'carol', passwordHash: 'x', passkey: 'c'.repeat(32), email: 'carol@example.org' } });
    const before = inbox.length;
    for (const email of ['nobody@example.org', 'carol@example.org']) {
      for (let i = 0; i < 3; i++) {
        const { message, sent } = await forgot.requestPasswordResetByEmail({ email, ip: `ip-${email}`, now: T0 });
        await sent;
        expect(message).toBe(forgot.FORGOT_ANSWER);
      }
      await expect(forgot.requestPasswordResetByEmail({ email, ip: `ip-${email}`, now: T0 })).rejects.toThrow('Too many reset requests. Try again in an hour.');
    }
    expect(inbox.slice(before).map((m) => m.to)).toEqual(['carol@example.org', 'carol@example.org', 'carol@example.org']);
  });
});
