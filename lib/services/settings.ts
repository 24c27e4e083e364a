import 'server-only';
import { z } from 'zod';
import { db } from '@/lib/db/client';
import { notifyTrackerChanged } from '@/lib/tracker-server/invalidate';
import { registrationModeSchema } from '@/lib/validation/auth';
import { RATIO_SETTINGS } from '@/lib/validation/ratio-settings';

/** Every site setting with its schema and default; values are stored as JSON in the Setting table. */
const SETTINGS = {
  registrationMode: { schema: registrationModeSchema, default: 'invite' as const },
  uploadMinRole: { schema: z.enum(['member', 'uploader', 'moderator', 'admin']), default: 'uploader' as const },
  ...RATIO_SETTINGS,
} as const;

type Settings = typeof SETTINGS;
export type SettingKey = keyof Settings;
export type SettingValue<K extends SettingKey> = z.infer<Settings[K]['schema']>;

export async function getSetting<K extends SettingKey>(key: K): Promise<SettingValue<K>> {
  const row = await db().setting.findUnique({ where: { key } });
  const spec = SETTINGS[key];
  if (!row) return spec.default as SettingValue<K>;
  const parsed = spec.schema.safeParse(JSON.parse(row.value));
  return (parsed.success ? parsed.data : spec.default) as SettingValue<K>;
}

/** Writes a setting; callers authorize and audit. Returns the previous value. */
export async function putSetting<K extends SettingKey>(key: K, value: SettingValue<K>): Promise<SettingValue<K>> {
  const before = await getSetting(key);
  const json = JSON.stringify(SETTINGS[key].schema.parse(value));
  await db().setting.upsert({ where: { key }, create: { key, value: json }, update: { value: json } });
  // The tracker caches the settings it reads (site-wide freeleech, intervals, watch limits).
  notifyTrackerChanged();
  return before;
}
