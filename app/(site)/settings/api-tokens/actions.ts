'use server';

import { revalidatePath } from 'next/cache';
import type { FormState } from '@/app/_lib/form-state';
import { invalid, runAction } from '@/app/_lib/run-action';
import { requireUser } from '@/lib/auth/session';
import { createApiToken } from '@/lib/services/api-tokens/create-api-token';
import { revokeApiToken } from '@/lib/services/api-tokens/revoke-api-token';
import { createApiTokenSchema } from '@/lib/validation/api-token';

export async function createApiTokenAction(_prev: FormState, form: FormData): Promise<FormState> {
  const name = String(form.get('name') ?? '');
  const parsed = createApiTokenSchema.safeParse({
    name,
    scopes: form.getAll('scopes').map(String),
    expiresInDays: String(form.get('expiresInDays') ?? ''),
  });
  return runAction(async () => {
    const actor = await requireUser();
    if (!parsed.success) return invalid(parsed.error, { name });
    const { token } = await createApiToken({ actor, input: parsed.data });
    revalidatePath('/settings/api-tokens');
    return { status: 'ok', message: 'Token created. Copy it now: it is not shown again.', data: { token } };
  }, { name });
}

export async function revokeApiTokenAction(id: number, _prev: FormState): Promise<FormState> {
  return runAction(async () => {
    await revokeApiToken({ actor: await requireUser(), id });
    revalidatePath('/settings/api-tokens');
    return { status: 'ok', message: 'Token revoked.' };
  });
}
