import 'server-only';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { PRIVACY_SELECT, privacyOf, type ProfilePrivacy } from './profile-privacy';

/** The member's own paranoia setting, for their settings page. */
export async function getProfilePrivacy(options: { actor: SessionUser }): Promise<ProfilePrivacy> {
  const row = await db().user.findUnique({ where: { id: options.actor.id }, select: PRIVACY_SELECT });
  if (!row) throw new AppError('NOT_FOUND', { userMessage: 'No such member' });
  return privacyOf(row);
}
