import 'server-only';
import type { SessionUser } from '@/lib/auth/session';
import { hashOneTimeToken, isOneTimeTokenShape, newOneTimeToken } from '@/lib/auth/one-time-token';
import { db } from '@/lib/db/client';
import { isUniqueViolation } from '@/lib/db/errors';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { emailEnabled, sendMail } from './mailer';

export const VERIFY_LIFETIME_MS = 24 * 3600 * 1000;

/**
 * A member asks to add (or change to) an address: a link is mailed to it, and the address counts only once the
 * link is followed. Nothing about other members' addresses is revealed here; a taken address fails at verification.
 */
export async function requestEmailVerification(options: { actor: SessionUser; email: string; now?: Date }): Promise<void> {
  if (!emailEnabled()) throw new AppError('NOT_FOUND', { userMessage: 'This site sends no email' });
  const now = options.now ?? new Date();
  const email = options.email.toLowerCase();
  const token = newOneTimeToken();
  await db().$transaction(async (tx) => {
    await tx.emailVerification.deleteMany({ where: { userId: options.actor.id, usedAt: null } });
    await tx.emailVerification.create({ data: { userId: options.actor.id, email, tokenHash: hashOneTimeToken(token), createdAt: now, expiresAt: new Date(now.getTime() + VERIFY_LIFETIME_MS) } });
  });
  await sendMail({
    to: email,
    subject: `Confirm your email address at ${env().siteName}`,
    text: `${options.actor.username}, follow this link within 24 hours to add this address to your account:\n\n${env().publicUrl}/verify-email/${token}\n\nIf you did not ask for this, ignore this mail.`,
  });
}

/** Follows a verification link: the address becomes the member's verified address. */
export async function verifyEmail(options: { token: string; now?: Date }): Promise<{ email: string }> {
  const now = options.now ?? new Date();
  const row = isOneTimeTokenShape(options.token)
    ? await db().emailVerification.findUnique({ where: { tokenHash: hashOneTimeToken(options.token) } })
    : null;
  if (!row) throw new AppError('BAD_REQUEST', { userMessage: 'This link is not valid' });
  if (row.usedAt) throw new AppError('BAD_REQUEST', { userMessage: 'This address was already confirmed with this link' });
  if (row.expiresAt <= now) throw new AppError('BAD_REQUEST', { userMessage: 'This link has expired: add the address again to get a new one' });
  try {
    await db().$transaction(async (tx) => {
      const spent = await tx.emailVerification.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: now } });
      if (spent.count !== 1) throw new AppError('BAD_REQUEST', { userMessage: 'This address was already confirmed with this link' });
      await tx.user.update({ where: { id: row.userId }, data: { email: row.email } });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('CONFLICT', { userMessage: 'Another account already uses this address' });
    throw error;
  }
  return { email: row.email };
}

/** The actor's confirmed address, or null. */
export async function getOwnEmail(options: { actor: SessionUser }): Promise<string | null> {
  const { email } = await db().user.findUniqueOrThrow({ where: { id: options.actor.id }, select: { email: true } });
  return email;
}
