'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { formValues, invalid, runAction } from '@/app/_lib/run-action';
import type { FormState } from '@/app/_lib/form-state';
import { requireUser } from '@/lib/auth/session';
import { createCategory, deleteCategory } from '@/lib/services/manage-categories';

const nameSchema = z.object({ name: z.string().trim().min(2, 'Name must be at least 2 characters').max(40, 'Name must be at most 40 characters') });

export async function createCategoryAction(_prev: FormState, form: FormData): Promise<FormState> {
  return runAction(async () => {
    const actor = await requireUser();
    const parsed = nameSchema.safeParse(formValues(form, ['name']));
    if (!parsed.success) return invalid(parsed.error);
    await createCategory({ actor, name: parsed.data.name });
    revalidatePath('/admin/categories');
    return { status: 'ok', message: `Category ${parsed.data.name} added.` };
  });
}

export async function deleteCategoryAction(id: number, _prev: FormState): Promise<FormState> {
  return runAction(async () => {
    await deleteCategory({ actor: await requireUser(), id });
    revalidatePath('/admin/categories');
    return { status: 'ok', message: 'Category removed.' };
  });
}
