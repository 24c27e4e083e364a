'use client';

import { useActionState } from 'react';
import { Alert } from '@/app/_components/ui/card';
import { Field } from '@/app/_components/ui/field';
import { SubmitButton } from '@/app/_components/ui/submit-button';
import { idle } from '@/app/_lib/form-state';
import { forgotPasswordAction } from './actions';

export function ForgotForm() {
  const [state, action] = useActionState(forgotPasswordAction, idle);
  return (
    <form action={action} className="space-y-4" noValidate aria-label="Forgot password">
      {state.status === 'ok' ? <Alert kind="success">{state.message}</Alert> : null}
      {state.status === 'error' && state.message ? <Alert>{state.message}</Alert> : null}
      <Field label="Email address" name="email" type="email" autoComplete="email" defaultValue={state.values?.email} error={state.fieldErrors?.email} />
      <SubmitButton pendingText="Sending…">Send a reset link</SubmitButton>
    </form>
  );
}
