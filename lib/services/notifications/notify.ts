import 'server-only';
import type { Db } from '@/lib/db/client';
import { queueNotificationMail } from '../email/outbox';
import type { NotificationContent } from './messages';

type NotificationClient = Pick<Db, 'notification' | 'user' | 'outboxMail'>;

/**
 * Puts a notification in members' inboxes, and its mail copy in the outbox for members who chose that kind by
 * email (lib/services/email/outbox.ts). Always given the transaction of the change it reports, so they commit
 * together or not at all: a member is never told of a change that did not happen, nor left untold of one that did.
 */
export async function notify(tx: NotificationClient, options: { userIds: Iterable<number>; content: NotificationContent; now: Date }): Promise<void> {
  const userIds = [...new Set(options.userIds)];
  if (userIds.length === 0) return;
  await tx.notification.createMany({
    data: userIds.map((userId) => ({ userId, kind: options.content.kind, title: options.content.title, body: options.content.body, createdAt: options.now })),
  });
  await queueNotificationMail(tx, { userIds, content: options.content, now: options.now });
}
