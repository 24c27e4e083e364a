import { formObject, idParam, staffRoute } from '@/app/_lib/staff-route';
import { grantInvites } from '@/lib/services/moderation/change-role';
import { invitesSchema } from '@/lib/validation/moderation';

export const POST = staffRoute<{ id: string }>(async ({ actor, form, params }) => {
  const input = invitesSchema.parse(formObject(form));
  await grantInvites({ actor, userId: idParam(params.id), count: input.count, reason: input.reason });
  return { message: `Invites changed by ${input.count}.` };
});
