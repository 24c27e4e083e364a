import 'server-only';
import { isStaff } from '@/lib/auth/roles';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { serializable } from '@/lib/db/serializable';
import { AppError } from '@/lib/errors';
import type { TorrentMetaInput } from '@/lib/validation/torrent';
import { writeAudit } from './audit';
import { mayModerateTorrent, TORRENT_RANK_MESSAGE, torrentForModeration } from './moderation/authorize';
import { writeTagsAndSearch } from './torrent-tags';

/**
 * The uploader, or staff who outrank the uploader, edit title, category, tags and description; staff edits are
 * audited.
 */
export async function editTorrent(options: { actor: SessionUser; id: number; input: TorrentMetaInput }): Promise<void> {
  const { actor, id, input } = options;
  const before = await torrentForModeration(id);
  if (before.uploader.id !== actor.id && !mayModerateTorrent(actor, before.uploader)) {
    throw new AppError('FORBIDDEN', { userMessage: isStaff(actor.role) ? TORRENT_RANK_MESSAGE : 'Only the uploader or staff may edit this torrent' });
  }
  if (!(await db().category.findUnique({ where: { id: input.categoryId }, select: { id: true } }))) {
    throw new AppError('BAD_REQUEST', { userMessage: 'Choose a category', field: 'categoryId' });
  }
  // Serializable: the tags are replaced (delete, then insert) and may be new, so two edits at once, or an edit and
  // an upload with the same new tag, would otherwise collide on a unique key on PostgreSQL.
  await serializable(async (tx) => {
    await tx.torrent.update({ where: { id }, data: { title: input.title, categoryId: input.categoryId, description: input.description } });
    await writeTagsAndSearch(tx, id, input.title, input.tags);
    if (before.uploader.id !== actor.id) {
      await writeAudit({ actorId: actor.id, action: 'torrent.edit', before: { torrentId: id, title: before.title }, after: { torrentId: id, title: input.title } }, tx);
    }
  });
}
