import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Card, PageTitle } from '@/app/_components/ui/card';
import { emailEnabled } from '@/lib/services/email/mailer';
import { ForgotForm } from './forgot-form';

export const metadata: Metadata = { title: 'Forgot password' };

export default function ForgotPasswordPage() {
  if (!emailEnabled()) notFound();
  return (
    <div className="mx-auto max-w-md">
      <PageTitle>Forgot password</PageTitle>
      <Card>
        <p className="mb-4 text-sm text-zinc-600 dark:text-zinc-400">Enter the address you confirmed on your account. No address? Ask staff for a reset link.</p>
        <ForgotForm />
      </Card>
    </div>
  );
}
