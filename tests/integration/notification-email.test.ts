import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { useTestDatabase } from '../helpers/db';
import { acceptInserts, refuseInserts } from '../helpers/refuse-inserts';
import { type Mail, startTestSmtp, type TestSmtp } from '../helpers/smtp';

/**
 * Notifications by email, against a real SMTP server in this process: the member's choice of kinds, a verified
 * address only, mail queued in the transaction of the change and sent by the outbox sender, which retries while
 * the SMTP server is down and gives up (keeping the row) after the last attempt.
 */
let cleanup: () => Promise<void>;
let smtp: TestSmtp | null = null;
let smtpPort = 0;
const mailbox: Mail[] = [];
let staff: SessionUser;
let n = 0;
const T0 = new Date('2026-12-01T12:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

const s = async () => ({
  prefs: await import('@/lib/services/email/email-preferences'),
  outbox: await import('@/lib/services/email/outbox'),
  add: await import('@/lib/services/email/add-email'),
  roles: await import('@/lib/services/moderation/change-role'),
  adjust: await import('@/lib/services/moderation/adjust-stats'),
  twoFactor: await import('@/lib/services/two-factor/remove-two-factor'),
});

async function startSmtp(): Promise<void> {
  smtp = await startTestSmtp(mailbox, { port: smtpPort });
  smtpPort = smtp.port;
}

async function stopSmtp(): Promise<void> {
  const server = smtp;
  smtp = null;
  await server?.close();
}

/** A member, with a verified address unless `email` is null. */
async function member(options: { email?: string | null } = {}): Promise<SessionUser> {
  n++;
  const email = options.email === undefined ? `m${n}@example.org` : options.email;
  const u = await db().user.create({
    data: { username: `m${n}`, usernameKey: `m${n}`, passwordHash: 'x', passkey: n.toString(16).padStart(32, '0'), email },
    select: { id: true, username: true, role: true },
  });
  return { ...u, role: u.role as SessionUser['role'] };
}

const promote = async (m: SessionUser, now: Date) => (await s()).roles.changeRole({ actor: staff, userId: m.id, role: 'uploader', reason: 'Good uploads.', now });
const outboxOf = (userId: number) => db().outboxMail.findMany({ where: { userId }, orderBy: { id: 'asc' } });
const mailTo = (email: string) => mailbox.filter((m) => m.to === email);

beforeAll(async () => {
  await startSmtp();
  process.env.SMTP_URL = `smtp://127.0.0.1:${smtpPort}`;
  process.env.PUBLIC_URL = 'http://tracker.example';
  ({ cleanup } = await useTestDatabase());
  const { dbReady } = await import('@/lib/db/client');
  await dbReady();
  const u = await db().user.create({ data: { username: 'boss', usernameKey: 'boss', passwordHash: 'x', passkey: 'f'.repeat(32), role: 'admin' } });
  staff = { id: u.id, username: 'boss', role: 'admin' };
});
afterAll(async () => {
  await cleanup();
  await stopSmtp();
});

describe('choosing kinds', () => {
  it('a chosen kind arrives by mail with the notification\'s text', async () => {
    const m = await member();
    const { prefs, outbox } = await s();
    await prefs.updateEmailPreferences({ actor: m, kinds: ['role.change', 'staff.message'] });
    expect(await prefs.getEmailPreferences({ actor: m })).toEqual(['role.change', 'staff.message']);
    await promote(m, T0);
    expect(await outbox.sendDueMail({ now: T0 })).toEqual({ sent: 1, retrying: 0, failed: 0 });
    const [mail, ...more] = mailTo(`m${n}@example.org`);
    expect(more).toEqual([]);
    expect(mail!.text).toContain('Subject: Giveback: Your role changed');
    expect(mail!.text).toContain(`${m.username},\r\n\r\nYou are now Uploader (before: Member). Reason: Good uploads.\r\n\r\nYour inbox: http://tracker.example/inbox`);
    expect(await outboxOf(m.id)).toMatchObject([{ status: 'sent', attempts: 1, sentAt: T0, kind: 'role.change' }]);
    // Sent once: a later pass finds nothing to send.
    expect(await outbox.sendDueMail({ now: at(3600) })).toEqual({ sent: 0, retrying: 0, failed: 0 });
  });

  it('a kind not chosen stays in the inbox only', async () => {
    const m = await member();
    const { prefs, adjust, outbox } = await s();
    await prefs.updateEmailPreferences({ actor: m, kinds: ['role.change'] });
    await adjust.adjustStats({ actor: staff, userId: m.id, input: { field: 'uploaded', mode: 'set', amount: 1024n, reason: 'Credit lost.' }, now: T0 });
    expect(await db().notification.count({ where: { userId: m.id, kind: 'stats.adjust' } })).toBe(1);
    expect(await outboxOf(m.id)).toEqual([]);
    await outbox.sendDueMail({ now: T0 });
    expect(mailTo(`m${n}@example.org`)).toEqual([]);
  });

  it('an address not yet verified gets nothing, and choices wait for a verified one', async () => {
    const m = await member({ email: null });
    const { prefs, add, twoFactor, outbox } = await s();
    await add.requestEmailVerification({ actor: m, email: 'pending@example.org', now: T0 });
    const before = mailbox.length;
    await expect(prefs.updateEmailPreferences({ actor: m, kinds: ['role.change'] })).rejects.toThrow('Confirm an email address first');
    // Even a choice left from an earlier address sends nothing without a verified one.
    await db().user.update({ where: { id: m.id }, data: { emailNotifications: 'role.change', totpSecret: 'JBSWY3DPEHPK3PXP', totpEnabledAt: T0 } });
    await promote(m, T0);
    await twoFactor.removeTwoFactor({ actor: staff, userId: m.id, reason: 'Lost phone.', now: T0 });
    expect(await outboxOf(m.id)).toEqual([]);
    await outbox.sendDueMail({ now: T0 });
    expect(mailbox.length).toBe(before);
  });

  it('a security notice (staff removing two-factor login) is mailed whatever was chosen', async () => {
    const m = await member();
    const { twoFactor, outbox } = await s();
    await db().user.update({ where: { id: m.id }, data: { totpSecret: 'JBSWY3DPEHPK3PXP', totpEnabledAt: T0 } });
    await twoFactor.removeTwoFactor({ actor: staff, userId: m.id, reason: 'Lost phone, identity checked.', now: T0 });
    await outbox.sendDueMail({ now: T0 });
    const [mail] = mailTo(`m${n}@example.org`);
    expect(mail!.text).toContain('Subject: Giveback: Staff removed your two-factor login');
    expect(mail!.text).toContain('Reason: Lost phone, identity checked.');
  });

  it('refuses a kind that does not exist, and a site without mail', async () => {
    const m = await member();
    await expect((await s()).prefs.updateEmailPreferences({ actor: m, kinds: ['role.change', 'everything'] })).rejects.toThrow('Unknown notification kind: everything');
    await expect((await s()).prefs.updateEmailPreferences({ actor: m, kinds: ['security.2fa-remove'] })).rejects.toThrow('Unknown notification kind: security.2fa-remove');
    expect((await db().user.findUniqueOrThrow({ where: { id: m.id }, select: { emailNotifications: true } })).emailNotifications).toBe('');
  });
});

describe('delivery', () => {
  it('while the SMTP server is down the mail waits and is retried, then delivered once it is back', async () => {
    const m = await member();
    const { prefs, outbox } = await s();
    await prefs.updateEmailPreferences({ actor: m, kinds: ['role.change'] });
    await stopSmtp();
    try {
      await promote(m, T0);
      expect(await outbox.sendDueMail({ now: T0 })).toEqual({ sent: 0, retrying: 1, failed: 0 });
      const [row] = await outboxOf(m.id);
      expect(row).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: at(60) });
      expect(row!.lastError).toMatch(/ECONNREFUSED/);
      // Not due before its delay.
      expect(await outbox.sendDueMail({ now: at(59) })).toEqual({ sent: 0, retrying: 0, failed: 0 });
      expect(await outbox.sendDueMail({ now: at(60) })).toEqual({ sent: 0, retrying: 1, failed: 0 });
      expect((await outboxOf(m.id))[0]).toMatchObject({ attempts: 2, nextAttemptAt: at(180) });
    } finally {
      await startSmtp();
    }
    expect(await outbox.sendDueMail({ now: at(180) })).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(mailTo(`m${n}@example.org`)).toHaveLength(1);
    expect((await outboxOf(m.id))[0]).toMatchObject({ status: 'sent', attempts: 3, sentAt: at(180), lastError: null });
  });

  it('gives up after the last attempt and keeps the mail, marked failed', async () => {
    const m = await member();
    const { prefs, outbox } = await s();
    await prefs.updateEmailPreferences({ actor: m, kinds: ['role.change'] });
    await stopSmtp();
    try {
      await promote(m, T0);
      let now = T0;
      for (let attempt = 1; attempt < outbox.MAX_MAIL_ATTEMPTS; attempt++) {
        expect(await outbox.sendDueMail({ now })).toEqual({ sent: 0, retrying: 1, failed: 0 });
        now = new Date(now.getTime() + outbox.retryDelayMs(attempt));
      }
      expect(await outbox.sendDueMail({ now })).toEqual({ sent: 0, retrying: 0, failed: 1 });
    } finally {
      await startSmtp();
    }
    expect(await outbox.sendDueMail({ now: at(30 * 86_400) })).toEqual({ sent: 0, retrying: 0, failed: 0 });
    const [row] = await outboxOf(m.id);
    expect(row).toMatchObject({ status: 'failed', attempts: outbox.MAX_MAIL_ATTEMPTS, sentAt: null });
    expect(row!.lastError).toMatch(/ECONNREFUSED/);
    expect(mailTo(`m${n}@example.org`)).toEqual([]);
  });

  it('two senders at once send each mail once (each claims it with a conditional update)', async () => {
    const members = [await member(), await member(), await member(), await member()];
    const { prefs, outbox } = await s();
    for (const m of members) {
      await prefs.updateEmailPreferences({ actor: m, kinds: ['role.change'] });
      await promote(m, T0);
    }
    const results = await Promise.all([outbox.sendDueMail({ now: T0 }), outbox.sendDueMail({ now: T0 })]);
    expect(results[0]!.sent + results[1]!.sent).toBe(4);
    for (const m of members) expect(mailTo(`${m.username}@example.org`)).toHaveLength(1);
  });
});

describe('atomic with the change', () => {
  it('a change that fails leaves no mail', async () => {
    const m = await member();
    const { prefs } = await s();
    await prefs.updateEmailPreferences({ actor: m, kinds: ['role.change'] });
    await refuseInserts(db(), 'AuditLog');
    try {
      await expect(promote(m, T0)).rejects.toThrow(/auditLog\.create\(\)/);
    } finally {
      await acceptInserts(db(), 'AuditLog');
    }
    expect(await outboxOf(m.id)).toEqual([]);
    expect(await db().notification.count({ where: { userId: m.id } })).toBe(0);
  });

  it('a mail that cannot be queued fails the change and its notification', async () => {
    const m = await member();
    const { prefs } = await s();
    await prefs.updateEmailPreferences({ actor: m, kinds: ['role.change'] });
    await refuseInserts(db(), 'OutboxMail');
    try {
      await expect(promote(m, T0)).rejects.toThrow(/outboxMail\.createMany\(\)/);
    } finally {
      await acceptInserts(db(), 'OutboxMail');
    }
    expect((await db().user.findUniqueOrThrow({ where: { id: m.id }, select: { role: true } })).role).toBe('member');
    expect(await db().notification.count({ where: { userId: m.id } })).toBe(0);
  });
});
