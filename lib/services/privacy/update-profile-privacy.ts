import 'server-only';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import type { ProfilePrivacy } from './profile-privacy';

/** Sets what other members see of the actor's own profile; nobody sets it for someone else. */
export async function updateProfilePrivacy(options: { actor: SessionUser; privacy: ProfilePrivacy }): Promise<void> {
  const { uploads, stats, activity } = options.privacy;
  await db().user.update({
    where: { id: options.actor.id },
    data: { profileShowsUploads: uploads, profileShowsStats: stats, profileShowsActivity: activity },
  });
}
