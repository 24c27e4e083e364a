'use server';

import { headers } from 'next/headers';
import { formValues, invalid, runAction } from '@/app/_lib/run-action';
import type { FormState } from '@/app/_lib/form-state';
import { CLIENT_IP_HEADER } from '@/lib/auth/client-ip';
import { registerUser } from '@/lib/services/register-user';
import { registerSchema } from '@/lib/validation/auth';

export async function registerAction(_prev: FormState, form: FormData): Promise<FormState> {
  const raw = formValues(form, ['username', 'password', 'confirmPassword', 'inviteCode']);
  const values = { username: raw.username ?? '', inviteCode: raw.inviteCode ?? '' };
  const parsed = registerSchema.safeParse(raw);
  if (!parsed.success) return invalid(parsed.error, values);
  const ip = (await headers()).get(CLIENT_IP_HEADER) ?? 'unknown';
  const state = await runAction(async () => {
    await registerUser({ input: parsed.data, ip });
  }, values);
  // The form logs the new member in with the password they typed, which this action never sends back.
  return state;
}
