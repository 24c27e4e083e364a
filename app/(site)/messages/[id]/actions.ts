'use server';

import { revalidatePath } from 'next/cache';
import { runAction } from '@/app/_lib/run-action';
import type { FormState } from '@/app/_lib/form-state';
import { requireUser } from '@/lib/auth/session';
import { replyToThread } from '@/lib/services/staff-messages/send-staff-message';
import { messageBodySchema } from '@/lib/validation/staff-messages';

export async function replyAction(threadId: number, _prev: FormState, form: FormData): Promise<FormState> {
  const raw = String(form.get('body') ?? '');
  const parsed = messageBodySchema.safeParse(raw);
  if (!parsed.success) return { status: 'error', fieldErrors: { body: parsed.error.issues[0]?.message ?? 'Write a message' }, values: { body: raw } };
  return runAction(async () => {
    await replyToThread({ actor: await requireUser(), threadId, body: parsed.data });
    revalidatePath(`/messages/${threadId}`);
    return { status: 'ok', message: 'Sent.' };
  }, { body: raw });
}
