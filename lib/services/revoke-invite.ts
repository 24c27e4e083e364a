import 'server-only';
import { isStaff } from '@/lib/auth/roles';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';

/**
 * A member takes back an invite of theirs that nobody has used and that has not expired: its link stops working
 * and, unless they are staff (who invite freely), the invite is theirs to give again. The delete is conditional,
 * so an invite claimed by a registration meanwhile is neither revoked nor refunded.
 */
export async function revokeInvite(options: { actor: SessionUser; code: string; now?: Date }): Promise<void> {
  const now = options.now ?? new Date();
  await db().$transaction(async (tx) => {
    const removed = await tx.invite.deleteMany({ where: { code: options.code, createdById: options.actor.id, usedAt: null, expiresAt: { gt: now } } });
    if (removed.count !== 1) throw new AppError('BAD_REQUEST', { userMessage: 'This invite can no longer be revoked: it was used, has expired or is not yours' });
    if (!isStaff(options.actor.role)) await tx.user.update({ where: { id: options.actor.id }, data: { invitesAvailable: { increment: 1 } } });
  });
}
