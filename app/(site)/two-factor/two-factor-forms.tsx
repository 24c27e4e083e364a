'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { Alert } from '@/app/_components/ui/card';
import { Field } from '@/app/_components/ui/field';
import { SubmitButton } from '@/app/_components/ui/submit-button';
import { idle } from '@/app/_lib/form-state';
import { confirmSetupAction, disableAction, startSetupAction } from './actions';

export function StartSetupForm({ restart }: { restart: boolean }) {
  const [state, action] = useActionState(startSetupAction, idle);
  return (
    <form action={action} className="space-y-3">
      {state.status === 'error' ? <Alert>{state.message}</Alert> : null}
      <SubmitButton variant={restart ? 'secondary' : 'primary'} pendingText="Starting…">{restart ? 'Start over with a new secret' : 'Set up two-factor login'}</SubmitButton>
    </form>
  );
}

export function ConfirmSetupForm() {
  const [state, action] = useActionState(confirmSetupAction, idle);
  const codes = state.data?.codes?.split(' ');
  if (state.status === 'ok' && codes) {
    return (
      <div className="space-y-3">
        <Alert kind="success">Two-factor login is on. Save these recovery codes now: each logs you in once if you lose your phone, and they are not shown again.</Alert>
        <ul aria-label="Recovery codes" className="grid grid-cols-2 gap-2 font-mono text-sm sm:grid-cols-5">
          {codes.map((c) => <li key={c} className="rounded border border-zinc-300 px-2 py-1 text-center dark:border-zinc-700">{c}</li>)}
        </ul>
        <Link href="/two-factor">I saved them</Link>
      </div>
    );
  }
  return (
    <form action={action} className="space-y-3" noValidate aria-label="Confirm two-factor setup">
      {state.status === 'error' && state.message ? <Alert>{state.message}</Alert> : null}
      <Field label="Code from the app" name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={6} hint="6 digits" error={state.fieldErrors?.code} />
      <SubmitButton pendingText="Checking…">Turn on two-factor login</SubmitButton>
    </form>
  );
}

export function DisableForm() {
  const [state, action] = useActionState(disableAction, idle);
  return (
    <form action={action} className="space-y-3" noValidate aria-label="Turn off two-factor login">
      {state.status === 'ok' ? <Alert kind="success">{state.message}</Alert> : null}
      {state.status === 'error' && state.message ? <Alert>{state.message}</Alert> : null}
      <Field label="Your password" name="password" type="password" autoComplete="current-password" error={state.fieldErrors?.password} />
      <Field label="Current code or a recovery code" name="code" autoComplete="one-time-code" maxLength={32} error={state.fieldErrors?.code} />
      <SubmitButton variant="danger" pendingText="Turning off…">Turn off two-factor login</SubmitButton>
    </form>
  );
}
