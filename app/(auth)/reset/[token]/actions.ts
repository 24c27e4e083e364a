'use server';

import { redirect } from 'next/navigation';
import { formValues, invalid, runAction } from '@/app/_lib/run-action';
import type { FormState } from '@/app/_lib/form-state';
import { redeemResetLink } from '@/lib/services/password-reset/redeem-reset-link';
import { resetPasswordSchema } from '@/lib/validation/password-reset';

export async function resetPasswordAction(token: string, _prev: FormState, form: FormData): Promise<FormState> {
  const parsed = resetPasswordSchema.safeParse(formValues(form, ['newPassword', 'confirmPassword']));
  if (!parsed.success) return invalid(parsed.error);
  const state = await runAction(async () => {
    await redeemResetLink({ token, input: parsed.data });
  });
  if (state.status === 'ok') redirect('/login?reset=1');
  return state;
}
