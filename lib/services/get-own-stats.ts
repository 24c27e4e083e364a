import 'server-only';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { ratioValue } from '@/lib/ratio';
import { getRatioStatus, type RatioStatus } from './ratio/get-ratio-status';

export interface OwnStats {
  status: RatioStatus;
  ratio: number | null;
  seeding: number;
  leeching: number;
}

/** The actor's own figures for tools: the ratio status the site shows, and how many torrents they seed and leech now. */
export async function getOwnStats(options: { actor: SessionUser; now?: Date }): Promise<OwnStats> {
  const status = await getRatioStatus({ actor: options.actor, userId: options.actor.id, now: options.now });
  const [seeding, leeching] = await Promise.all([
    db().peer.findMany({ where: { userId: options.actor.id, seeder: true }, distinct: ['torrentId'], select: { torrentId: true } }),
    db().peer.findMany({ where: { userId: options.actor.id, seeder: false }, distinct: ['torrentId'], select: { torrentId: true } }),
  ]);
  const ratio = status.downloaded === 0n ? null : ratioValue(status.uploaded, status.downloaded);
  return { status, ratio: ratio !== null && Number.isFinite(ratio) ? ratio : null, seeding: seeding.length, leeching: leeching.length };
}
