import type { Metadata } from 'next';
import { Card, PageTitle } from '@/app/_components/ui/card';
import { pageUser } from '@/app/_lib/page-auth';
import { formatDateTime } from '@/lib/format';
import { getTwoFactorStatus } from '@/lib/services/two-factor/setup-two-factor';
import { ConfirmSetupForm, DisableForm, StartSetupForm } from './two-factor-forms';

export const metadata: Metadata = { title: 'Two-factor login' };

export default async function TwoFactorPage() {
  const actor = await pageUser();
  const status = await getTwoFactorStatus({ actor });
  return (
    <div className="space-y-6">
      <PageTitle>Two-factor login</PageTitle>
      {status.enabled ? (
        <Card>
          <p className="mb-2" data-testid="two-factor-status">On since {formatDateTime(status.enabledAt!)}. {status.recoveryCodesLeft} of 10 recovery codes left.</p>
          <p className="mb-4 text-sm text-zinc-600 dark:text-zinc-400">Each login asks for the code your authenticator app shows. Lost your phone and your recovery codes? Staff can remove two-factor login from your account; you are then told in your inbox, and by email if you confirmed an address. Turning it off yourself asks for your password and a code.</p>
          <DisableForm />
        </Card>
      ) : status.pending ? (
        <Card>
          <ol className="mb-4 list-decimal space-y-1 pl-5 text-sm">
            <li>Scan this QR code with an authenticator app (Aegis, Google Authenticator, 1Password…), or type the secret in.</li>
            <li>Enter the 6-digit code the app shows.</li>
          </ol>
          <img src={status.pending.qrDataUrl} alt="QR code for your authenticator app" width={200} height={200} className="mb-3 rounded bg-white p-1" />
          <p className="mb-4 text-sm">Secret: <code data-testid="totp-secret" className="break-all">{status.pending.secret}</code></p>
          <ConfirmSetupForm />
          <div className="mt-6"><StartSetupForm restart /></div>
        </Card>
      ) : (
        <Card>
          <p className="mb-4 text-sm text-zinc-600 dark:text-zinc-400">Protect your account with a code from an app on your phone, asked at every login besides your password.</p>
          <StartSetupForm restart={false} />
        </Card>
      )}
    </div>
  );
}
