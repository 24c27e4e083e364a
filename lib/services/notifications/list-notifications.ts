import 'server-only';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';

export const NOTIFICATIONS_PER_PAGE = 50;

export interface NotificationDto {
  id: number;
  kind: string;
  title: string;
  body: string;
  createdAt: Date;
  read: boolean;
}

/** The actor's inbox, newest first. */
export async function listNotifications(options: { actor: SessionUser; page?: number }): Promise<{ rows: NotificationDto[]; total: number; unread: number }> {
  const page = Math.max(1, options.page ?? 1);
  const where = { userId: options.actor.id };
  const [rows, total, unread] = await Promise.all([
    db().notification.findMany({ where, orderBy: { id: 'desc' }, skip: (page - 1) * NOTIFICATIONS_PER_PAGE, take: NOTIFICATIONS_PER_PAGE }),
    db().notification.count({ where }),
    countUnread({ actor: options.actor }),
  ]);
  return {
    total,
    unread,
    rows: rows.map((r) => ({ id: r.id, kind: r.kind, title: r.title, body: r.body, createdAt: r.createdAt, read: r.readAt !== null })),
  };
}

/** What the navigation's badge shows. */
export async function countUnread(options: { actor: SessionUser }): Promise<number> {
  return db().notification.count({ where: { userId: options.actor.id, readAt: null } });
}
