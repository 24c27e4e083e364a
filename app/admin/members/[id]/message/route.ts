import { formObject, idParam, staffRoute } from '@/app/_lib/staff-route';
import { sendStaffMessage } from '@/lib/services/staff-messages/send-staff-message';
import { staffMessageSchema } from '@/lib/validation/staff-messages';

export const POST = staffRoute<{ id: string }>(async ({ actor, form, params }) => {
  const input = staffMessageSchema.parse(formObject(form));
  const { threadId } = await sendStaffMessage({ actor, userId: idParam(params.id), input });
  return { message: `Sent: the member finds it in their inbox (conversation ${threadId} under Messages).` };
});
