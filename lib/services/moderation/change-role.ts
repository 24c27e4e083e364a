import 'server-only';
import { type Role, roleRank } from '@/lib/auth/roles';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { writeAudit } from '../audit';
import { roleChanged } from '../notifications/messages';
import { notify } from '../notifications/notify';
import { requireOutranked } from './authorize';

/** Staff move a lower-ranked member to another role below their own. */
export async function changeRole(options: { actor: SessionUser; userId: number; role: Role; reason: string; now?: Date }) {
  const target = await requireOutranked(options.actor, options.userId);
  if (roleRank(options.role) >= roleRank(options.actor.role)) {
    throw new AppError('FORBIDDEN', { userMessage: 'You can only give roles below your own' });
  }
  if (target.role === options.role) return;
  await db().$transaction(async (tx) => {
    // The actor was authorized against the role read above: change it only if it is still that role, so two staff
    // acting at once cannot both succeed, one of them on a member whose rank has moved.
    const changed = await tx.user.updateMany({ where: { id: target.id, role: target.role }, data: { role: options.role } });
    if (changed.count !== 1) throw new AppError('CONFLICT', { userMessage: 'This member\'s role changed meanwhile; reload the page and try again' });
    await writeAudit({ actorId: options.actor.id, action: 'user.role', targetUserId: target.id, before: { role: target.role }, after: { role: options.role }, reason: options.reason }, tx);
    await notify(tx, { userIds: [target.id], content: roleChanged(target.role, options.role, options.reason), now: options.now ?? new Date() });
  });
}

/** Staff grant (or take back, with a negative count) invites. */
export async function grantInvites(options: { actor: SessionUser; userId: number; count: number; reason: string }) {
  const target = await requireOutranked(options.actor, options.userId);
  // One conditional increment, not a read then a write: the member may spend an invite, or other staff grant some,
  // meanwhile, and a figure computed from a stale read would overwrite theirs. The row stays locked until the
  // commit, so the figure read back is this grant's result.
  await db().$transaction(async (tx) => {
    const changed = await tx.user.updateMany({
      where: { id: target.id, invitesAvailable: { gte: -options.count } },
      data: { invitesAvailable: { increment: options.count } },
    });
    if (changed.count !== 1) throw new AppError('BAD_REQUEST', { userMessage: 'Invites cannot go below 0', field: 'count' });
    const { invitesAvailable: after } = await tx.user.findUniqueOrThrow({ where: { id: target.id }, select: { invitesAvailable: true } });
    const before = after - options.count;
    await writeAudit({ actorId: options.actor.id, action: 'user.invites', targetUserId: target.id, before: { invites: before }, after: { invites: after }, reason: options.reason }, tx);
  });
}
