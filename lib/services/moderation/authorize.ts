import 'server-only';
import { isStaff, outranks } from '@/lib/auth/roles';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';

export function requireStaff(actor: SessionUser): void {
  if (!isStaff(actor.role)) throw new AppError('FORBIDDEN', { userMessage: 'Staff only' });
}

/** Loads the target member and checks that the actor is staff and outranks them. */
export async function requireOutranked(actor: SessionUser, userId: number) {
  requireStaff(actor);
  const target = await db().user.findUnique({
    where: { id: userId },
    select: { id: true, username: true, role: true, uploaded: true, downloaded: true, bannedAt: true, banReason: true, invitesAvailable: true },
  });
  if (!target) throw new AppError('NOT_FOUND', { userMessage: 'No such member' });
  if (!outranks(actor.role, target.role)) throw new AppError('FORBIDDEN', { userMessage: 'You can only act on members of a lower rank' });
  return target;
}

export const TORRENT_RANK_MESSAGE = 'You can only moderate torrents uploaded by members of a lower rank';

/**
 * Staff moderate a torrent (edit it, delete it, set its flags) when they uploaded it themselves or outrank its
 * uploader: the rule for acting on members, since a torrent's fate is its uploader's (a moderator does not delete an
 * admin's torrent).
 */
export function mayModerateTorrent(actor: SessionUser, uploader: { id: number; role: string }): boolean {
  return isStaff(actor.role) && (uploader.id === actor.id || outranks(actor.role, uploader.role));
}

/** The torrent's uploader, for mayModerateTorrent; NOT_FOUND for a missing or deleted torrent. */
export async function torrentForModeration(torrentId: number) {
  const t = await db().torrent.findUnique({
    where: { id: torrentId },
    select: { title: true, categoryId: true, deletedAt: true, freeleech: true, neutral: true, doubleUpload: true, uploader: { select: { id: true, role: true } } },
  });
  if (!t || t.deletedAt) throw new AppError('NOT_FOUND', { userMessage: 'No such torrent' });
  return t;
}
