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
  await db().user.update({ where: { id: target.id }, data: { role: options.role } });
  await writeAudit({ actorId: options.actor.id, action: 'user.role', targetUserId: target.id, before: { role: target.role }, after: { role: options.role }, reason: options.reason });
}

/** Staff grant (or take back, with a negative count) invites. */
export async function grantInvites(options: { actor: SessionUser; userId: number; count: number; reason: string }) {
  const target = await requireOutranked(options.actor, options.userId);
  const after = target.invitesAvailable + options.count;
  if (after < 0) throw new AppError('BAD_REQUEST', { userMessage: 'Invites cannot go below 0', field: 'count' });
  await db().user.update({ where: { id: target.id }, data: { invitesAvailable: after } });
  await writeAudit({ actorId: options.actor.id, action: 'user.invites', targetUserId: target.id, before: { invites: target.invitesAvailable }, after: { invites: after }, reason: options.reason });
}
