import 'server-only';
import { type Role, roleRank } from '@/lib/auth/roles';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { writeAudit } from '../audit';
import { requireOutranked } from './authorize';

/** Staff move a lower-ranked member to another role below their own. */
export async function changeRole(options: { actor: SessionUser; userId: number; role: Role; reason: string }) {
  const target = await requireOutranked(options.actor, options.userId);
  if (roleRank(options.role) >= roleRank(options.actor.role)) {
    throw new AppError('FORBIDDEN', { userMessage: 'You can only give roles below your own' });
  }
  if (target.role === options.role) return;
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: target.id }, data: { role: options.role } });
    await writeAudit({ actorId: options.actor.id, action: 'user.role', targetUserId: target.id, before: { role: target.role }, after: { role: options.role }, reason: options.reason }, tx);
  });
}

/** Staff grant (or take back, with a negative count) invites. */
export async function grantInvites(options: { actor: SessionUser; userId: number; count: number; reason: string }) {
  const target = await requireOutranked(options.actor, options.userId);
  // Read and written in one transaction: the member may spend an invite meanwhile.
  await db().$transaction(async (tx) => {
    const { invitesAvailable: before } = await tx.user.findUniqueOrThrow({ where: { id: target.id }, select: { invitesAvailable: true } });
    const after = before + options.count;
    if (after < 0) throw new AppError('BAD_REQUEST', { userMessage: 'Invites cannot go below 0', field: 'count' });
    await tx.user.update({ where: { id: target.id }, data: { invitesAvailable: after } });
    await writeAudit({ actorId: options.actor.id, action: 'user.invites', targetUserId: target.id, before: { invites: before }, after: { invites: after }, reason: options.reason }, tx);
  });
}
