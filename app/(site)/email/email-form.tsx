'use client';

import { useActionState } from 'react';
import { Alert } from '@/app/_components/ui/card';
import { Field } from '@/app/_components/ui/field';
import { SubmitButton } from '@/app/_components/ui/submit-button';
import { idle } from '@/app/_lib/form-state';
import { addEmailAction, emailPreferencesAction } from './actions';

export function AddEmailForm() {
  const [state, action] = useActionState(addEmailAction, idle);
  return (
    <form action={action} className="space-y-4" noValidate aria-label="Add email address">
      {state.status === 'ok' ? <Alert kind="success">{state.message}</Alert> : null}
      {state.status === 'error' && state.message ? <Alert>{state.message}</Alert> : null}
      <Field label="Email address" name="email" type="email" autoComplete="email" defaultValue={state.values?.email} error={state.fieldErrors?.email} />
      <SubmitButton pendingText="Sending…">Send a confirmation link</SubmitButton>
    </form>
  );
}

/** A labelled checkbox per notification kind the member may have also mailed. */
export function EmailPreferencesForm({ choices }: { choices: { kind: string; label: string; chosen: boolean }[] }) {
  const [state, action] = useActionState(emailPreferencesAction, idle);
  // A form action resets its inputs to their defaults: after a save, the defaults are what was saved, and the
  // form is drawn anew (its key) so no box shows a stale tick.
  const saved = state.status === 'ok' && state.data?.kinds !== undefined ? state.data.kinds : null;
  const chosen = new Set(saved === null ? choices.filter((c) => c.chosen).map((c) => c.kind) : saved.split(','));
  return (
    <form key={saved ?? 'loaded'} action={action} className="space-y-4" noValidate aria-label="Notifications by email">
      {state.status === 'ok' ? <Alert kind="success">{state.message}</Alert> : null}
      {state.status === 'error' && state.message ? <Alert>{state.message}</Alert> : null}
      <fieldset className="space-y-2">
        <legend className="mb-2 text-sm font-medium">Also send me an email when:</legend>
        {choices.map((c) => (
          <label key={c.kind} className="flex items-start gap-2 text-sm">
            <input type="checkbox" name="kinds" value={c.kind} defaultChecked={chosen.has(c.kind)} className="mt-1" />
            <span>{c.label}</span>
          </label>
        ))}
      </fieldset>
      <SubmitButton pendingText="Saving…">Save email choices</SubmitButton>
    </form>
  );
}
