import type { Metadata } from 'next';
import Link from 'next/link';
import { Card, PageTitle } from '@/app/_components/ui/card';
import { CopyButton } from '@/app/_components/ui/copy-button';
import { announceUrl } from '@/lib/auth/passkey';
import { pageUser } from '@/app/_lib/page-auth';
import { env } from '@/lib/env';
import { emailEnabled } from '@/lib/services/email/mailer';
import { getOwnPasskey } from '@/lib/services/reset-passkey';
import { getProfilePrivacy } from '@/lib/services/privacy/get-profile-privacy';
import { PrivacyForm } from './privacy-form';
import { ChangePasswordForm, EndSessionsForm, ResetPasskeyForm } from './settings-forms';

export const metadata: Metadata = { title: 'Settings' };

export default async function SettingsPage() {
  const actor = await pageUser();
  const [passkey, privacy] = await Promise.all([getOwnPasskey({ actor }), getProfilePrivacy({ actor })]);
  const announce = announceUrl(env().publicUrl, passkey);
  return (
    <div className="space-y-6">
      <PageTitle>Settings</PageTitle>
      <Card title="Passkey">
        <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">
          Your passkey identifies you to the tracker. Keep it secret: anyone who has it can report traffic as you.
        </p>
        <details className="mb-4 rounded-md border border-zinc-200 p-3 text-sm dark:border-zinc-800">
          <summary className="cursor-pointer font-medium">Show my passkey and announce URL</summary>
          <dl className="mt-3 grid gap-2 sm:grid-cols-[max-content_1fr] sm:gap-x-4">
            <dt className="font-medium">Passkey</dt>
            <dd><code data-testid="passkey">{passkey}</code></dd>
            <dt className="font-medium">Announce URL</dt>
            <dd className="space-y-1">
              <code data-testid="announce-url">{announce}</code>
              <div><CopyButton text={announce} label="announce URL" /></div>
            </dd>
          </dl>
        </details>
        <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">
          If it leaked, reset it: the old passkey stops working at once, and you download the torrents you seed again.
        </p>
        <ResetPasskeyForm />
      </Card>
      <Card title="Change password">
        <ChangePasswordForm />
      </Card>
      <div id="privacy" className="scroll-mt-4">
        <Card title="Profile privacy">
          <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">Staff always see your whole profile, and you always see your own.</p>
          <PrivacyForm privacy={privacy} />
        </Card>
      </div>
      <Card title="Security and automation">
        <ul className="list-disc space-y-1 pl-5 text-sm">
          <li><Link href="/two-factor">Two-factor login</Link>: a code from an authenticator app at every login.</li>
          {emailEnabled() ? <li><Link href="/email">Email address</Link>: for password resets.</li> : null}
          <li><Link href="/settings/api-tokens">API tokens</Link> and <Link href="/settings/rss">RSS feeds</Link> for your tools.</li>
        </ul>
      </Card>
      <Card title="Sessions">
        <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">End every session of your account, on every device, including this one.</p>
        <EndSessionsForm />
      </Card>
    </div>
  );
}
