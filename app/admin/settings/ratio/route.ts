import { formObject, staffRoute } from '@/app/_lib/staff-route';
import { updateRatioSettings } from '@/lib/services/update-ratio-settings';
import { ratioSettingsSchema } from '@/lib/validation/moderation';
import { RATIO_SETTING_LABELS, type RatioSettingKey } from '@/lib/validation/ratio-settings';

export const POST = staffRoute<Record<string, never>>(async ({ actor, form }) => {
  const v = ratioSettingsSchema.parse(formObject(form));
  const changed = await updateRatioSettings({
    actor,
    input: {
      watchDays: v.watchDays,
      maxDownloadDuringWatchGiB: v.maxDownloadDuringWatchGiB,
      startingCreditBytes: String(BigInt(Math.round(v.startingCreditGiB * 1024 ** 3))),
      announceIntervalSeconds: v.announceIntervalMinutes * 60,
      siteFreeleechUntil: v.siteFreeleechUntil,
      siteDoubleUploadUntil: v.siteDoubleUploadUntil,
    },
  });
  return { message: changed.length ? `Saved: ${changed.map((key) => RATIO_SETTING_LABELS[key as RatioSettingKey]).join(', ')}.` : 'Nothing changed.' };
});
