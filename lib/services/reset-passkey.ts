import 'server-only';
import { newPasskey } from '@/lib/auth/passkey';
import { outranks } from '@/lib/auth/roles';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { notifyTrackerOnCommit } from '@/lib/shared-state/tracker-changes';
import { notifyTrackerChanged } from '@/lib/tracker-server/invalidate';
import { writeAudit } from './audit';

/**
 * Gives a member a new passkey; the old one stops working at once because the tracker looks members up by it.
 * A member resets their own; staff may reset a lower-ranked member's (audited). The passkey is never logged.
 */
export async function resetPasskey(options: { actor: SessionUser; userId?: number }): Promise<void> {
  const userId = options.userId ?? options.actor.id;
  if (userId !== options.actor.id) {
    const target = await db().user.findUnique({ where: { id: userId }, select: { role: true } });
    if (!target) throw new AppError('NOT_FOUND', { userMessage: 'No such member' });
    if (!outranks(options.actor.role, target.role)) throw new AppError('FORBIDDEN', { userMessage: 'You can only act on members of a lower rank' });
  }
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passkey: newPasskey() } });
    if (userId !== options.actor.id) await writeAudit({ actorId: options.actor.id, action: 'user.passkey-reset', targetUserId: userId }, tx);
    await notifyTrackerOnCommit(tx);
  });
  notifyTrackerChanged();
}

/** The actor's own passkey, for their settings page. */
export async function getOwnPasskey(options: { actor: SessionUser }): Promise<string> {
  const row = await db().user.findUniqueOrThrow({ where: { id: options.actor.id }, select: { passkey: true } });
  return row.passkey;
}
