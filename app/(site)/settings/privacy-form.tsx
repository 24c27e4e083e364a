'use client';

import { useActionState } from 'react';
import { Alert } from '@/app/_components/ui/card';
import { SubmitButton } from '@/app/_components/ui/submit-button';
import { idle } from '@/app/_lib/form-state';
import type { ProfilePrivacy } from '@/lib/services/privacy/profile-privacy';
import { updatePrivacyAction } from './actions';

const PARTS: { name: keyof ProfilePrivacy; label: string; hint: string }[] = [
  { name: 'uploads', label: 'My uploads list', hint: 'The torrents you uploaded (your name still shows on each torrent).' },
  { name: 'stats', label: 'My statistics', hint: 'Uploaded, downloaded and ratio.' },
  { name: 'activity', label: 'My activity', hint: 'What you seed, leech and snatched.' },
];

/** Which parts of the member's profile other members see; staff always see everything. */
export function PrivacyForm({ privacy }: { privacy: ProfilePrivacy }) {
  const [state, action, pending] = useActionState(updatePrivacyAction, idle);
  return (
    <form action={action} className="space-y-3">
      <fieldset className="space-y-2">
        <legend className="mb-1 text-sm font-medium">Other members may see on my profile:</legend>
        {PARTS.map((p) => (
          <div key={p.name} className="flex items-start gap-2 text-sm">
            <input type="checkbox" id={`privacy-${p.name}`} name={p.name} defaultChecked={privacy[p.name]} aria-describedby={`privacy-${p.name}-hint`} className="mt-1" />
            <div>
              <label htmlFor={`privacy-${p.name}`} className="font-medium">{p.label}</label>
              <p id={`privacy-${p.name}-hint`} className="text-xs text-zinc-500 dark:text-zinc-400">{p.hint}</p>
            </div>
          </div>
        ))}
      </fieldset>
      <SubmitButton pending={pending} pendingText="Saving…">Save privacy</SubmitButton>
      {state.message ? <Alert kind={state.status === 'ok' ? 'success' : 'error'}>{state.message}</Alert> : null}
    </form>
  );
}
