'use client';

import { useActionState } from 'react';
import { ConfirmSubmit } from '@/app/_components/ui/confirm-submit';
import { idle } from '@/app/_lib/form-state';
import { revokeInviteAction } from './actions';

export function RevokeInviteForm({ code, refund }: { code: string; refund: boolean }) {
  const [state, action, pending] = useActionState(revokeInviteAction.bind(null, code), idle);
  return (
    <form action={action} className="inline-flex flex-wrap items-center gap-2">
      <ConfirmSubmit label="Revoke" title="Revoke this invite?" confirmLabel="Revoke invite" variant="secondary" pending={pending}>
        <p>The link stops working at once: nobody can register with it.{refund ? ' The invite comes back to you, to give to someone else.' : ''}</p>
      </ConfirmSubmit>
      {state.status === 'error' && state.message ? <span role="alert" className="text-sm text-red-600 dark:text-red-400">{state.message}</span> : null}
    </form>
  );
}
