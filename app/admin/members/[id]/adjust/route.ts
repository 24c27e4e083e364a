import { formObject, idParam, staffRoute } from '@/app/_lib/staff-route';
import { formatBytes } from '@/lib/format';
import { adjustStats } from '@/lib/services/moderation/adjust-stats';
import { adjustStatsSchema } from '@/lib/validation/moderation';

export const POST = staffRoute<{ id: string }>(async ({ actor, form, params }) => {
  const input = adjustStatsSchema.parse(formObject(form));
  const { before, after } = await adjustStats({ actor, userId: idParam(params.id), input });
  return { message: `${input.field === 'uploaded' ? 'Uploaded' : 'Downloaded'} changed from ${formatBytes(before)} to ${formatBytes(after)}.` };
});
