import 'server-only';
import { isStaff } from '@/lib/auth/roles';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { searchIndex } from '@/lib/db/search';
import { AppError } from '@/lib/errors';
import { notifyTrackerOnCommit } from '@/lib/shared-state/tracker-changes';
import { notifyTrackerChanged } from '@/lib/tracker-server/invalidate';
import { writeAudit } from './audit';
import { mayModerateTorrent, TORRENT_RANK_MESSAGE, torrentForModeration } from './moderation/authorize';

/**
 * Staff delete a torrent with a reason. The row stays (marked deleted) so the tracker can tell clients
 * `Unregistered torrent: <reason>` and the infohash cannot simply be uploaded again unnoticed. Staff delete their
 * own torrents and those of members they outrank.
 */
export async function deleteTorrent(options: { actor: SessionUser; id: number; reason: string; now?: Date }): Promise<void> {
  if (!isStaff(options.actor.role)) throw new AppError('FORBIDDEN', { userMessage: 'Only staff may delete torrents' });
  const t = await torrentForModeration(options.id);
  if (!mayModerateTorrent(options.actor, t.uploader)) throw new AppError('FORBIDDEN', { userMessage: TORRENT_RANK_MESSAGE });
  await db().$transaction(async (tx) => {
    await tx.torrent.update({ where: { id: options.id }, data: { deletedAt: options.now ?? new Date(), deleteReason: options.reason } });
    await searchIndex().remove(tx, options.id);
    await writeAudit({ actorId: options.actor.id, action: 'torrent.delete', targetUserId: t.uploader.id, before: { torrentId: options.id, title: t.title }, reason: options.reason }, tx);
    await notifyTrackerOnCommit(tx);
  });
  notifyTrackerChanged();
}
