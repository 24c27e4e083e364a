import 'server-only';
import { db } from '@/lib/db/client';
import { leechDecision } from '@/lib/ratio';
import { evaluateMemberRatio } from './ratio/evaluate-member';

export type DownloadDecision = { allowed: true } | { allowed: false; message: string };

/**
 * The one place that decides whether a member may download a torrent's .torrent file. The member is evaluated
 * first, so a rule crossed since the last scheduler pass (download limit, expired watch) applies now. With
 * leeching disabled the refusal carries lib/ratio's message, the same text the tracker sends, except for
 * torrents the member uploaded, snatched or seeds right now: fetching those again costs no ratio. Freeleech does
 * not open a disabled account (the tracker refuses downloads whatever the torrent's mode).
 */
export async function mayDownload(options: { userId: number; torrentId: number; now?: Date }): Promise<DownloadDecision> {
  const evaluation = await evaluateMemberRatio({ userId: options.userId, now: options.now ?? new Date() });
  if (evaluation === null) return { allowed: false, message: 'No such member' };
  const decision = leechDecision({ ...evaluation.state, uploaded: evaluation.uploaded, downloaded: evaluation.downloaded, required: evaluation.required });
  if (decision.allowed) return decision;
  return (await isException(options.userId, options.torrentId)) ? { allowed: true } : decision;
}

async function isException(userId: number, torrentId: number): Promise<boolean> {
  const [uploaded, snatched, seeding] = await Promise.all([
    db().torrent.count({ where: { id: torrentId, uploaderId: userId } }),
    db().userTorrent.count({ where: { userId, torrentId, completedAt: { not: null } } }),
    db().peer.count({ where: { userId, torrentId, seeder: true } }),
  ]);
  return uploaded + snatched + seeding > 0;
}
