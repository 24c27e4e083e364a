import 'server-only';
import { hasRole } from '@/lib/auth/roles';
import type { SessionUser } from '@/lib/auth/session';
import { serializable } from '@/lib/db/serializable';
import { AppError } from '@/lib/errors';
import { notifyTrackerOnCommit } from '@/lib/shared-state/tracker-changes';
import { notifyTrackerChanged } from '@/lib/tracker-server/invalidate';
import { writeAudit } from './audit';
import { getSetting, putSetting } from './settings';

export interface RatioSettingsInput {
  watchDays: number;
  maxDownloadDuringWatchGiB: number;
  startingCreditBytes: string;
  announceIntervalSeconds: number;
  siteFreeleechUntil: string | null;
  siteDoubleUploadUntil: string | null;
}

const KEYS = ['watchDays', 'maxDownloadDuringWatchGiB', 'startingCreditBytes', 'announceIntervalSeconds', 'siteFreeleechUntil', 'siteDoubleUploadUntil'] as const;

export async function getRatioSettings(): Promise<RatioSettingsInput> {
  const values = await Promise.all(KEYS.map((k) => getSetting(k)));
  return Object.fromEntries(KEYS.map((k, i) => [k, values[i]])) as unknown as RatioSettingsInput;
}

/** Admins change the watch length, the download limit during a watch, starting credit, the announce interval and site-wide freeleech/double upload; each change is audited. */
export async function updateRatioSettings(options: { actor: SessionUser; input: RatioSettingsInput }): Promise<string[]> {
  if (!hasRole(options.actor.role, 'admin')) throw new AppError('FORBIDDEN', { userMessage: 'Admins only' });
  // All settings and their audit entries commit together, or none does; serializable, so each entry's "before" is
  // the value this save replaced even when two admins save at once.
  const changed = await serializable(async (tx) => {
    const keys: string[] = [];
    for (const key of KEYS) {
      const value = options.input[key];
      const before = await putSetting(key, value as never, tx);
      if (JSON.stringify(before) !== JSON.stringify(value)) {
        keys.push(key);
        await writeAudit({ actorId: options.actor.id, action: `settings.${key}`, before, after: value }, tx);
      }
    }
    await notifyTrackerOnCommit(tx);
    return keys;
  });
  notifyTrackerChanged();
  return changed;
}
