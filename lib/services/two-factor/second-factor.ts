import 'server-only';
import { hashRecoveryCode, isTotpShape, normalizeRecoveryCode, totpStep } from '@/lib/auth/totp';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';

export const CODE_NEEDED = 'Enter the 6-digit code from your authenticator app, or a recovery code';
export const WRONG_CODE = 'Wrong code';
export const CODE_REPLAYED = 'This code was already used: wait for the next one';
export const RECOVERY_CODE_USED = 'This recovery code was already used';

/**
 * Checks a member's second factor and spends it: a TOTP code claims its time step (a conditional update, so the
 * same code cannot log in twice, even from two requests at once), a recovery code is marked used. Throws
 * AppError with `field: 'code'`; WRONG_CODE is the one a caller counts as a failed attempt.
 */
export async function spendSecondFactor(options: { userId: number; code: string; now: Date }): Promise<'totp' | 'recovery'> {
  const code = options.code.trim();
  if (code === '') throw new AppError('UNAUTHORIZED', { userMessage: CODE_NEEDED, field: 'code' });
  const user = await db().user.findUniqueOrThrow({ where: { id: options.userId }, select: { totpSecret: true } });
  if (!user.totpSecret) throw new AppError('UNAUTHORIZED', { userMessage: WRONG_CODE, field: 'code' });

  if (isTotpShape(code)) {
    const step = await totpStep({ secret: user.totpSecret, code, now: options.now });
    if (step === null) throw new AppError('UNAUTHORIZED', { userMessage: WRONG_CODE, field: 'code' });
    const claimed = await db().user.updateMany({
      where: { id: options.userId, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
      data: { totpLastStep: step },
    });
    if (claimed.count !== 1) throw new AppError('UNAUTHORIZED', { userMessage: CODE_REPLAYED, field: 'code' });
    return 'totp';
  }

  const normalized = normalizeRecoveryCode(code);
  if (normalized === null) throw new AppError('UNAUTHORIZED', { userMessage: WRONG_CODE, field: 'code' });
  const codeHash = hashRecoveryCode(normalized);
  const row = await db().recoveryCode.findUnique({ where: { userId_codeHash: { userId: options.userId, codeHash } }, select: { id: true, usedAt: true } });
  if (!row) throw new AppError('UNAUTHORIZED', { userMessage: WRONG_CODE, field: 'code' });
  const spent = await db().recoveryCode.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: options.now } });
  if (spent.count !== 1) throw new AppError('UNAUTHORIZED', { userMessage: RECOVERY_CODE_USED, field: 'code' });
  return 'recovery';
}
