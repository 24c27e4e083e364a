'use client';

import { useActionState } from 'react';
import { Alert } from '@/app/_components/ui/card';
import { SelectField } from '@/app/_components/ui/select-field';
import { SubmitButton } from '@/app/_components/ui/submit-button';
import { idle } from '@/app/_lib/form-state';
import { ROLES, ROLE_LABELS } from '@/lib/auth/roles';
import { uploadRoleAction } from './actions';

export function UploadRoleForm({ current }: { current: string }) {
  const [state, action] = useActionState(uploadRoleAction, idle);
  return (
    <form action={action} className="space-y-4">
      {state.message ? <Alert kind={state.status === 'ok' ? 'success' : 'error'}>{state.message}</Alert> : null}
      <SelectField label="Lowest role that may upload" name="uploadMinRole" defaultValue={current} options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} error={state.fieldErrors?.uploadMinRole} />
      <SubmitButton pendingText="Saving…">Save upload permission</SubmitButton>
    </form>
  );
}
