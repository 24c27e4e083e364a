'use client';

import { useActionState } from 'react';
import { Alert } from '@/app/_components/ui/card';
import { CopyButton } from '@/app/_components/ui/copy-button';
import { SubmitButton } from '@/app/_components/ui/submit-button';
import { idle } from '@/app/_lib/form-state';
import { createInviteAction } from './actions';

export function CreateInviteForm() {
  const [state, action] = useActionState(createInviteAction, idle);
  return (
    <form action={action} className="space-y-3">
      {state.message ? <Alert kind={state.status === 'ok' ? 'success' : 'error'}>{state.message}</Alert> : null}
      {state.data?.link ? (
        <div className="space-y-1 text-sm">
          <p>Invite link: <code data-testid="invite-link">{state.data.link}</code></p>
          <CopyButton text={state.data.link} label="invite link" />
        </div>
      ) : null}
      <SubmitButton pendingText="Creating…">Create invite</SubmitButton>
    </form>
  );
}
