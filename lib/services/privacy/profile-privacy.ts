import 'server-only';
import { isStaff } from '@/lib/auth/roles';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';

/** What other members may see of a member's profile (Gazelle's paranoia, in three parts). */
export interface ProfilePrivacy {
  /** The list of torrents the member uploaded. */
  uploads: boolean;
  /** Uploaded, downloaded and ratio. */
  stats: boolean;
  /** What the member seeds, leeches and snatched. */
  activity: boolean;
}

/** The columns that hold it, for a select. */
export const PRIVACY_SELECT = { profileShowsUploads: true, profileShowsStats: true, profileShowsActivity: true } as const;

export function privacyOf(row: { profileShowsUploads: boolean; profileShowsStats: boolean; profileShowsActivity: boolean }): ProfilePrivacy {
  return { uploads: row.profileShowsUploads, stats: row.profileShowsStats, activity: row.profileShowsActivity };
}

/** What `actor` sees of the profile of `ownerId`: everything for the owner and staff, the owner's choice for others. */
export function visibleParts(actor: SessionUser, ownerId: number, privacy: ProfilePrivacy): ProfilePrivacy {
  if (actor.id === ownerId || isStaff(actor.role)) return { uploads: true, stats: true, activity: true };
  return privacy;
}

/**
 * Whether `actor` may list the uploads of the member named `username` (the uploader filter of the torrent list,
 * the API and the feeds, as well as the profile): false when that member hides them. True for a name nobody has.
 */
export async function uploadsListVisible(actor: SessionUser | undefined, username: string): Promise<boolean> {
  const owner = await db().user.findUnique({ where: { usernameKey: username.toLowerCase() }, select: { id: true, ...PRIVACY_SELECT } });
  if (!owner) return true;
  if (actor === undefined) return owner.profileShowsUploads;
  return visibleParts(actor, owner.id, privacyOf(owner)).uploads;
}
