import { formObject, idParam, staffRoute } from '@/app/_lib/staff-route';
import { setBanned } from '@/lib/services/moderation/ban-member';
import { reasonSchema } from '@/lib/validation/moderation';

export const POST = staffRoute<{ id: string }>(async ({ actor, form, params }) => {
  const { reason } = reasonSchema.parse(formObject(form));
  await setBanned({ actor, userId: idParam(params.id), banned: false, reason });
  return { message: 'Unbanned.' };
});
