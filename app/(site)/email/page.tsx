import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Card, PageTitle } from '@/app/_components/ui/card';
import { pageUser } from '@/app/_lib/page-auth';
import { getOwnEmail } from '@/lib/services/email/add-email';
import { emailEnabled } from '@/lib/services/email/mailer';
import { AddEmailForm } from './email-form';

export const metadata: Metadata = { title: 'Email address' };

export default async function EmailPage() {
  if (!emailEnabled()) notFound();
  const actor = await pageUser();
  const email = await getOwnEmail({ actor });
  return (
    <div className="space-y-6">
      <PageTitle>Email address</PageTitle>
      <Card>
        <p className="mb-4 text-sm" data-testid="current-email">{email ? `Your confirmed address: ${email}` : 'No address yet. With one, you can reset a forgotten password by email.'}</p>
        <AddEmailForm />
      </Card>
    </div>
  );
}
