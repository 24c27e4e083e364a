import 'server-only';
import { isStaff } from '@/lib/auth/roles';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { serializable } from '@/lib/db/serializable';
import { AppError } from '@/lib/errors';
import type { TorrentMetaInput } from '@/lib/validation/torrent';
import { writeAudit } from './audit';
import { writeTagsAndSearch } from './torrent-tags';

/** The uploader or staff edit title, category, tags and description; staff edits are audited. */
export async function editTorrent(options: { actor: SessionUser; id: number; input: TorrentMetaInput }): Promise<void> {
  const { actor, id, input } = options;
  const before = await db().torrent.findUnique({ where: { id }, select: { uploaderId: true, title: true, categoryId: true, deletedAt: true } });
  if (!before || before.deletedAt) throw new AppError('NOT_FOUND', { userMessage: 'No such torrent' });
  if (before.uploaderId !== actor.id && !isStaff(actor.role)) throw new AppError('FORBIDDEN', { userMessage: 'Only the uploader or staff may edit this torrent' });
  if (!(await db().category.findUnique({ where: { id: input.categoryId }, select: { id: true } }))) {
    throw new AppError('BAD_REQUEST', { userMessage: 'Choose a category', field: 'categoryId' });
  }
  // Serializable: the tags are replaced (delete, then insert) and may be new, so two edits at once, or an edit and
  // an upload with the same new tag, would otherwise collide on a unique key on PostgreSQL.
  await serializable(async (tx) => {
    await tx.torrent.update({ where: { id }, data: { title: input.title, categoryId: input.categoryId, description: input.description } });
    await writeTagsAndSearch(tx, id, input.title, input.tags);
    if (before.uploaderId !== actor.id) {
      await writeAudit({ actorId: actor.id, action: 'torrent.edit', before: { torrentId: id, title: before.title }, after: { torrentId: id, title: input.title } }, tx);
    }
  });
}
