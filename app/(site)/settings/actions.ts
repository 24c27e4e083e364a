'use server';

import { revalidatePath } from 'next/cache';
import { formValues, invalid, runAction } from '@/app/_lib/run-action';
import type { FormState } from '@/app/_lib/form-state';
import { requireUser } from '@/lib/auth/session';
import { changePassword } from '@/lib/services/change-password';
import { endSessions } from '@/lib/services/end-sessions';
import { resetPasskey } from '@/lib/services/reset-passkey';
import { updateProfilePrivacy } from '@/lib/services/privacy/update-profile-privacy';
import { changePasswordSchema } from '@/lib/validation/auth';
import { profilePrivacySchema } from '@/lib/validation/privacy';

export async function resetPasskeyAction(_prev: FormState): Promise<FormState> {
  return runAction(async () => {
    await resetPasskey({ actor: await requireUser() });
    revalidatePath('/settings');
    return { status: 'ok', message: 'Your passkey was reset. Download your torrents again: the old passkey no longer works.' };
  });
}

export async function changePasswordAction(_prev: FormState, form: FormData): Promise<FormState> {
  const parsed = changePasswordSchema.safeParse(formValues(form, ['currentPassword', 'newPassword', 'confirmPassword']));
  return runAction(async () => {
    const actor = await requireUser();
    if (!parsed.success) return invalid(parsed.error);
    await changePassword({ actor, input: parsed.data });
    return { status: 'ok', message: 'Password changed. All your sessions have ended: log in again.' };
  });
}

export async function endSessionsAction(_prev: FormState): Promise<FormState> {
  return runAction(async () => {
    await endSessions({ actor: await requireUser() });
    return { status: 'ok', message: 'You are logged out everywhere.' };
  });
}

export async function updatePrivacyAction(_prev: FormState, form: FormData): Promise<FormState> {
  const parsed = profilePrivacySchema.safeParse(formValues(form, ['uploads', 'stats', 'activity']));
  return runAction(async () => {
    const actor = await requireUser();
    if (!parsed.success) return { status: 'error', message: 'Tick or untick each box, then save.' };
    await updateProfilePrivacy({ actor, privacy: parsed.data });
    revalidatePath('/settings');
    return { status: 'ok', message: 'Saved: your profile shows other members what you ticked.' };
  });
}
