import 'server-only';
import { RateLimiterRes } from 'rate-limiter-flexible';
import { hashOneTimeToken, newOneTimeToken } from '@/lib/auth/one-time-token';
import { db } from '@/lib/db/client';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { limitStore } from '@/lib/shared-state/rate-limit';
import { RESET_LINK_LIFETIME_MS } from '../password-reset/issue-reset-link';
import { emailEnabled, sendMail } from './mailer';

/** What every request is told, whether or not the address belongs to anyone. */
export const FORGOT_ANSWER = 'If an account has this address, a reset link is on its way. It works once, within 24 hours.';

const RULES = { ip: { points: 5, durationSeconds: 3600 }, address: { points: 3, durationSeconds: 3600 } };

async function allowed(name: 'ip' | 'address', key: string): Promise<boolean> {
  const limiter = await limitStore().limiter({ name: `forgot-password-${name}`, ...RULES[name] });
  try {
    await limiter.consume(key);
    return true;
  } catch (error) {
    if (error instanceof RateLimiterRes) return false;
    throw error;
  }
}

/**
 * "Forgot password": mails a one-time reset link to a verified address. The answer is the same whether or not the
 * address exists, and the mail is sent after answering, so neither the words nor the time tell. Requests are
 * limited per IP and per address (the same limit whether or not it exists).
 */
export async function requestPasswordResetByEmail(options: { email: string; ip: string; now?: Date }): Promise<{ message: string; sent: Promise<void> }> {
  if (!emailEnabled()) throw new AppError('NOT_FOUND', { userMessage: 'This site sends no email' });
  const now = options.now ?? new Date();
  const email = options.email.toLowerCase();
  if (!(await allowed('ip', options.ip)) || !(await allowed('address', email))) {
    throw new AppError('TOO_MANY_REQUESTS', { userMessage: 'Too many reset requests. Try again in an hour.' });
  }
  const sent = (async () => {
    const user = await db().user.findUnique({ where: { email }, select: { id: true, username: true, bannedAt: true } });
    if (!user || user.bannedAt) return;
    const token = newOneTimeToken();
    await db().$transaction(async (tx) => {
      await tx.passwordReset.deleteMany({ where: { userId: user.id, usedAt: null } });
      await tx.passwordReset.create({ data: { userId: user.id, tokenHash: hashOneTimeToken(token), kind: 'email', createdAt: now, expiresAt: new Date(now.getTime() + RESET_LINK_LIFETIME_MS) } });
    });
    await sendMail({
      to: email,
      subject: `Reset your password at ${env().siteName}`,
      text: `${user.username}, follow this link within 24 hours to choose a new password (it works once):\n\n${env().publicUrl}/reset/${token}\n\nIf you did not ask for this, ignore this mail: your password stays as it is.`,
    });
  })();
  // Sending runs after the answer; its failure is logged, never shown (it would tell that the address exists).
  sent.catch((error: unknown) => console.error(`forgot password: sending failed: ${error instanceof Error ? error.message : String(error)}`));
  return { message: FORGOT_ANSWER, sent };
}
