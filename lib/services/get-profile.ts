import 'server-only';
import { isStaff } from '@/lib/auth/roles';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { PRIVACY_SELECT, privacyOf, visibleParts, type ProfilePrivacy } from './privacy/profile-privacy';

export interface ProfileDto {
  id: number;
  username: string;
  role: string;
  createdAt: Date;
  invitedBy: string | null;
  /** Null when the member's paranoia hides their statistics from the actor. */
  uploaded: bigint | null;
  downloaded: bigint | null;
  banned: boolean;
  /** What the actor may see of this profile (the owner and staff: everything). */
  visible: ProfilePrivacy;
  /** The owner's own setting, for the owner and staff: what others see. */
  privacy: ProfilePrivacy | null;
  /**
   * How many torrents still on the site the member completed, shown with the statistics (null where paranoia hides
   * them); which torrents, only the member and staff (getActivity), as who snatched a torrent is for staff only.
   */
  snatched: number | null;
}

/**
 * A member's public profile; members see each other's, so nothing secret is selected, and the statistics only
 * where the member's paranoia setting shows them.
 */
export async function getProfile(options: { actor: SessionUser; username: string }): Promise<ProfileDto> {
  const user = await db().user.findUnique({
    where: { usernameKey: options.username.toLowerCase() },
    select: {
      id: true,
      username: true,
      role: true,
      createdAt: true,
      uploaded: true,
      downloaded: true,
      bannedAt: true,
      invitedBy: { select: { username: true } },
      ...PRIVACY_SELECT,
    },
  });
  if (!user || (user.bannedAt && !isStaff(options.actor.role) && user.id !== options.actor.id)) {
    throw new AppError('NOT_FOUND', { userMessage: 'No such member' });
  }
  const privacy = privacyOf(user);
  const visible = visibleParts(options.actor, user.id, privacy);
  const seesAll = user.id === options.actor.id || isStaff(options.actor.role);
  const snatched = visible.stats ? await db().userTorrent.count({ where: { userId: user.id, completedAt: { not: null }, torrent: { deletedAt: null } } }) : null;
  return {
    id: user.id,
    username: user.username,
    role: user.role,
    createdAt: user.createdAt,
    invitedBy: user.invitedBy?.username ?? null,
    uploaded: visible.stats ? user.uploaded : null,
    downloaded: visible.stats ? user.downloaded : null,
    banned: user.bannedAt !== null,
    visible,
    privacy: seesAll ? privacy : null,
    snatched,
  };
}
