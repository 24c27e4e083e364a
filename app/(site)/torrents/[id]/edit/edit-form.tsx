'use client';

import { useActionState } from 'react';
import { TorrentMetaFields, type MetaValues } from '@/app/_components/torrent/meta-fields';
import { Alert } from '@/app/_components/ui/card';
import { SubmitButton } from '@/app/_components/ui/submit-button';
import { idle } from '@/app/_lib/form-state';
import { editTorrentAction } from '../actions';

export function EditTorrentForm({ id, categories, initial }: { id: number; categories: { id: number; name: string }[]; initial: MetaValues }) {
  const [state, action] = useActionState(editTorrentAction.bind(null, id), idle);
  return (
    <form action={action} className="space-y-4" noValidate>
      {state.message ? <Alert>{state.message}</Alert> : null}
      <TorrentMetaFields categories={categories} values={state.values ?? initial} errors={state.fieldErrors ?? {}} />
      <SubmitButton pendingText="Saving…">Save changes</SubmitButton>
    </form>
  );
}
