'use client';

import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useActionState, useEffect, useRef } from 'react';
import { Alert } from '@/app/_components/ui/card';
import { Field } from '@/app/_components/ui/field';
import { SubmitButton } from '@/app/_components/ui/submit-button';
import { idle } from '@/app/_lib/form-state';
import { useKeptForm } from '@/app/_lib/use-kept-form';
import { registerAction } from './actions';

export function RegisterForm({ inviteCode, inviteRequired }: { inviteCode: string; inviteRequired: boolean }) {
  const [state, action, pending] = useActionState(registerAction, idle);
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  const submit = useKeptForm(action);
  const errors = state.fieldErrors ?? {};

  // The account exists: log the new member in with what they just typed and take them to the home page.
  useEffect(() => {
    if (state.status !== 'ok' || !form.current) return;
    const data = new FormData(form.current);
    void signIn('credentials', { redirect: false, username: String(data.get('username') ?? ''), password: String(data.get('password') ?? '') }).then((result) => {
      if (result?.ok && !result.error) {
        router.push('/');
        router.refresh();
      } else {
        router.push('/login?registered=1');
      }
    });
  }, [state, router]);

  return (
    <form ref={form} onSubmit={submit} className="space-y-4" noValidate>
      {state.message ? <Alert>{state.message}</Alert> : null}
      {state.status === 'ok' ? <Alert kind="success">Your account is ready. Logging you in…</Alert> : null}
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
      <SubmitButton pending={pending || state.status === 'ok'} pendingText="Creating account…">Create account</SubmitButton>
    </form>
  );
}
