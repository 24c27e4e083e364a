import 'server-only';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { isChoosableKind, parseEmailKinds, serializeEmailKinds } from '../notifications/email-kinds';
import type { NotificationKind } from '../notifications/messages';
import { emailEnabled } from './mailer';

/** The notification kinds the actor has also sent by email (see email-kinds.ts for the choices). */
export async function getEmailPreferences(options: { actor: SessionUser }): Promise<NotificationKind[]> {
  const user = await db().user.findUniqueOrThrow({ where: { id: options.actor.id }, select: { emailNotifications: true } });
  return parseEmailKinds(user.emailNotifications);
}

/** The actor chooses which notifications also go by email; only with a verified address, on a site that sends mail. */
export async function updateEmailPreferences(options: { actor: SessionUser; kinds: string[] }): Promise<void> {
  if (!emailEnabled()) throw new AppError('NOT_FOUND', { userMessage: 'This site sends no email' });
  const unknown = options.kinds.find((kind) => !isChoosableKind(kind));
  if (unknown !== undefined) throw new AppError('BAD_REQUEST', { userMessage: `Unknown notification kind: ${unknown.slice(0, 40)}` });
  const changed = await db().user.updateMany({
    where: { id: options.actor.id, email: { not: null } },
    data: { emailNotifications: serializeEmailKinds(options.kinds.filter(isChoosableKind)) },
  });
  if (changed.count !== 1) throw new AppError('BAD_REQUEST', { userMessage: 'Confirm an email address first' });
}
