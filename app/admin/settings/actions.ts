'use server';

import { revalidatePath } from 'next/cache';
import { runAction } from '@/app/_lib/run-action';
import type { FormState } from '@/app/_lib/form-state';
import { isRole } from '@/lib/auth/roles';
import { requireUser } from '@/lib/auth/session';
import { updateUploadRole } from '@/lib/services/update-upload-role';
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

export async function uploadRoleAction(_prev: FormState, form: FormData): Promise<FormState> {
  return runAction(async () => {
    const actor = await requireUser();
    const role = form.get('uploadMinRole');
    if (typeof role !== 'string' || !isRole(role)) return { status: 'error', fieldErrors: { uploadMinRole: 'Choose a role' } };
    await updateUploadRole({ actor, role });
    revalidatePath('/admin/settings');
    return { status: 'ok', message: 'Upload permission saved.' };
  });
}
