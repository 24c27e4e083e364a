import 'server-only';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { notifyTrackerOnCommit } from '@/lib/shared-state/tracker-changes';
import { notifyTrackerChanged } from '@/lib/tracker-server/invalidate';
import { writeAudit } from '../audit';
import { leechingDisabledByStaff, leechingRestored, watchClearedByStaff, watchExtended } from '../notifications/messages';
import { notify } from '../notifications/notify';
import { requireOutranked } from './authorize';

const DAY_MS = 24 * 3600 * 1000;

async function leechState(userId: number) {
  return db().user.findUniqueOrThrow({
    where: { id: userId },
    select: { leechingDisabled: true, leechingDisabledReason: true, watchStartedAt: true, watchEndsAt: true },
  });
}

/**
 * Staff disable leeching (reason 'staff': never lifted automatically) or enable it again. Seeding stays allowed
 * either way; the tracker applies the change from the next announce.
 */
export async function setLeeching(options: { actor: SessionUser; userId: number; disabled: boolean; reason: string; now?: Date }) {
  const target = await requireOutranked(options.actor, options.userId);
  const before = await leechState(target.id);
  await db().$transaction(async (tx) => {
    await tx.user.update({
      where: { id: target.id },
      data: options.disabled ? { leechingDisabled: true, leechingDisabledReason: 'staff' } : { leechingDisabled: false, leechingDisabledReason: null },
    });
    await writeAudit({
      actorId: options.actor.id,
      action: options.disabled ? 'leeching.disable' : 'leeching.enable',
      targetUserId: target.id,
      before: { leechingDisabled: before.leechingDisabled, reason: before.leechingDisabledReason },
      after: { leechingDisabled: options.disabled, reason: options.disabled ? 'staff' : null },
      reason: options.reason,
    }, tx);
    // Told only of a change they notice: not when staff repeat the state it already has.
    if (before.leechingDisabled !== options.disabled || (options.disabled && before.leechingDisabledReason !== 'staff')) {
      const content = options.disabled ? leechingDisabledByStaff(options.reason) : leechingRestored(`Staff enabled downloading for your account. Reason: ${options.reason}`);
      await notify(tx, { userIds: [target.id], content, now: options.now ?? new Date() });
    }
    await notifyTrackerOnCommit(tx);
  });
  notifyTrackerChanged();
}

/** Staff end a running ratio watch, or push its deadline back by some days. */
export async function changeWatch(options: { actor: SessionUser; userId: number; change: { kind: 'clear' } | { kind: 'extend'; days: number }; reason: string; now?: Date }) {
  const target = await requireOutranked(options.actor, options.userId);
  const before = await leechState(target.id);
  if (!before.watchEndsAt) throw new AppError('BAD_REQUEST', { userMessage: 'This member is not on ratio watch' });
  const endsAt = options.change.kind === 'extend' ? new Date(before.watchEndsAt.getTime() + options.change.days * DAY_MS) : null;
  await db().$transaction(async (tx) => {
    // Only if the deadline is still the one read above: two staff extending at once would otherwise both extend
    // from the same deadline (one extension lost, two audit entries), or extend a watch the ratio rules just ended.
    const changed = await tx.user.updateMany({
      where: { id: target.id, watchEndsAt: before.watchEndsAt },
      data: endsAt
        ? { watchEndsAt: endsAt }
        : { watchStartedAt: null, watchEndsAt: null, watchDownloadedAtStart: null, watchRequiredAtStart: null },
    });
    if (changed.count !== 1) throw new AppError('CONFLICT', { userMessage: 'This member\'s ratio watch changed meanwhile; reload the page and try again' });
    await writeAudit({
      actorId: options.actor.id,
      action: endsAt ? 'watch.extend' : 'watch.clear',
      targetUserId: target.id,
      before: { watchEndsAt: before.watchEndsAt },
      after: { watchEndsAt: endsAt },
      reason: options.reason,
    }, tx);
    const content = endsAt ? watchExtended(endsAt, options.reason) : watchClearedByStaff(options.reason);
    await notify(tx, { userIds: [target.id], content, now: options.now ?? new Date() });
    await notifyTrackerOnCommit(tx);
  });
  notifyTrackerChanged();
}
