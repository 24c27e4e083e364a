'use client';

import { useActionState } from 'react';
import { Alert } from '@/app/_components/ui/card';
import { SubmitButton } from '@/app/_components/ui/submit-button';
import { idle } from '@/app/_lib/form-state';
import { registrationModeAction } from './actions';

const MODES = [
  { value: 'invite', label: 'Invite only', hint: 'New members need an invite from a member.' },
  { value: 'open', label: 'Open', hint: 'Anyone can register.' },
  { value: 'closed', label: 'Closed', hint: 'Nobody can register.' },
] as const;

export function RegistrationForm({ current }: { current: string }) {
  const [state, action] = useActionState(registrationModeAction, idle);
  const error = state.fieldErrors?.registrationMode;
  return (
    <form action={action} className="space-y-4">
      {state.message ? <Alert kind={state.status === 'ok' ? 'success' : 'error'}>{state.message}</Alert> : null}
      <fieldset aria-describedby={error ? 'registration-mode-error' : undefined}>
        <legend className="mb-2 text-sm font-medium">Registration</legend>
        <div className="space-y-2">
          {MODES.map((mode) => (
            <label key={mode.value} className="flex items-start gap-2">
              <input type="radio" name="registrationMode" value={mode.value} defaultChecked={current === mode.value} className="mt-1" />
              <span>
                <span className="font-medium">{mode.label}</span>
                <span className="block text-xs text-zinc-500">{mode.hint}</span>
              </span>
            </label>
          ))}
        </div>
        {error ? <p id="registration-mode-error" role="alert" className="mt-1 text-sm text-red-600">{error}</p> : null}
      </fieldset>
      <SubmitButton pendingText="Saving…">Save</SubmitButton>
    </form>
  );
}
