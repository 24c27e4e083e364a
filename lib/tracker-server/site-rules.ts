import type { z } from 'zod';
import type { TorrentMode } from '@/lib/tracker';
import { GIB } from '@/lib/ratio';
import { RATIO_SETTINGS, windowOpen } from '@/lib/validation/ratio-settings';

/** The site settings the tracker applies, read from the Setting table (same keys and defaults as the site). */
export interface SiteRules {
  freeleechUntil: string | null;
  doubleUploadUntil: string | null;
  maxDownloadDuringWatchBytes: bigint;
  /** null when no admin set one: the tracker's own configured interval applies. */
  intervalSeconds: number | null;
}

const KEYS = ['siteFreeleechUntil', 'siteDoubleUploadUntil', 'maxDownloadDuringWatchGiB', 'announceIntervalSeconds'] as const;

/** The rules from the Setting table's rows; a stored value that fails its schema falls back to the default, as on the site. */
export function siteRulesFrom(stored: ReadonlyMap<string, string>): SiteRules {
  const read = <T>(key: (typeof KEYS)[number], schema: z.ZodType<T>): T | null => {
    const raw = stored.get(key);
    if (raw === undefined) return null;
    try {
      const parsed = schema.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  };
  const maxGiB = read('maxDownloadDuringWatchGiB', RATIO_SETTINGS.maxDownloadDuringWatchGiB.schema) ?? RATIO_SETTINGS.maxDownloadDuringWatchGiB.default;
  return {
    freeleechUntil: read('siteFreeleechUntil', RATIO_SETTINGS.siteFreeleechUntil.schema) ?? null,
    doubleUploadUntil: read('siteDoubleUploadUntil', RATIO_SETTINGS.siteDoubleUploadUntil.schema) ?? null,
    // Whole bytes: the limit may be fractional GiB (e.g. 0.5).
    maxDownloadDuringWatchBytes: BigInt(Math.floor(maxGiB * Number(GIB))),
    intervalSeconds: read('announceIntervalSeconds', RATIO_SETTINGS.announceIntervalSeconds.schema),
  };
}

/** The torrent's accounting mode with the site-wide freeleech and double-upload windows laid over it. */
export function modeWithSiteRules(mode: TorrentMode, rules: SiteRules, nowMs: number): TorrentMode {
  const freeleech = mode.freeleech || windowOpen(rules.freeleechUntil, nowMs);
  const doubleUpload = mode.doubleUpload || windowOpen(rules.doubleUploadUntil, nowMs);
  if (freeleech === mode.freeleech && doubleUpload === mode.doubleUpload) return mode;
  return { ...mode, freeleech, doubleUpload };
}
