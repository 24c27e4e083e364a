import 'server-only';
import { isStaff } from '@/lib/auth/roles';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';

export interface ProfileDto {
  id: number;
  username: string;
  role: string;
  createdAt: Date;
  invitedBy: string | null;
  uploaded: bigint;
  downloaded: bigint;
  banned: boolean;
  /**
   * How many torrents still on the site the member completed. Everyone sees the count; which torrents, only the
   * member and staff (getActivity), as who snatched a torrent is for staff only (getTorrent).
   */
  snatched: number;
}

/** A member's public profile; members see each other's, so nothing secret is selected. */
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
    },
  });
  if (!user || (user.bannedAt && !isStaff(options.actor.role) && user.id !== options.actor.id)) {
    throw new AppError('NOT_FOUND', { userMessage: 'No such member' });
  }
  const snatched = await db().userTorrent.count({ where: { userId: user.id, completedAt: { not: null }, torrent: { deletedAt: null } } });
  return {
    id: user.id,
    username: user.username,
    role: user.role,
    createdAt: user.createdAt,
    invitedBy: user.invitedBy?.username ?? null,
    uploaded: user.uploaded,
    downloaded: user.downloaded,
    banned: user.bannedAt !== null,
    snatched,
  };
}
