import 'server-only';
import { isStaff, outranks } from '@/lib/auth/roles';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';

export function requireStaff(actor: SessionUser): void {
  if (!isStaff(actor.role)) throw new AppError('FORBIDDEN', { userMessage: 'Staff only' });
}

/** Loads the target member and checks that the actor is staff and outranks them. */
export async function requireOutranked(actor: SessionUser, userId: number) {
  requireStaff(actor);
  const target = await db().user.findUnique({
    where: { id: userId },
    select: { id: true, username: true, role: true, uploaded: true, downloaded: true, bannedAt: true, banReason: true, invitesAvailable: true },
  });
  if (!target) throw new AppError('NOT_FOUND', { userMessage: 'No such member' });
  if (!outranks(actor.role, target.role)) throw new AppError('FORBIDDEN', { userMessage: 'You can only act on members of a lower rank' });
  return target;
}
