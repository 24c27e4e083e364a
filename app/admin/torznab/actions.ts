'use server';

import { revalidatePath } from 'next/cache';
import type { FormState } from '@/app/_lib/form-state';
import { runAction } from '@/app/_lib/run-action';
import { requireUser } from '@/lib/auth/session';
import { setTorznabCategory } from '@/lib/services/set-torznab-category';

export async function setTorznabCategoryAction(categoryId: number, _prev: FormState, form: FormData): Promise<FormState> {
  const value = String(form.get('torznabId') ?? '');
  return runAction(async () => {
    const actor = await requireUser();
    if (value !== '' && !/^\d{4}$/.test(value)) return { status: 'error', fieldErrors: { torznabId: 'Choose one of the Torznab categories listed' } };
    await setTorznabCategory({ actor, categoryId, torznabId: value === '' ? null : Number(value) });
    revalidatePath('/admin/torznab');
    return { status: 'ok', message: 'Saved.' };
  });
}
