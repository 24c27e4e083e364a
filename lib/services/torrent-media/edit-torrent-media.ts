import 'server-only';
import { isStaff } from '@/lib/auth/roles';
import type { SessionUser } from '@/lib/auth/session';
import { serializable } from '@/lib/db/serializable';
import { AppError } from '@/lib/errors';
import type { MediaInput } from '@/lib/http/media-fields';
import { tooManyScreenshots } from '@/lib/media/attachments';
import { writeAudit } from '../audit';
import { mayModerateTorrent, TORRENT_RANK_MESSAGE, torrentForModeration } from '../moderation/authorize';
import { writeMedia } from './write-media';

export interface MediaChanges {
  add: MediaInput;
  removePoster: boolean;
  /** Ids of screenshots to remove. */
  removeScreenshots: number[];
  removeNfo: boolean;
}

/**
 * The uploader, or staff who outrank the uploader, replace or remove the poster and NFO and add or remove
 * screenshots, all in one transaction; staff changes are audited. More screenshots than allowed after the change
 * is refused with nothing written.
 */
export async function editTorrentMedia(options: { actor: SessionUser; id: number; changes: MediaChanges }): Promise<void> {
  const { actor, id, changes } = options;
  const before = await torrentForModeration(id);
  if (before.uploader.id !== actor.id && !mayModerateTorrent(actor, before.uploader)) {
    throw new AppError('FORBIDDEN', { userMessage: isStaff(actor.role) ? TORRENT_RANK_MESSAGE : 'Only the uploader or staff may edit this torrent' });
  }
  await serializable(async (tx) => {
    if (changes.removeScreenshots.length > 0) {
      await tx.torrentImage.deleteMany({ where: { torrentId: id, kind: 'screenshot', id: { in: changes.removeScreenshots } } });
    }
    const kept = await tx.torrentImage.count({ where: { torrentId: id, kind: 'screenshot' } });
    const tooMany = tooManyScreenshots(kept + changes.add.screenshots.length);
    if (tooMany) throw new AppError('BAD_REQUEST', { userMessage: tooMany, field: 'screenshots' });
    if (changes.removePoster && !changes.add.poster) await tx.torrentImage.deleteMany({ where: { torrentId: id, kind: 'poster' } });
    if (changes.removeNfo && !changes.add.nfo) await tx.torrentNfo.deleteMany({ where: { torrentId: id } });
    await writeMedia(tx, id, changes.add);
    if (before.uploader.id !== actor.id) {
      await writeAudit({ actorId: actor.id, action: 'torrent.edit', before: { torrentId: id, title: before.title }, after: { torrentId: id, title: before.title, media: 'changed' } }, tx);
    }
  });
}
