import type { Metadata } from 'next';
import { Alert, Card, PageTitle } from '@/app/_components/ui/card';
import { checkResetLink } from '@/lib/services/password-reset/redeem-reset-link';
import { ResetForm } from './reset-form';

export const metadata: Metadata = { title: 'Set a new password', referrer: 'no-referrer' };

export default async function ResetPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const problem = await checkResetLink({ token });
  return (
    <div className="mx-auto max-w-md">
      <PageTitle>Set a new password</PageTitle>
      <Card>
        {problem ? <Alert>{problem}</Alert> : (
          <>
            <p className="mb-4 text-sm text-zinc-600 dark:text-zinc-400">Choose a new password. Every session of your account ends: log in again afterwards.</p>
            <ResetForm token={token} />
          </>
        )}
      </Card>
    </div>
  );
}
