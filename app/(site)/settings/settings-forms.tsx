'use client';

import { useActionState } from 'react';
import { Alert } from '@/app/_components/ui/card';
import { Field } from '@/app/_components/ui/field';
import { SubmitButton } from '@/app/_components/ui/submit-button';
import { ConfirmSubmit } from '@/app/_components/ui/confirm-submit';
import { idle } from '@/app/_lib/form-state';
import { useKeptForm } from '@/app/_lib/use-kept-form';
import { changePasswordAction, endSessionsAction, resetPasskeyAction } from './actions';

export function ResetPasskeyForm() {
  const [state, action, pending] = useActionState(resetPasskeyAction, idle);
  return (
    <form action={action} className="space-y-3">
      <ConfirmSubmit label="Reset passkey" title="Reset your passkey?" confirmLabel="Reset my passkey" pending={pending}>
        <p>Your current passkey stops working at once: every .torrent you downloaded before announces with it and the tracker will refuse it.</p>
        <p>Afterwards, download each torrent you seed again (or replace the tracker URL in your client) so that it announces with the new passkey.</p>
      </ConfirmSubmit>
      {state.message ? <Alert kind={state.status === 'ok' ? 'success' : 'error'}>{state.message}</Alert> : null}
    </form>
  );
}

export function ChangePasswordForm() {
  const [state, action, pending] = useActionState(changePasswordAction, idle);
  const submit = useKeptForm(action);
  const errors = state.fieldErrors ?? {};
  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      {state.message ? <Alert kind={state.status === 'ok' ? 'success' : 'error'}>{state.message}</Alert> : null}
      <Field label="Current password" name="currentPassword" type="password" autoComplete="current-password" error={errors.currentPassword} />
      <Field label="New password" name="newPassword" type="password" autoComplete="new-password" hint="At least 8 characters" error={errors.newPassword} />
      <Field label="Confirm new password" name="confirmPassword" type="password" autoComplete="new-password" error={errors.confirmPassword} />
      <SubmitButton pending={pending} pendingText="Saving…">Change password</SubmitButton>
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
