'use client';

import { useActionState } from 'react';
import { Alert } from '@/app/_components/ui/card';
import { Field } from '@/app/_components/ui/field';
import { SubmitButton } from '@/app/_components/ui/submit-button';
import { idle } from '@/app/_lib/form-state';
import { changePasswordAction, endSessionsAction, resetPasskeyAction } from './actions';

export function ResetPasskeyForm() {
  const [state, action] = useActionState(resetPasskeyAction, idle);
  return (
    <form action={action} className="space-y-3">
      {state.message ? <Alert kind={state.status === 'ok' ? 'success' : 'error'}>{state.message}</Alert> : null}
      <SubmitButton variant="danger" pendingText="Resetting…">Reset passkey</SubmitButton>
    </form>
  );
}

export function ChangePasswordForm() {
  const [state, action] = useActionState(changePasswordAction, idle);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-4" noValidate>
      {state.message ? <Alert kind={state.status === 'ok' ? 'success' : 'error'}>{state.message}</Alert> : null}
      <Field label="Current password" name="currentPassword" type="password" autoComplete="current-password" error={errors.currentPassword} />
      <Field label="New password" name="newPassword" type="password" autoComplete="new-password" hint="At least 8 characters" error={errors.newPassword} />
      <Field label="Confirm new password" name="confirmPassword" type="password" autoComplete="new-password" error={errors.confirmPassword} />
      <SubmitButton pendingText="Saving…">Change password</SubmitButton>
    </form>
  );
}

export function EndSessionsForm() {
  const [state, action] = useActionState(endSessionsAction, idle);
  return (
    <form action={action} className="space-y-3">
      {state.message ? <Alert kind="success">{state.message}</Alert> : null}
      <SubmitButton variant="secondary" pendingText="Logging out…">Log out everywhere</SubmitButton>
    </form>
  );
}
