import 'server-only';
import { db } from '@/lib/db/client';
import { getSetting } from '../settings';

const DAY_MS = 24 * 3600 * 1000;

/**
 * Deletes notifications read more than the configured number of days ago (site setting
 * `notificationRetentionDays`); unread ones stay however old. Run by the ratio scheduler's sweep.
 */
export async function pruneNotifications(options: { now: Date }): Promise<number> {
  const days = await getSetting('notificationRetentionDays');
  const { count } = await db().notification.deleteMany({ where: { readAt: { lt: new Date(options.now.getTime() - days * DAY_MS) } } });
  return count;
}
