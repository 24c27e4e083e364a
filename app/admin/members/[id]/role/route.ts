import { formObject, idParam, staffRoute } from '@/app/_lib/staff-route';
import { changeRole } from '@/lib/services/moderation/change-role';
import { roleSchema } from '@/lib/validation/moderation';

export const POST = staffRoute<{ id: string }>(async ({ actor, form, params }) => {
  const input = roleSchema.parse(formObject(form));
  await changeRole({ actor, userId: idParam(params.id), role: input.role, reason: input.reason });
  return { message: `Role set to ${input.role}.` };
});
