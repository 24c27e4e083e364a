import { z } from 'zod';
import { formObject, idParam, staffRoute } from '@/app/_lib/staff-route';
import { changeWatch } from '@/lib/services/moderation/leeching';
import { reasonSchema } from '@/lib/validation/moderation';

const schema = reasonSchema.extend({
  change: z.enum(['clear', 'extend'], { message: 'Choose clear or extend' }),
  days: z.coerce.number({ message: 'Enter a number of days' }).int('Enter whole days').min(1, 'At least 1 day').max(90, 'At most 90 days').optional(),
});

export const POST = staffRoute<{ id: string }>(async ({ actor, form, params }) => {
  const input = schema.parse(formObject(form));
  const change = input.change === 'clear' ? ({ kind: 'clear' } as const) : ({ kind: 'extend', days: input.days ?? 7 } as const);
  await changeWatch({ actor, userId: idParam(params.id), change, reason: input.reason });
  return { message: change.kind === 'clear' ? 'Watch cleared.' : `Watch extended by ${change.days} days.` };
});
