'use client';

import { useActionState } from 'react';
import { Alert } from '@/app/_components/ui/card';
import { SubmitButton } from '@/app/_components/ui/submit-button';
import { idle } from '@/app/_lib/form-state';
import { markAllReadAction, markReadAction } from './actions';

export function MarkReadForm({ id, title }: { id: number; title: string }) {
  const [state, action] = useActionState(markReadAction, idle);
  return (
    <form action={action} aria-label={`Mark “${title}” read`} className="flex items-center gap-2">
      <input type="hidden" name="id" value={id} />
      {state.status === 'error' ? <span role="alert" className="text-sm text-red-600 dark:text-red-400">{state.message}</span> : null}
      <SubmitButton variant="secondary" pendingText="Marking…">Mark read</SubmitButton>
    </form>
  );
}

export function MarkAllReadForm() {
  const [state, action] = useActionState(markAllReadAction, idle);
  return (
    <form action={action} className="space-y-2">
      {state.message ? <Alert kind={state.status === 'ok' ? 'success' : 'error'}>{state.message}</Alert> : null}
      <SubmitButton variant="secondary" pendingText="Marking…">Mark all read</SubmitButton>
    </form>
  );
}
