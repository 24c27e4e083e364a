'use client';

import { useState } from 'react';
import { Alert } from '@/app/_components/ui/card';
import { buttonClass } from '@/app/_components/ui/button-class';

/**
 * Issues a password-reset link after a confirmation step, and shows the link this once (only its hash is kept).
 */
export function ResetLinkForm({ action, username }: { action: string; username: string }) {
  const [step, setStep] = useState<'idle' | 'confirm' | 'pending'>('idle');
  const [result, setResult] = useState<{ kind: 'success' | 'error'; text: string; url?: string } | null>(null);

  async function issue() {
    setStep('pending');
    const res = await fetch(action, { method: 'POST', body: new FormData() }).catch(() => null);
    const body = ((await res?.json().catch(() => ({}))) ?? {}) as { message?: string; error?: string; data?: { url?: string } };
    setStep('idle');
    setResult(res?.ok
      ? { kind: 'success', text: body.message ?? 'Reset link created.', url: body.data?.url }
      : { kind: 'error', text: body.error ?? `Failed (HTTP ${res?.status ?? 'network error'})` });
  }

  return (
    <div className="space-y-3" role="group" aria-label="Password reset link">
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        For a member locked out of their account: a link that lets them set a new password once, within 24 hours. Using it
        ends all of their sessions. Earlier unused links stop working.
      </p>
      {result ? <Alert kind={result.kind}>{result.text}</Alert> : null}
      {result?.url ? (
        <div className="flex flex-col gap-1">
          <label htmlFor="reset-link-url" className="text-sm font-medium">Reset link (give it to {username} privately)</label>
          <input id="reset-link-url" readOnly value={result.url} data-testid="reset-link" onFocus={(e) => e.currentTarget.select()}
            className="w-full min-w-0 rounded-md border border-zinc-300 bg-white px-3 py-2 font-mono text-sm dark:border-zinc-700 dark:bg-zinc-900" />
        </div>
      ) : null}
      {step === 'idle' ? (
        <button type="button" className={buttonClass('secondary')} onClick={() => { setResult(null); setStep('confirm'); }}>Create reset link</button>
      ) : (
        <div className="flex flex-wrap items-center gap-2">
          <span className="text-sm">Create a reset link for {username}?</span>
          <button type="button" className={buttonClass('danger')} disabled={step === 'pending'} aria-busy={step === 'pending'} onClick={issue}>
            {step === 'pending' ? 'Working…' : 'Yes, create the link'}
          </button>
          <button type="button" className={buttonClass('secondary')} disabled={step === 'pending'} onClick={() => setStep('idle')}>Cancel</button>
        </div>
      )}
    </div>
  );
}
