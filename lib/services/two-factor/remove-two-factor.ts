import 'server-only';
import type { SessionUser } from '@/lib/auth/session';
import { db, type Db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { writeAudit } from '../audit';
import { requireOutranked } from '../moderation/authorize';
import { spendSecondFactor } from './second-factor';

type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

async function clear(tx: Tx, userId: number): Promise<boolean> {
  const changed = await tx.user.updateMany({
    where: { id: userId, totpEnabledAt: { not: null } },
    data: { totpSecret: null, totpPendingSecret: null, totpEnabledAt: null, totpLastStep: null },
  });
  await tx.recoveryCode.deleteMany({ where: { userId } });
  return changed.count === 1;
}

/** Staff remove a lower-ranked member's two-factor login (a lost phone and lost recovery codes), with a reason. */
export async function removeTwoFactor(options: { actor: SessionUser; userId: number; reason: string }): Promise<void> {
  const target = await requireOutranked(options.actor, options.userId);
  await db().$transaction(async (tx) => {
    if (!(await clear(tx, target.id))) throw new AppError('BAD_REQUEST', { userMessage: 'This member does not use two-factor login' });
    await writeAudit({ actorId: options.actor.id, action: 'user.2fa-remove', targetUserId: target.id, reason: options.reason }, tx);
  });
}

/** A member turns their own two-factor login off, proving it with a current code or a recovery code. */
export async function disableOwnTwoFactor(options: { actor: SessionUser; code: string; now?: Date }): Promise<void> {
  const user = await db().user.findUniqueOrThrow({ where: { id: options.actor.id }, select: { totpEnabledAt: true } });
  if (!user.totpEnabledAt) throw new AppError('BAD_REQUEST', { userMessage: 'Two-factor login is already off' });
  await spendSecondFactor({ userId: options.actor.id, code: options.code, now: options.now ?? new Date() }).catch((error: unknown) => {
    if (error instanceof AppError) throw new AppError('BAD_REQUEST', { userMessage: error.userMessage, field: 'code' });
    throw error;
  });
  await db().$transaction(async (tx) => {
    await clear(tx, options.actor.id);
    await writeAudit({ actorId: options.actor.id, action: 'user.2fa-disable', targetUserId: options.actor.id }, tx);
  });
}
