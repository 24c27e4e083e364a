'use client';

import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Field } from '@/app/_components/ui/field';
import { Alert } from '@/app/_components/ui/card';
import { buttonClass } from '@/app/_components/ui/button-class';

export function LoginForm({ notice, returnTo }: { notice?: string; returnTo: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

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
    });
    setPending(false);
    if (!result || result.error) {
      setError(result?.error && result.error !== 'CredentialsSignin' ? result.error : 'Wrong username or password');
      return;
    }
    router.push(returnTo);
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {notice ? <Alert kind="success">{notice}</Alert> : null}
      <Field label="Username" name="username" autoComplete="username" required maxLength={64} />
      <Field label="Password" name="password" type="password" autoComplete="current-password" required maxLength={256} error={error ?? undefined} />
      <button type="submit" disabled={pending} aria-busy={pending} className={buttonClass('primary')}>
        {pending ? 'Logging in…' : 'Log in'}
      </button>
    </form>
  );
}
