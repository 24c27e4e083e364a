import { z } from 'zod';

/**
 * Ratio-enforcement and tracker settings with their defaults. Shared by the site's settings service (Prisma)
 * and the tracker (which reads the same Setting rows through its own SQLite connection).
 */
export const RATIO_SETTINGS = {
  /** Length of a ratio watch. */
  watchDays: { schema: z.number().int().min(1).max(365), default: 14 },
  /** Downloading more than this during a watch disables leeching at once. */
  maxDownloadDuringWatchGiB: { schema: z.number().min(0).max(1_000_000), default: 10 },
  /** Credited upload a new member starts with, as a decimal string of bytes (JSON has no BigInt). */
  startingCreditBytes: { schema: z.string().regex(/^\d{1,19}$/, 'Enter a whole number of bytes'), default: '0' },
  /** Site-wide freeleech until this instant (ISO 8601 with offset); null when off. */
  siteFreeleechUntil: { schema: z.iso.datetime({ offset: true }).nullable(), default: null as string | null },
  /** Site-wide double upload until this instant; null when off. */
  siteDoubleUploadUntil: { schema: z.iso.datetime({ offset: true }).nullable(), default: null as string | null },
  /** The announce interval the tracker hands out. */
  announceIntervalSeconds: { schema: z.number().int().min(60).max(86_400), default: 1800 },
} as const;

export type RatioSettingKey = keyof typeof RATIO_SETTINGS;

/** What each setting is called on the site settings page, for messages and the audit log. */
export const RATIO_SETTING_LABELS: Record<RatioSettingKey, string> = {
  watchDays: 'Ratio watch length',
  maxDownloadDuringWatchGiB: 'Download limit during a watch',
  startingCreditBytes: 'Starting credit',
  siteFreeleechUntil: 'Site-wide freeleech until',
  siteDoubleUploadUntil: 'Site-wide double upload until',
  announceIntervalSeconds: 'Announce interval',
};

/** Whether a site-wide window stored as `until` is open at `nowMs`; a malformed value counts as closed. */
export function windowOpen(until: string | null, nowMs: number): boolean {
  if (until === null) return false;
  const end = Date.parse(until);
  return !Number.isNaN(end) && nowMs < end;
}
