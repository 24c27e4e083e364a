import 'server-only';
import { z } from 'zod';
import { db, type Db } from '@/lib/db/client';
import { notifyTrackerOnCommit } from '@/lib/shared-state/tracker-changes';
import { notifyTrackerChanged } from '@/lib/tracker-server/invalidate';
import { registrationModeSchema } from '@/lib/validation/auth';
import { RATIO_SETTINGS } from '@/lib/validation/ratio-settings';

/** Every site setting with its schema and default; values are stored as JSON in the Setting table. */
const SETTINGS = {
  registrationMode: { schema: registrationModeSchema, default: 'invite' as const },
  uploadMinRole: { schema: z.enum(['member', 'uploader', 'moderator', 'admin']), default: 'uploader' as const },
  /** Read notifications older than this are deleted by the scheduler's sweep (lib/services/notifications). */
  notificationRetentionDays: { schema: z.number().int().min(1).max(3650), default: 30 },
  /** Staff (moderators and admins) must turn on two-factor login before they can use the staff pages. */
  requireTwoFactorForStaff: { schema: z.boolean(), default: false },
  ...RATIO_SETTINGS,
} as const;

type Settings = typeof SETTINGS;
export type SettingKey = keyof Settings;
export type SettingValue<K extends SettingKey> = z.infer<Settings[K]['schema']>;

type SettingClient = Pick<Db, 'setting'>;

export async function getSetting<K extends SettingKey>(key: K, client: SettingClient = db()): Promise<SettingValue<K>> {
  const row = await client.setting.findUnique({ where: { key } });
  const spec = SETTINGS[key];
  if (!row) return spec.default as SettingValue<K>;
  const parsed = spec.schema.safeParse(JSON.parse(row.value));
  return (parsed.success ? parsed.data : spec.default) as SettingValue<K>;
}

/**
 * Writes a setting and returns the previous value; callers authorize and audit. Given a transaction, it writes
 * there, and the caller writes the audit entry in the same transaction and calls notifyTrackerChanged() once it
 * committed: the tracker caches the settings it reads (site-wide freeleech, intervals, watch limits), and told
 * before the commit it could reload the old values. Without one, the write commits at once and the tracker is
 * told.
 */
export async function putSetting<K extends SettingKey>(key: K, value: SettingValue<K>, tx?: SettingClient): Promise<SettingValue<K>> {
  const client = tx ?? db();
  const before = await getSetting(key, client);
  const json = JSON.stringify(SETTINGS[key].schema.parse(value));
  await client.setting.upsert({ where: { key }, create: { key, value: json }, update: { value: json } });
  if (tx === undefined) {
    await notifyTrackerOnCommit(db());
    notifyTrackerChanged();
  }
  return before;
}
