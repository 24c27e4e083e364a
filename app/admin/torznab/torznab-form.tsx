'use client';

import { useActionState } from 'react';
import { Alert } from '@/app/_components/ui/card';
import { SelectField } from '@/app/_components/ui/select-field';
import { SubmitButton } from '@/app/_components/ui/submit-button';
import { idle } from '@/app/_lib/form-state';
import { setTorznabCategoryAction } from './actions';

export function TorznabCategoryForm({ category, configured, options }: {
  category: { id: number; name: string; derived: number };
  configured: number | null;
  options: { value: string; label: string }[];
}) {
  const [state, action] = useActionState(setTorznabCategoryAction.bind(null, category.id), idle);
  return (
    <form action={action} className="flex flex-col gap-2 sm:flex-row sm:items-end">
      <div className="min-w-0 flex-1">
        <SelectField id={`torznab-${category.id}`} label={category.name} name="torznabId" defaultValue={configured === null ? '' : String(configured)} error={state.fieldErrors?.torznabId}
          options={[{ value: '', label: `From the slug (${category.derived})` }, ...options]} />
      </div>
      <SubmitButton variant="secondary" pendingText="Saving…">Save</SubmitButton>
      {state.message ? <Alert kind={state.status === 'ok' ? 'success' : 'error'}>{state.message}</Alert> : null}
    </form>
  );
}
