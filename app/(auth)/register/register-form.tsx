'use client';

import { useActionState } from 'react';
import { Alert } from '@/app/_components/ui/card';
import { Field } from '@/app/_components/ui/field';
import { SubmitButton } from '@/app/_components/ui/submit-button';
import { idle } from '@/app/_lib/form-state';
import { registerAction } from './actions';

export function RegisterForm({ inviteCode, inviteRequired }: { inviteCode: string; inviteRequired: boolean }) {
  const [state, action] = useActionState(registerAction, idle);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-4" noValidate>
      {state.message ? <Alert>{state.message}</Alert> : null}
      <Field
        label="Username"
        name="username"
        autoComplete="username"
        defaultValue={state.values?.username}
        hint="3-32 characters: letters, digits, _ - ."
        error={errors.username}
      />
      <Field label="Password" name="password" type="password" autoComplete="new-password" hint="At least 8 characters" error={errors.password} />
      <Field label="Confirm password" name="confirmPassword" type="password" autoComplete="new-password" error={errors.confirmPassword} />
      <Field
        label={inviteRequired ? 'Invite code' : 'Invite code (optional)'}
        name="inviteCode"
        autoComplete="off"
        defaultValue={state.values?.inviteCode ?? inviteCode}
        error={errors.inviteCode}
      />
      <SubmitButton pendingText="Creating account…">Create account</SubmitButton>
    </form>
  );
}
