'use client';

import { useActionState } from 'react';
import { Alert } from '@/app/_components/ui/card';
import { Field } from '@/app/_components/ui/field';
import { SubmitButton } from '@/app/_components/ui/submit-button';
import { idle } from '@/app/_lib/form-state';
import { resetPasswordAction } from './actions';

export function ResetForm({ token }: { token: string }) {
  const [state, action] = useActionState(resetPasswordAction.bind(null, token), idle);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-4" noValidate aria-label="Set a new password">
      {state.message ? <Alert>{state.message}</Alert> : null}
      <Field label="New password" name="newPassword" type="password" autoComplete="new-password" hint="At least 8 characters" error={errors.newPassword} />
      <Field label="Confirm new password" name="confirmPassword" type="password" autoComplete="new-password" error={errors.confirmPassword} />
      <SubmitButton pendingText="Saving…">Set new password</SubmitButton>
    </form>
  );
}
