import 'server-only';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';

/** Marks one of the actor's own notifications read; someone else's is as unknown as a missing one. */
export async function markNotificationRead(options: { actor: SessionUser; id: number; now?: Date }): Promise<void> {
  const found = await db().notification.findFirst({ where: { id: options.id, userId: options.actor.id }, select: { readAt: true } });
  if (!found) throw new AppError('NOT_FOUND', { userMessage: 'No such notification' });
  if (found.readAt) return;
  await db().notification.updateMany({ where: { id: options.id, userId: options.actor.id, readAt: null }, data: { readAt: options.now ?? new Date() } });
}

/** Marks every unread notification of the actor read; returns how many. */
export async function markAllNotificationsRead(options: { actor: SessionUser; now?: Date }): Promise<number> {
  const { count } = await db().notification.updateMany({ where: { userId: options.actor.id, readAt: null }, data: { readAt: options.now ?? new Date() } });
  return count;
}
