import 'server-only';
import { isRole } from '@/lib/auth/roles';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';

const KEY = /^[0-9a-f]{32}$/;

/** The member an RSS key belongs to: 401 for an unknown (or reset) key, 403 for a banned member. */
export async function memberByRssKey(options: { key: string }): Promise<SessionUser> {
  if (!KEY.test(options.key)) throw new AppError('UNAUTHORIZED', { userMessage: 'Unknown RSS key: copy the feed URL again from your RSS settings' });
  const user = await db().user.findUnique({ where: { rssKey: options.key }, select: { id: true, username: true, role: true, bannedAt: true } });
  if (!user || !isRole(user.role)) throw new AppError('UNAUTHORIZED', { userMessage: 'Unknown RSS key: copy the feed URL again from your RSS settings' });
  if (user.bannedAt) throw new AppError('FORBIDDEN', { userMessage: 'This account is banned' });
  return { id: user.id, username: user.username, role: user.role };
}
