'use client';

import { useActionState } from 'react';
import { Alert } from '@/app/_components/ui/card';
import { Field } from '@/app/_components/ui/field';
import { SubmitButton } from '@/app/_components/ui/submit-button';
import { idle } from '@/app/_lib/form-state';
import { deleteTorrentAction } from './actions';

export function DeleteTorrentForm({ id }: { id: number }) {
  const [state, action] = useActionState(deleteTorrentAction.bind(null, id), idle);
  return (
    <form action={action} className="space-y-3">
      {state.message ? <Alert>{state.message}</Alert> : null}
      <Field label="Reason for deletion" name="reason" maxLength={200} hint="Members' clients show it as “Unregistered torrent: <reason>”." error={state.fieldErrors?.reason} />
      <SubmitButton variant="danger" pendingText="Deleting…">Delete torrent</SubmitButton>
    </form>
  );
}
