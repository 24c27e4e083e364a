'use server';

import { headers } from 'next/headers';
import { z } from 'zod';
import { runAction } from '@/app/_lib/run-action';
import type { FormState } from '@/app/_lib/form-state';
import { CLIENT_IP_HEADER } from '@/lib/auth/client-ip';
import { requestPasswordResetByEmail } from '@/lib/services/email/forgot-password';

const emailSchema = z.email('Enter an email address such as name@example.org').max(254, 'The address is too long');

export async function forgotPasswordAction(_prev: FormState, form: FormData): Promise<FormState> {
  const raw = String(form.get('email') ?? '').trim();
  const parsed = emailSchema.safeParse(raw);
  if (!parsed.success) return { status: 'error', fieldErrors: { email: parsed.error.issues[0]?.message ?? 'Enter an email address' }, values: { email: raw } };
  const ip = (await headers()).get(CLIENT_IP_HEADER) ?? 'unknown';
  return runAction(async () => {
    const { message } = await requestPasswordResetByEmail({ email: parsed.data, ip });
    return { status: 'ok', message };
  }, { email: raw });
}
