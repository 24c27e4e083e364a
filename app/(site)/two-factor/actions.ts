'use server';

import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { runAction } from '@/app/_lib/run-action';
import type { FormState } from '@/app/_lib/form-state';
import { CLIENT_IP_HEADER } from '@/lib/auth/client-ip';
import { requireUser } from '@/lib/auth/session';
import { disableOwnTwoFactor } from '@/lib/services/two-factor/remove-two-factor';
import { confirmTwoFactorSetup, startTwoFactorSetup } from '@/lib/services/two-factor/setup-two-factor';

const codeOf = (form: FormData) => String(form.get('code') ?? '').slice(0, 64);

export async function startSetupAction(_prev: FormState): Promise<FormState> {
  return runAction(async () => {
    await startTwoFactorSetup({ actor: await requireUser() });
    revalidatePath('/two-factor');
  });
}

export async function confirmSetupAction(_prev: FormState, form: FormData): Promise<FormState> {
  return runAction(async () => {
    const codes = await confirmTwoFactorSetup({ actor: await requireUser(), code: codeOf(form) });
    return { status: 'ok', message: 'Two-factor login is on.', data: { codes: codes.join(' ') } };
  });
}

export async function disableAction(_prev: FormState, form: FormData): Promise<FormState> {
  return runAction(async () => {
    const ip = (await headers()).get(CLIENT_IP_HEADER) ?? 'unknown';
    await disableOwnTwoFactor({ actor: await requireUser(), password: String(form.get('password') ?? '').slice(0, 1024), code: codeOf(form), ip });
    revalidatePath('/two-factor');
    return { status: 'ok', message: 'Two-factor login is off.' };
  });
}
