import 'server-only';
import { hasRole } from '@/lib/auth/roles';
import type { SessionUser } from '@/lib/auth/session';
import { serializable } from '@/lib/db/serializable';
import { AppError } from '@/lib/errors';
import { writeAudit } from '../audit';
import { putSetting } from '../settings';

/** Admins choose how many days read notifications are kept before the scheduler's sweep deletes them. */
export async function updateNotificationRetention(options: { actor: SessionUser; days: number }): Promise<void> {
  if (!hasRole(options.actor.role, 'admin')) throw new AppError('FORBIDDEN', { userMessage: 'Admins only' });
  await serializable(async (tx) => {
    const before = await putSetting('notificationRetentionDays', options.days, tx);
    if (before !== options.days) await writeAudit({ actorId: options.actor.id, action: 'settings.notification-retention', before, after: options.days }, tx);
  });
}
