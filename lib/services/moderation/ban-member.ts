import 'server-only';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { notifyTrackerOnCommit } from '@/lib/shared-state/tracker-changes';
import { notifyTrackerChanged } from '@/lib/tracker-server/invalidate';
import { writeAudit } from '../audit';
import { accountRestored } from '../notifications/messages';
import { notify } from '../notifications/notify';
import { requireOutranked } from './authorize';

/**
 * Bans end every session at once (session version) and make the tracker refuse the member's announces. Lifting a
 * ban tells the member (a banned member cannot log in, so the ban itself is not notified).
 */
export async function setBanned(options: { actor: SessionUser; userId: number; banned: boolean; reason: string; now?: Date }) {
  const target = await requireOutranked(options.actor, options.userId);
  if ((target.bannedAt !== null) === options.banned) return;
  await db().$transaction(async (tx) => {
    // Only if the member is still in the state read above: staff banning at once end the sessions and write the
    // audit entry once.
    const changed = await tx.user.updateMany({
      where: { id: target.id, bannedAt: options.banned ? null : { not: null } },
      data: options.banned
        ? { bannedAt: options.now ?? new Date(), banReason: options.reason, sessionVersion: { increment: 1 } }
        : { bannedAt: null, banReason: null },
    });
    if (changed.count !== 1) return;
    await writeAudit({
      actorId: options.actor.id,
      action: options.banned ? 'user.ban' : 'user.unban',
      targetUserId: target.id,
      before: { banned: target.bannedAt !== null },
      after: { banned: options.banned },
      reason: options.reason,
    }, tx);
    if (!options.banned) await notify(tx, { userIds: [target.id], content: accountRestored(options.reason), now: options.now ?? new Date() });
    await notifyTrackerOnCommit(tx);
  });
  notifyTrackerChanged();
}
