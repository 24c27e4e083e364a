import type { Metadata } from 'next';
import { Card, PageTitle } from '@/app/_components/ui/card';
import { announceUrl } from '@/lib/auth/passkey';
import { pageUser } from '@/app/_lib/page-auth';
import { env } from '@/lib/env';
import { getOwnPasskey } from '@/lib/services/reset-passkey';
import { ChangePasswordForm, EndSessionsForm, ResetPasskeyForm } from './settings-forms';

export const metadata: Metadata = { title: 'Settings' };

export default async function SettingsPage() {
  const actor = await pageUser();
  const passkey = await getOwnPasskey({ actor });
  return (
    <div className="space-y-6">
      <PageTitle>Settings</PageTitle>
      <Card title="Passkey">
        <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">
          Your passkey identifies you to the tracker. Keep it secret: anyone who has it can report traffic as you.
        </p>
        <dl className="mb-4 grid gap-2 text-sm sm:grid-cols-[max-content_1fr] sm:gap-x-4">
          <dt className="font-medium">Passkey</dt>
          <dd><code data-testid="passkey">{passkey}</code></dd>
          <dt className="font-medium">Announce URL</dt>
          <dd><code data-testid="announce-url">{announceUrl(env().publicUrl, passkey)}</code></dd>
        </dl>
        <ResetPasskeyForm />
      </Card>
      <Card title="Change password">
        <ChangePasswordForm />
      </Card>
      <Card title="Sessions">
        <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">End every session of your account, on every device, including this one.</p>
        <EndSessionsForm />
      </Card>
    </div>
  );
}
