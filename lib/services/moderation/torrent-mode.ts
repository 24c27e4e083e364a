import 'server-only';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { notifyTrackerOnCommit } from '@/lib/shared-state/tracker-changes';
import { notifyTrackerChanged } from '@/lib/tracker-server/invalidate';
import { writeAudit } from '../audit';
import { mayModerateTorrent, requireStaff, TORRENT_RANK_MESSAGE, torrentForModeration } from './authorize';

export interface TorrentMode {
  freeleech: boolean;
  neutral: boolean;
  doubleUpload: boolean;
}

/**
 * Staff set the freeleech, neutral and double-upload flags of their own torrents and those of members they outrank;
 * the tracker applies them from its next announce.
 */
export async function setTorrentMode(options: { actor: SessionUser; torrentId: number; mode: TorrentMode }) {
  requireStaff(options.actor);
  const t = await torrentForModeration(options.torrentId);
  if (!mayModerateTorrent(options.actor, t.uploader)) throw new AppError('FORBIDDEN', { userMessage: TORRENT_RANK_MESSAGE });
  await db().$transaction(async (tx) => {
    await tx.torrent.update({ where: { id: options.torrentId }, data: options.mode });
    await writeAudit({
      actorId: options.actor.id,
      action: 'torrent.mode',
      before: { torrentId: options.torrentId, freeleech: t.freeleech, neutral: t.neutral, doubleUpload: t.doubleUpload },
      after: { torrentId: options.torrentId, ...options.mode },
    }, tx);
    await notifyTrackerOnCommit(tx);
  });
  notifyTrackerChanged();
}
