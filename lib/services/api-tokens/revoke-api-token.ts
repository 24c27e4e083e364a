import 'server-only';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';

/** Revokes one of the actor's tokens; it is refused from the next request on. Revoking twice is harmless. */
export async function revokeApiToken(options: { actor: SessionUser; id: number; now?: Date }): Promise<void> {
  const token = await db().apiToken.findUnique({ where: { id: options.id }, select: { userId: true } });
  if (!token || token.userId !== options.actor.id) throw new AppError('NOT_FOUND', { userMessage: 'No such token' });
  await db().apiToken.updateMany({ where: { id: options.id, revokedAt: null }, data: { revokedAt: options.now ?? new Date() } });
}
