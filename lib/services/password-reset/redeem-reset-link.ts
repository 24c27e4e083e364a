import 'server-only';
import { hashOneTimeToken, isOneTimeTokenShape } from '@/lib/auth/one-time-token';
import { hashPassword } from '@/lib/auth/password';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import type { ResetPasswordInput } from '@/lib/validation/password-reset';
import { writeAudit } from '../audit';

export const RESET_LINK_UNKNOWN = 'This reset link is not valid. Ask staff for a new one.';
export const RESET_LINK_USED = 'This reset link has already been used. Ask staff for a new one.';
export const RESET_LINK_EXPIRED = 'This reset link has expired. Ask staff for a new one.';

/** Why a link cannot be used, or null when it can: for the reset page, before the member types a password. */
export async function checkResetLink(options: { token: string; now?: Date }): Promise<string | null> {
  const now = options.now ?? new Date();
  const row = isOneTimeTokenShape(options.token)
    ? await db().passwordReset.findUnique({ where: { tokenHash: hashOneTimeToken(options.token) }, select: { usedAt: true, expiresAt: true } })
    : null;
  if (!row) return RESET_LINK_UNKNOWN;
  if (row.usedAt) return RESET_LINK_USED;
  if (row.expiresAt <= now) return RESET_LINK_EXPIRED;
  return null;
}

/**
 * Sets a new password through a one-time link and ends every session of the member (the session version moves),
 * so whoever held the account is logged out. The link is spent by a conditional update in the same transaction
 * as the password, so two uses at once cannot both succeed and a failed write leaves the link usable.
 */
export async function redeemResetLink(options: { token: string; input: ResetPasswordInput; now?: Date }): Promise<{ username: string }> {
  const now = options.now ?? new Date();
  const problem = await checkResetLink({ token: options.token, now });
  if (problem) throw new AppError('BAD_REQUEST', { userMessage: problem });
  const tokenHash = hashOneTimeToken(options.token);
  const passwordHash = await hashPassword(options.input.newPassword);
  return db().$transaction(async (tx) => {
    const spent = await tx.passwordReset.updateMany({ where: { tokenHash, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    if (spent.count !== 1) throw new AppError('BAD_REQUEST', { userMessage: RESET_LINK_USED });
    const { userId, kind } = await tx.passwordReset.findUniqueOrThrow({ where: { tokenHash }, select: { userId: true, kind: true } });
    const user = await tx.user.update({
      where: { id: userId },
      data: { passwordHash, sessionVersion: { increment: 1 } },
      select: { id: true, username: true },
    });
    await writeAudit({ actorId: user.id, action: 'user.password-reset', targetUserId: user.id, after: { via: kind } }, tx);
    return { username: user.username };
  });
}
