'use server';

import { revalidatePath } from 'next/cache';
import { runAction } from '@/app/_lib/run-action';
import type { FormState } from '@/app/_lib/form-state';
import { requireUser } from '@/lib/auth/session';
import { markAllNotificationsRead, markNotificationRead } from '@/lib/services/notifications/mark-read';

export async function markReadAction(_prev: FormState, form: FormData): Promise<FormState> {
  return runAction(async () => {
    const actor = await requireUser();
    const id = Number(form.get('id'));
    if (!Number.isSafeInteger(id) || id <= 0) return { status: 'error', message: 'No such notification' };
    await markNotificationRead({ actor, id });
    revalidatePath('/', 'layout');
    return { status: 'ok' };
  });
}

export async function markAllReadAction(_prev: FormState): Promise<FormState> {
  return runAction(async () => {
    const count = await markAllNotificationsRead({ actor: await requireUser() });
    revalidatePath('/', 'layout');
    return { status: 'ok', message: count === 1 ? '1 notification marked read.' : `${count} notifications marked read.` };
  });
}
