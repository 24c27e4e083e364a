import { formObject, idParam, staffRoute } from '@/app/_lib/staff-route';
import { removeTwoFactor } from '@/lib/services/two-factor/remove-two-factor';
import { reasonSchema } from '@/lib/validation/moderation';

export const POST = staffRoute<{ id: string }>(async ({ actor, form, params }) => {
  const { reason } = reasonSchema.parse(formObject(form));
  await removeTwoFactor({ actor, userId: idParam(params.id), reason });
  return { message: 'Two-factor login removed: the member logs in with their password alone until they set it up again.' };
});
