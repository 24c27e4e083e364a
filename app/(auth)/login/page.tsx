import type { Metadata } from 'next';
import Link from 'next/link';
import { Card, PageTitle } from '@/app/_components/ui/card';
import { env } from '@/lib/env';
import { safeReturnPath } from '@/lib/http/return-path';
import { emailEnabled } from '@/lib/services/email/mailer';
import { LoginForm } from './login-form';

export const metadata: Metadata = { title: 'Log in' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const notice = params.registered ? 'Your account is ready. Log in.' : params.reset ? 'Your password was changed. Log in with the new one.' : undefined;
  // The page that sent the member here (unauthorized.tsx links with it); anything not on this site is ignored.
  const returnTo = safeReturnPath(params.callbackUrl, env().publicUrl) ?? '/';
  return (
    <div className="mx-auto max-w-md">
      <PageTitle>Log in</PageTitle>
      <Card>
        <LoginForm notice={notice} returnTo={returnTo} />
        <p className="mt-4 text-sm">
          No account? <Link href="/register">Register</Link> with an invite.
        </p>
        <p className="mt-2 text-sm">
          Forgot your password? {emailEnabled() ? <Link href="/forgot-password">Get a reset link by email</Link> : 'Ask staff for a reset link.'}
        </p>
      </Card>
    </div>
  );
}
