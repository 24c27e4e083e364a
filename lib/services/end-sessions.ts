import 'server-only';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';

/** "Log out everywhere": every token carrying the old session version stops working. */
export async function endSessions(options: { actor: SessionUser }): Promise<void> {
  await db().user.update({ where: { id: options.actor.id }, data: { sessionVersion: { increment: 1 } } });
}
