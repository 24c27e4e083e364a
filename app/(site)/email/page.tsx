import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Card, PageTitle } from '@/app/_components/ui/card';
import { pageUser } from '@/app/_lib/page-auth';
import { getOwnEmail } from '@/lib/services/email/add-email';
import { getEmailPreferences } from '@/lib/services/email/email-preferences';
import { emailEnabled } from '@/lib/services/email/mailer';
import { EMAIL_CHOOSABLE_KINDS } from '@/lib/services/notifications/email-kinds';
import { AddEmailForm, EmailPreferencesForm } from './email-form';

export const metadata: Metadata = { title: 'Email address' };

export default async function EmailPage() {
  if (!emailEnabled()) notFound();
  const actor = await pageUser();
  const [email, chosen] = await Promise.all([getOwnEmail({ actor }), getEmailPreferences({ actor })]);
  return (
    <div className="space-y-6">
      <PageTitle>Email address</PageTitle>
      <Card>
        <p className="mb-4 text-sm" data-testid="current-email">{email ? `Your confirmed address: ${email}` : 'No address yet. With one, you can reset a forgotten password by email.'}</p>
        <AddEmailForm />
      </Card>
      {email ? (
        <Card title="Notifications by email">
          <p className="mb-4 text-sm text-zinc-600 dark:text-zinc-400">
            Every notification is in your inbox. Choose which ones also come to {email}. Security notices, such as staff
            removing your two-factor login, are always mailed to this address.
          </p>
          <EmailPreferencesForm choices={EMAIL_CHOOSABLE_KINDS.map((c) => ({ ...c, chosen: chosen.includes(c.kind) }))} />
        </Card>
      ) : null}
    </div>
  );
}
