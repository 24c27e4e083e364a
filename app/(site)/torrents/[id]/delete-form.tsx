'use client';

import { useActionState } from 'react';
import { Alert } from '@/app/_components/ui/card';
import { Field } from '@/app/_components/ui/field';
import { ConfirmSubmit } from '@/app/_components/ui/confirm-submit';
import { idle } from '@/app/_lib/form-state';
import { deleteTorrentAction } from './actions';

export function DeleteTorrentForm({ id, title }: { id: number; title: string }) {
  const [state, action, pending] = useActionState(deleteTorrentAction.bind(null, id), idle);
  return (
    <form action={action} className="space-y-3">
      <Field label="Reason for deletion" name="reason" maxLength={200} hint="Members' clients show it as “Unregistered torrent: <reason>”." error={state.fieldErrors?.reason} />
      <ConfirmSubmit label="Delete torrent" title={`Delete “${title}”?`} confirmLabel="Delete it" pending={pending}>
        <p>The torrent leaves the list and its page, and nobody can download it any more.</p>
        <p>Members&apos; clients that announce it are told “Unregistered torrent” with the reason you gave. The deletion is recorded in the audit log.</p>
      </ConfirmSubmit>
      {state.message ? <Alert>{state.message}</Alert> : null}
    </form>
  );
}
