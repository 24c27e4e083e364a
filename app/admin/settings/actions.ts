'use server';

import { revalidatePath } from 'next/cache';
import { runAction } from '@/app/_lib/run-action';
import type { FormState } from '@/app/_lib/form-state';
import { requireUser } from '@/lib/auth/session';
import { updateRegistrationMode } from '@/lib/services/update-registration-mode';
import { registrationModeSchema } from '@/lib/validation/auth';

export async function registrationModeAction(_prev: FormState, form: FormData): Promise<FormState> {
  return runAction(async () => {
    const actor = await requireUser();
    const parsed = registrationModeSchema.safeParse(form.get('registrationMode'));
    if (!parsed.success) return { status: 'error', fieldErrors: { registrationMode: 'Choose invite-only, open or closed' } };
    await updateRegistrationMode({ actor, mode: parsed.data });
    revalidatePath('/admin/settings');
    return { status: 'ok', message: 'Registration mode saved.' };
  });
}
