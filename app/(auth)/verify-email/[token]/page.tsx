import type { Metadata } from 'next';
import { Alert, Card, PageTitle } from '@/app/_components/ui/card';
import { isAppError } from '@/lib/errors';
import { verifyEmail } from '@/lib/services/email/add-email';

export const metadata: Metadata = { title: 'Confirm email address', referrer: 'no-referrer' };

export default async function VerifyEmailPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  let outcome: { ok: true; email: string } | { ok: false; message: string };
  try {
    outcome = { ok: true, ...(await verifyEmail({ token })) };
  } catch (error) {
    if (!isAppError(error)) throw error;
    outcome = { ok: false, message: error.userMessage };
  }
  return (
    <div className="mx-auto max-w-md">
      <PageTitle>Confirm email address</PageTitle>
      <Card>{outcome.ok ? <Alert kind="success">{outcome.email} is now the address of your account.</Alert> : <Alert>{outcome.message}</Alert>}</Card>
    </div>
  );
}
