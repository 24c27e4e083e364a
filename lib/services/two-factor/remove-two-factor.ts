import 'server-only';
import { verifyPassword } from '@/lib/auth/password';
import type { SessionUser } from '@/lib/auth/session';
import { db, type Db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { writeAudit } from '../audit';
import { loginAttempt } from '../login-throttle';
import { requireOutranked } from '../moderation/authorize';
import { twoFactorRemovedByStaff } from '../notifications/messages';
import { notify } from '../notifications/notify';
import { spendSecondFactor, WRONG_CODE } from './second-factor';

type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

async function clear(tx: Tx, userId: number): Promise<boolean> {
  const changed = await tx.user.updateMany({
    where: { id: userId, totpEnabledAt: { not: null } },
    data: { totpSecret: null, totpPendingSecret: null, totpEnabledAt: null, totpLastStep: null },
  });
  await tx.recoveryCode.deleteMany({ where: { userId } });
  return changed.count === 1;
}

/**
 * Staff remove a lower-ranked member's two-factor login (a lost phone and lost recovery codes), with a reason. The
 * member is told in the same transaction, and by email to a verified address whatever they chose (a security notice).
 */
export async function removeTwoFactor(options: { actor: SessionUser; userId: number; reason: string; now?: Date }): Promise<void> {
  const target = await requireOutranked(options.actor, options.userId);
  await db().$transaction(async (tx) => {
    if (!(await clear(tx, target.id))) throw new AppError('BAD_REQUEST', { userMessage: 'This member does not use two-factor login' });
    await writeAudit({ actorId: options.actor.id, action: 'user.2fa-remove', targetUserId: target.id, reason: options.reason }, tx);
    await notify(tx, { userIds: [target.id], content: twoFactorRemovedByStaff(options.reason), now: options.now ?? new Date() });
  });
}

export const WRONG_PASSWORD = 'Wrong password';

function tooManyAttempts(waitMs: number): AppError {
  const minutes = Math.max(1, Math.ceil(waitMs / 60_000));
  return new AppError('TOO_MANY_REQUESTS', {
    userMessage: `Too many failed attempts. Try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`,
    field: 'code',
  });
}

/**
 * A member turns their own two-factor login off, proving it with their password AND a current code or a recovery
 * code (a stolen session alone must not strip the account's protection). Wrong passwords and wrong codes count in
 * the login throttle (login-throttle.ts), so guessing here is as slow as at the login form and vice versa.
 */
export async function disableOwnTwoFactor(options: { actor: SessionUser; password: string; code: string; ip: string; now?: Date }): Promise<void> {
  const user = await db().user.findUniqueOrThrow({ where: { id: options.actor.id }, select: { totpEnabledAt: true, passwordHash: true } });
  if (!user.totpEnabledAt) throw new AppError('BAD_REQUEST', { userMessage: 'Two-factor login is already off' });
  const attempt = loginAttempt({ ip: options.ip, username: options.actor.username });
  const wait = await attempt.waitMs();
  if (wait > 0) throw tooManyAttempts(wait);
  if (options.password === '') throw new AppError('BAD_REQUEST', { userMessage: 'Enter your password', field: 'password' });
  if (!(await verifyPassword(user.passwordHash, options.password))) {
    await attempt.recordFailure();
    throw new AppError('BAD_REQUEST', { userMessage: WRONG_PASSWORD, field: 'password' });
  }
  await spendSecondFactor({ userId: options.actor.id, code: options.code, now: options.now ?? new Date() }).catch(async (error: unknown) => {
    if (!(error instanceof AppError)) throw error;
    if (error.userMessage === WRONG_CODE) await attempt.recordFailure();
    throw new AppError('BAD_REQUEST', { userMessage: error.userMessage, field: 'code' });
  });
  await attempt.succeeded();
  await db().$transaction(async (tx) => {
    await clear(tx, options.actor.id);
    await writeAudit({ actorId: options.actor.id, action: 'user.2fa-disable', targetUserId: options.actor.id }, tx);
  });
}
