import 'server-only';
import { db, type Db } from '@/lib/db/client';
import { env } from '@/lib/env';
import { mailsKind } from '../notifications/email-kinds';
import type { NotificationContent } from '../notifications/messages';
import { emailEnabled, sendMail } from './mailer';

type OutboxClient = Pick<Db, 'user' | 'outboxMail'>;

/** Attempts before a mail is given up (kept, marked failed). */
export const MAX_MAIL_ATTEMPTS = 6;
/** A claimed mail is another sender's to retry after this long (its sender died mid-send); longer than SMTP's own timeouts. */
export const MAIL_CLAIM_LEASE_MS = 15 * 60_000;
const FIRST_RETRY_MS = 60_000;
const MAX_RETRY_MS = 3600_000;

/** The wait after the `attempts`-th failed attempt: 1, 2, 4, 8… minutes, at most an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), MAX_RETRY_MS);
}

/**
 * Queues the mail copies of a notification, in the caller's transaction: only when the site sends mail, only to
 * a verified address, only for a kind the member chose (or a security notice). The mail is sent later by the
 * sender (startMailSender), so a slow or absent SMTP server never holds up or undoes the change.
 */
export async function queueNotificationMail(tx: OutboxClient, options: { userIds: number[]; content: NotificationContent; now: Date }): Promise<void> {
  if (!emailEnabled() || options.userIds.length === 0) return;
  const members = await tx.user.findMany({
    where: { id: { in: options.userIds }, email: { not: null } },
    select: { id: true, username: true, email: true, emailNotifications: true },
  });
  const { siteName, publicUrl } = env();
  const data = members
    .filter((m) => m.email !== null && mailsKind(options.content.kind, m.emailNotifications))
    .map((m) => ({
      userId: m.id,
      to: m.email!,
      kind: options.content.kind,
      subject: `${siteName}: ${options.content.title}`,
      body: `${m.username},\n\n${options.content.body}\n\nYour inbox: ${publicUrl}/inbox\n`
        + `Choose which notifications also come by email: ${publicUrl}/email\n`,
      createdAt: options.now,
      nextAttemptAt: options.now,
    }));
  if (data.length > 0) await tx.outboxMail.createMany({ data });
}

export interface SendResult {
  sent: number;
  retrying: number;
  failed: number;
}

/**
 * One pass of the sender: claims each due mail with a conditional update (the attempt count it read must still be
 * there, so of several processes exactly one wins it), sends it, and marks it sent; a failure is retried after
 * retryDelayMs, and the last allowed failure marks it failed.
 */
export async function sendDueMail(options: { now: Date; batch?: number; maxAttempts?: number }): Promise<SendResult> {
  const result: SendResult = { sent: 0, retrying: 0, failed: 0 };
  const maxAttempts = options.maxAttempts ?? MAX_MAIL_ATTEMPTS;
  const due = await db().outboxMail.findMany({
    where: { status: 'pending', nextAttemptAt: { lte: options.now } },
    orderBy: { id: 'asc' },
    take: options.batch ?? 20,
  });
  for (const mail of due) {
    const attempts = mail.attempts + 1;
    const claimed = await db().outboxMail.updateMany({
      where: { id: mail.id, status: 'pending', attempts: mail.attempts },
      data: { attempts, nextAttemptAt: new Date(options.now.getTime() + MAIL_CLAIM_LEASE_MS) },
    });
    if (claimed.count !== 1) continue;
    try {
      await sendMail({ to: mail.to, subject: mail.subject, text: mail.body });
    } catch (error) {
      const lastError = (error instanceof Error ? error.message : String(error)).slice(0, 500);
      const giveUp = attempts >= maxAttempts;
      await db().outboxMail.updateMany({
        where: { id: mail.id, attempts },
        data: giveUp ? { status: 'failed', lastError } : { lastError, nextAttemptAt: new Date(options.now.getTime() + retryDelayMs(attempts)) },
      });
      if (giveUp) result.failed++;
      else result.retrying++;
      continue;
    }
    await db().outboxMail.updateMany({ where: { id: mail.id, attempts }, data: { status: 'sent', sentAt: options.now, lastError: null } });
    result.sent++;
  }
  return result;
}

const KEY = Symbol.for('giveback.mailSender');
type Holder = { [KEY]?: { stop(): void } };

/**
 * Sends queued mail every `intervalMs` (default 5 seconds) in this process, when the site sends mail. Every process
 * of the site may run it: claims are conditional, so each mail goes once. Passes never overlap; the timer is
 * unref'd. A second call returns the running sender.
 */
export function startMailSender(options: { intervalMs?: number; log?: (line: string) => void } = {}): { stop(): void } {
  const holder = globalThis as Holder;
  if (holder[KEY]) return holder[KEY];
  if (!emailEnabled()) return { stop: () => undefined };
  const log = options.log ?? ((line: string) => console.error(line));
  let running = false;
  const pass = () => {
    if (running) return;
    running = true;
    sendDueMail({ now: new Date() })
      .then((r) => {
        if (r.failed > 0) log(`email: ${r.failed} mail(s) given up after ${MAX_MAIL_ATTEMPTS} attempts`);
      })
      .catch((error: unknown) => log(`email: sending pass failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        running = false;
      });
  };
  const timer = setInterval(pass, options.intervalMs ?? 5_000);
  timer.unref();
  const sender = {
    stop() {
      clearInterval(timer);
      delete holder[KEY];
    },
  };
  holder[KEY] = sender;
  return sender;
}
