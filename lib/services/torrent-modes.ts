import 'server-only';
import { db } from '@/lib/db/client';
import { windowOpen } from '@/lib/validation/ratio-settings';
import { getSetting } from './settings';

export interface EffectiveMode {
  freeleech: boolean;
  neutral: boolean;
  doubleUpload: boolean;
}

export interface TorrentFacts extends EffectiveMode {
  /** What clients announce: the v1 infohash, or a v2-only torrent's truncated v2 hash (40 hex). */
  infoHash: string;
}

/**
 * The accounting mode the tracker applies to each torrent now: its own flags with the site-wide freeleech and
 * double-upload windows laid over them (as lib/tracker-server/site-rules.ts does for announces). For the API,
 * feeds and Torznab, which tell tools what a download will cost.
 */
export async function effectiveModes(options: { ids: number[]; now?: Date }): Promise<Map<number, TorrentFacts>> {
  const nowMs = (options.now ?? new Date()).getTime();
  const [rows, freeUntil, doubleUntil] = await Promise.all([
    options.ids.length ? db().torrent.findMany({ where: { id: { in: options.ids } }, select: { id: true, freeleech: true, neutral: true, doubleUpload: true, infoHashV1: true, infoHashV2Short: true } }) : [],
    getSetting('siteFreeleechUntil'),
    getSetting('siteDoubleUploadUntil'),
  ]);
  const siteFree = windowOpen(freeUntil, nowMs);
  const siteDouble = windowOpen(doubleUntil, nowMs);
  return new Map(rows.map((r) => [r.id, {
    freeleech: r.freeleech || siteFree,
    neutral: r.neutral,
    doubleUpload: r.doubleUpload || siteDouble,
    infoHash: r.infoHashV1 ?? r.infoHashV2Short ?? '',
  }]));
}
