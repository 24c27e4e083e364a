import { z } from 'zod';
import { formObject, idParam, staffRoute } from '@/app/_lib/staff-route';
import { replyToThread } from '@/lib/services/staff-messages/send-staff-message';
import { messageBodySchema } from '@/lib/validation/staff-messages';

export const POST = staffRoute<{ id: string }>(async ({ actor, form, params }) => {
  const { body } = z.object({ body: messageBodySchema }).parse(formObject(form));
  await replyToThread({ actor, threadId: idParam(params.id), body });
  return { message: 'Sent: the member finds it in their inbox.' };
});
