'use client';

import { useActionState } from 'react';
import { Alert } from '@/app/_components/ui/card';
import { Field } from '@/app/_components/ui/field';
import { SubmitButton } from '@/app/_components/ui/submit-button';
import { idle } from '@/app/_lib/form-state';
import { createCategoryAction, deleteCategoryAction } from './actions';

export function CreateCategoryForm() {
  const [state, action] = useActionState(createCategoryAction, idle);
  return (
    <form action={action} className="flex flex-wrap items-end gap-3" noValidate>
      <Field label="New category" name="name" maxLength={40} error={state.fieldErrors?.name} />
      <SubmitButton pendingText="Adding…">Add category</SubmitButton>
      {state.message ? <div className="w-full"><Alert kind={state.status === 'ok' ? 'success' : 'error'}>{state.message}</Alert></div> : null}
    </form>
  );
}

export function DeleteCategoryButton({ id, name }: { id: number; name: string }) {
  const [state, action] = useActionState(deleteCategoryAction.bind(null, id), idle);
  return (
    <form action={action} className="inline">
      <button type="submit" aria-label={`Remove ${name}`} className="cursor-pointer text-sm text-red-700 hover:underline dark:text-red-400">Remove</button>
      {state.message ? <span role="alert" className="ml-2 text-sm">{state.message}</span> : null}
    </form>
  );
}
