import { z } from 'zod';
import { formObject, idParam, staffRoute } from '@/app/_lib/staff-route';
import { setLeeching } from '@/lib/services/moderation/leeching';
import { reasonSchema } from '@/lib/validation/moderation';

const schema = reasonSchema.extend({ leeching: z.enum(['disable', 'enable'], { message: 'Choose disable or enable' }) });

export const POST = staffRoute<{ id: string }>(async ({ actor, form, params }) => {
  const input = schema.parse(formObject(form));
  await setLeeching({ actor, userId: idParam(params.id), disabled: input.leeching === 'disable', reason: input.reason });
  return { message: input.leeching === 'disable' ? 'Leeching disabled; seeding is still allowed.' : 'Leeching enabled.' };
});
