'use server';

import { z } from 'zod';
import { runAction } from '@/app/_lib/run-action';
import type { FormState } from '@/app/_lib/form-state';
import { requireUser } from '@/lib/auth/session';
import { requestEmailVerification } from '@/lib/services/email/add-email';
import { updateEmailPreferences } from '@/lib/services/email/email-preferences';

const emailSchema = z.email('Enter an email address such as name@example.org').max(254, 'The address is too long');

export async function addEmailAction(_prev: FormState, form: FormData): Promise<FormState> {
  const raw = String(form.get('email') ?? '').trim();
  const parsed = emailSchema.safeParse(raw);
  if (!parsed.success) return { status: 'error', fieldErrors: { email: parsed.error.issues[0]?.message ?? 'Enter an email address' }, values: { email: raw } };
  return runAction(async () => {
    await requestEmailVerification({ actor: await requireUser(), email: parsed.data });
    return { status: 'ok', message: `A confirmation link was sent to ${parsed.data}. The address counts once you follow it.` };
  }, { email: raw });
}

export async function emailPreferencesAction(_prev: FormState, form: FormData): Promise<FormState> {
  const kinds = form.getAll('kinds').filter((k): k is string => typeof k === 'string').slice(0, 50);
  return runAction(async () => {
    await updateEmailPreferences({ actor: await requireUser(), kinds });
    return {
      status: 'ok',
      message: kinds.length === 0 ? 'Saved: only security notices come by email.' : 'Saved: the notifications you chose also come by email.',
      data: { kinds: kinds.join(',') },
    };
  });
}
