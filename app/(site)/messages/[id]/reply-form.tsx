'use client';

import { useActionState } from 'react';
import { Alert } from '@/app/_components/ui/card';
import { TextAreaField } from '@/app/_components/ui/select-field';
import { SubmitButton } from '@/app/_components/ui/submit-button';
import { idle } from '@/app/_lib/form-state';
import { replyAction } from './actions';

export function ReplyForm({ threadId }: { threadId: number }) {
  const [state, action] = useActionState(replyAction.bind(null, threadId), idle);
  return (
    <form action={action} className="space-y-3" noValidate aria-label="Answer staff">
      {state.status === 'ok' ? <Alert kind="success">{state.message}</Alert> : null}
      {state.status === 'error' && state.message ? <Alert>{state.message}</Alert> : null}
      <TextAreaField id="reply-body" name="body" label="Your answer" rows={4} defaultValue={state.status === 'error' ? state.values?.body : ''} error={state.fieldErrors?.body} />
      <SubmitButton pendingText="Sending…">Send</SubmitButton>
    </form>
  );
}
