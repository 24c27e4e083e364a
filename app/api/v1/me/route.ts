import { apiRoute, json } from '@/app/api/v1/_lib/api-route';
import { getOwnStats } from '@/lib/services/get-own-stats';
import type { memberStatsSchema } from '@/lib/validation/api-v1';
import type { z } from 'zod';

/** The token owner's own figures: transfer, ratio and requirement, watch, seeding and leeching counts. */
export const GET = apiRoute('stats', async ({ actor }) => {
  const { status: s, ratio, seeding, leeching } = await getOwnStats({ actor });
  const body: z.infer<typeof memberStatsSchema> = {
    username: actor.username,
    uploaded: Number(s.uploaded),
    downloaded: Number(s.downloaded),
    ratio,
    ratioText: s.ratio,
    requiredRatio: s.required,
    bytesToUpload: Number(s.bytesToUpload),
    watch: s.watch && {
      startedAt: s.watch.startedAt.toISOString(),
      endsAt: s.watch.endsAt.toISOString(),
      downloadedSinceStart: Number(s.watch.downloadedSinceStart),
      downloadLimit: Number(s.watch.downloadLimitBytes),
    },
    leechingDisabled: s.leechingDisabled,
    leechingMessage: s.leechingMessage,
    seeding,
    leeching,
    snatched: s.snatched,
  };
  return json(body);
});
