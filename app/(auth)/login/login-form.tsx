'use client';

import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Field } from '@/app/_components/ui/field';
import { Alert } from '@/app/_components/ui/card';
import { buttonClass } from '@/app/_components/ui/button-class';

/** Must match CODE_NEEDED in lib/services/two-factor/second-factor.ts: the server asks for the second factor. */
const CODE_NEEDED = 'Enter the 6-digit code from your authenticator app, or a recovery code';

export function LoginForm({ notice, returnTo }: { notice?: string; returnTo: string }) {
  const router = useRouter();
  const [error, setError] = useState<{ field: 'password' | 'code'; text: string } | null>(null);
  const [pending, setPending] = useState(false);
  // Once the password was right for an account with two-factor login, the form asks for the code too.
  const [needCode, setNeedCode] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn('credentials', {
      redirect: false,
      callbackUrl: returnTo,
      username: String(form.get('username') ?? ''),
      password: String(form.get('password') ?? ''),
      code: String(form.get('code') ?? ''),
    });
    setPending(false);
    if (!result || result.error) {
      const text = result?.error && result.error !== 'CredentialsSignin' ? result.error : 'Wrong username or password';
      const codeStep = needCode || text === CODE_NEEDED;
      if (text === CODE_NEEDED) setNeedCode(true);
      setError({ field: codeStep && text !== 'Wrong username or password' && !text.startsWith('Too many') ? 'code' : 'password', text });
      return;
    }
    router.push(returnTo);
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {notice ? <Alert kind="success">{notice}</Alert> : null}
      <Field label="Username" name="username" autoComplete="username" required maxLength={64} />
      <Field label="Password" name="password" type="password" autoComplete="current-password" required maxLength={256} error={error?.field === 'password' ? error.text : undefined} />
      {needCode ? (
        <Field label="Two-factor code" name="code" autoComplete="one-time-code" autoFocus maxLength={32} hint="From your authenticator app, or one of your recovery codes"
          error={error?.field === 'code' ? error.text : undefined} />
      ) : null}
      <button type="submit" disabled={pending} aria-busy={pending} className={buttonClass('primary')}>
        {pending ? 'Logging in…' : 'Log in'}
      </button>
    </form>
  );
}
