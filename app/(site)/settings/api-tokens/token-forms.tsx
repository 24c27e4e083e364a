'use client';

import { useActionState, useState } from 'react';
import { Alert } from '@/app/_components/ui/card';
import { buttonClass } from '@/app/_components/ui/button-class';
import { Field } from '@/app/_components/ui/field';
import { SelectField } from '@/app/_components/ui/select-field';
import { SubmitButton } from '@/app/_components/ui/submit-button';
import { idle } from '@/app/_lib/form-state';
import { EXPIRY_DAYS } from '@/lib/validation/api-token';
import { createApiTokenAction, revokeApiTokenAction } from './actions';

const SCOPE_HELP: Record<string, string> = {
  read: 'search, browse, torrent details, Torznab',
  download: 'your personal .torrent files',
  upload: 'upload torrents',
  stats: 'your ratio and transfer figures',
  staff: 'staff tools',
};

export function CreateTokenForm({ scopes }: { scopes: readonly string[] }) {
  const [state, action] = useActionState(createApiTokenAction, idle);
  const errors = state.fieldErrors ?? {};
  const token = state.status === 'ok' ? state.data?.token : undefined;
  return (
    <form action={action} className="space-y-4" noValidate>
      {state.message ? <Alert kind={state.status === 'ok' ? 'success' : 'error'}>{state.message}</Alert> : null}
      {token ? (
        <div className="space-y-1">
          <label htmlFor="new-token" className="text-sm font-medium">Your new token</label>
          <input id="new-token" readOnly value={token} data-testid="new-token" onFocus={(e) => e.currentTarget.select()}
            className="w-full rounded-md border border-zinc-300 bg-zinc-50 px-3 py-2 font-mono text-sm dark:border-zinc-700 dark:bg-zinc-950" />
        </div>
      ) : null}
      <Field label="Name" name="name" maxLength={60} hint="What uses it, e.g. “Prowlarr” or “upload script”" defaultValue={state.values?.name ?? ''} error={errors.name} />
      <fieldset className="space-y-2" aria-describedby={errors.scopes ? 'scopes-error' : undefined}>
        <legend className="text-sm font-medium">Scopes</legend>
        {scopes.map((scope) => (
          <label key={scope} className="flex items-start gap-2 text-sm">
            <input type="checkbox" name="scopes" value={scope} defaultChecked={scope === 'read'} className="mt-1" />
            <span><span className="font-medium">{scope}</span>: {SCOPE_HELP[scope]}</span>
          </label>
        ))}
        {errors.scopes ? <p id="scopes-error" role="alert" className="text-sm text-red-600 dark:text-red-400">{errors.scopes}</p> : null}
      </fieldset>
      <SelectField label="Expires" name="expiresInDays" error={errors.expiresInDays}
        options={[{ value: '', label: 'Never' }, ...EXPIRY_DAYS.map((d) => ({ value: String(d), label: `In ${d} days` }))]} />
      <SubmitButton pendingText="Creating…">Create token</SubmitButton>
    </form>
  );
}

export function RevokeTokenForm({ id, name }: { id: number; name: string }) {
  const [state, action] = useActionState(revokeApiTokenAction.bind(null, id), idle);
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <button type="button" className={buttonClass('secondary')} onClick={() => setConfirming(true)}>Revoke…</button>
    );
  }
  return (
    <form action={action} className="space-y-2">
      {state.message ? <Alert kind={state.status === 'ok' ? 'success' : 'error'}>{state.message}</Alert> : null}
      <p className="text-sm">Revoke “{name}”? Tools using it stop working at once. This cannot be undone.</p>
      <div className="flex flex-wrap gap-2">
        <SubmitButton variant="danger" pendingText="Revoking…">Yes, revoke</SubmitButton>
        <button type="button" className={buttonClass('secondary')} onClick={() => setConfirming(false)}>Cancel</button>
      </div>
    </form>
  );
}
