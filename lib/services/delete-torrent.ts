import 'server-only';
import { isStaff } from '@/lib/auth/roles';
import type { SessionUser } from '@/lib/auth/session';
import { db, type Db } from '@/lib/db/client';
import { searchIndex } from '@/lib/db/search';
import { AppError } from '@/lib/errors';
import { notifyTrackerOnCommit } from '@/lib/shared-state/tracker-changes';
import { notifyTrackerChanged } from '@/lib/tracker-server/invalidate';
import { writeAudit } from './audit';
import { mayModerateTorrent, TORRENT_RANK_MESSAGE, torrentForModeration } from './moderation/authorize';
import { torrentDeleted } from './notifications/messages';
import { notify } from './notifications/notify';

/**
 * Staff delete a torrent with a reason. The row stays (marked deleted) so the tracker can tell clients
 * `Unregistered torrent: <reason>` and the infohash cannot simply be uploaded again unnoticed. Staff delete their
 * own torrents and those of members they outrank.
 */
export async function deleteTorrent(options: { actor: SessionUser; id: number; reason: string; now?: Date }): Promise<void> {
  if (!isStaff(options.actor.role)) throw new AppError('FORBIDDEN', { userMessage: 'Only staff may delete torrents' });
  const t = await torrentForModeration(options.id);
  if (!mayModerateTorrent(options.actor, t.uploader)) throw new AppError('FORBIDDEN', { userMessage: TORRENT_RANK_MESSAGE });
  const now = options.now ?? new Date();
  await db().$transaction(async (tx) => {
    // Only if it is still there: two staff deleting at once tell its members once.
    const deleted = await tx.torrent.updateMany({ where: { id: options.id, deletedAt: null }, data: { deletedAt: now, deleteReason: options.reason } });
    if (deleted.count !== 1) throw new AppError('NOT_FOUND', { userMessage: 'No such torrent' });
    await searchIndex().remove(tx, options.id);
    await writeAudit({ actorId: options.actor.id, action: 'torrent.delete', targetUserId: t.uploader.id, before: { torrentId: options.id, title: t.title }, reason: options.reason }, tx);
    await notifyMembersOf(tx, { torrentId: options.id, uploaderId: t.uploader.id, title: t.title, reason: options.reason, actorId: options.actor.id, now });
    await notifyTrackerOnCommit(tx);
  });
  notifyTrackerChanged();
}

/**
 * Tells the uploader, the members who snatched it and those seeding it now (each once, by their closest tie; not
 * the staff member deleting it).
 */
async function notifyMembersOf(
  tx: Pick<Db, 'userTorrent' | 'peer' | 'notification' | 'user' | 'outboxMail'>,
  options: { torrentId: number; uploaderId: number; title: string; reason: string; actorId: number; now: Date },
): Promise<void> {
  const [snatchers, seeders] = await Promise.all([
    tx.userTorrent.findMany({ where: { torrentId: options.torrentId, completedAt: { not: null } }, select: { userId: true } }),
    tx.peer.findMany({ where: { torrentId: options.torrentId, seeder: true }, select: { userId: true }, distinct: ['userId'] }),
  ]);
  const told = new Set<number>([options.actorId]);
  const groups: ['uploaded' | 'snatched' | 'seed', number[]][] = [
    ['uploaded', [options.uploaderId]],
    ['snatched', snatchers.map((s) => s.userId)],
    ['seed', seeders.map((s) => s.userId)],
  ];
  for (const [relation, ids] of groups) {
    const userIds = ids.filter((id) => !told.has(id));
    userIds.forEach((id) => told.add(id));
    await notify(tx, { userIds, content: torrentDeleted({ title: options.title, reason: options.reason, relation }), now: options.now });
  }
}
