import 'server-only';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { getRatioStatus, type RatioStatus } from './ratio/get-ratio-status';

/** How many latest torrents and suggestions the home page lists. */
export const HOME_LATEST = 10;
export const HOME_TO_SEED = 10;
/** A torrent with at most this many seeders (and at least one, so it can still be downloaded) needs more. */
export const FEW_SEEDERS = 2;

export interface HomeTorrentDto {
  id: number;
  title: string;
  size: bigint;
  seeders: number;
  leechers: number;
  createdAt: Date;
}

export interface SeedSuggestionDto extends HomeTorrentDto {
  /** 'yours': the member snatched or uploaded it and does not seed it now; 'few-seeders': the swarm needs seeders. */
  kind: 'yours' | 'few-seeders';
  /** One line saying why it is suggested. */
  reason: string;
}

export interface HomeDto {
  latest: HomeTorrentDto[];
  standing: RatioStatus;
  toSeed: SeedSuggestionDto[];
}

const TORRENT = { id: true, title: true, size: true, seeders: true, leechers: true, createdAt: true } as const;

/**
 * A logged-in member's home page: the newest torrents, the member's own ratio standing, and what to seed: first
 * the torrents the member snatched or uploaded and has no client on now (fewest seeders first), then torrents
 * with few seeders the member has nothing to do with (most leechers waiting first; not while the member's
 * leeching is disabled, since they could not download them).
 */
export async function getHome(options: { actor: SessionUser; now?: Date }): Promise<HomeDto> {
  const userId = options.actor.id;
  const [latest, standing, peers, snatched, uploaded] = await Promise.all([
    db().torrent.findMany({ where: { deletedAt: null }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: HOME_LATEST, select: TORRENT }),
    getRatioStatus({ actor: options.actor, userId, now: options.now }),
    db().peer.findMany({ where: { userId }, select: { torrentId: true } }),
    db().userTorrent.findMany({
      where: { userId, completedAt: { not: null }, torrent: { deletedAt: null } },
      orderBy: { completedAt: 'desc' }, take: 500, select: { torrent: { select: TORRENT } },
    }),
    db().torrent.findMany({ where: { uploaderId: userId, deletedAt: null }, orderBy: { createdAt: 'desc' }, take: 500, select: TORRENT }),
  ]);
  // Any client of the member on a torrent (seeding, or fetching it again) means it needs nothing from them now.
  const active = new Set(peers.map((p) => p.torrentId));
  const uploadedIds = new Set(uploaded.map((t) => t.id));
  const yours = new Map<number, SeedSuggestionDto>();
  for (const t of [...uploaded, ...snatched.map((s) => s.torrent)]) {
    if (active.has(t.id) || yours.has(t.id)) continue;
    const how = uploadedIds.has(t.id) ? 'You uploaded it' : 'You downloaded it';
    yours.set(t.id, { ...t, kind: 'yours', reason: `${how} and are not seeding it; ${swarmText(t)}.` });
  }
  const toSeed = [...yours.values()].sort((a, b) => a.seeders - b.seeders || b.leechers - a.leechers || b.id - a.id).slice(0, HOME_TO_SEED);
  if (toSeed.length < HOME_TO_SEED && !standing.leechingDisabled && standing.leechingMessage === null) {
    const mine = [...active, ...uploadedIds, ...snatched.map((s) => s.torrent.id)];
    const few = await db().torrent.findMany({
      where: { deletedAt: null, seeders: { gte: 1, lte: FEW_SEEDERS }, id: { notIn: mine } },
      orderBy: [{ leechers: 'desc' }, { seeders: 'asc' }, { id: 'desc' }],
      take: HOME_TO_SEED - toSeed.length,
      select: TORRENT,
    });
    for (const t of few) toSeed.push({ ...t, kind: 'few-seeders', reason: `Only ${swarmText(t)}: download it and keep seeding it.` });
  }
  return { latest, standing, toSeed };
}

function swarmText(t: { seeders: number; leechers: number }): string {
  const seeders = t.seeders === 0 ? 'no seeders' : t.seeders === 1 ? '1 seeder' : `${t.seeders} seeders`;
  if (t.leechers === 0) return seeders;
  return `${seeders} and ${t.leechers} ${t.leechers === 1 ? 'leecher' : 'leechers'} waiting`;
}
