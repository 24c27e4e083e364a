import type { Metadata } from 'next';
import { Card, PageTitle } from '@/app/_components/ui/card';
import { CopyButton } from '@/app/_components/ui/copy-button';
import { env } from '@/lib/env';
import { pageUser } from '@/app/_lib/page-auth';
import { formatDateTime } from '@/lib/format';
import { listOwnInvites } from '@/lib/services/invites';
import { CreateInviteForm } from './create-invite-form';
import { RevokeInviteForm } from './revoke-invite-form';

const STATUS_TEXT = { open: 'Open', used: 'Used', expired: 'Expired' } as const;
const STATUS_LOOK = {
  open: 'bg-emerald-100 text-emerald-800 dark:bg-emerald-900 dark:text-emerald-200',
  used: 'bg-zinc-200 text-zinc-800 dark:bg-zinc-700 dark:text-zinc-100',
  expired: 'bg-amber-100 text-amber-800 dark:bg-amber-900 dark:text-amber-200',
} as const;

export const metadata: Metadata = { title: 'Invites' };

export default async function InvitesPage() {
  const actor = await pageUser();
  const { invites, available } = await listOwnInvites({ actor });
  return (
    <div className="space-y-6">
      <PageTitle>Invites</PageTitle>
      <Card title="Invite someone">
        <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">
          Invites left: <strong>{available === 'unlimited' ? 'unlimited (staff)' : available}</strong>. You are responsible for the people you invite.
        </p>
        {available === 'unlimited' || available > 0 ? <CreateInviteForm /> : <p className="text-sm">Staff grant invites to members in good standing.</p>}
      </Card>
      <Card title="Your invites">
        {invites.length === 0 ? (
          <p className="text-sm">You have not created any invites.</p>
        ) : (
          <ul className="divide-y divide-zinc-100 text-sm dark:divide-zinc-800" data-testid="invite-list">
            {invites.map((invite) => {
              const link = `${env().publicUrl}/register?invite=${invite.code}`;
              return (
                <li key={invite.code} className="space-y-1 py-3">
                  <p className="flex flex-wrap items-center gap-x-3 gap-y-1">
                    <span className={`rounded px-1.5 text-xs font-medium ${STATUS_LOOK[invite.status]}`}>{STATUS_TEXT[invite.status]}</span>
                    <span className="text-zinc-600 dark:text-zinc-400">
                      {invite.status === 'used' ? <>used by {invite.usedBy ?? 'a member'}</> : <>{invite.status === 'open' ? 'expires' : 'expired'} {formatDateTime(invite.expiresAt)}</>}
                    </span>
                  </p>
                  {invite.status === 'open' ? (
                    <>
                      <p><code data-testid="invite-list-link">{link}</code></p>
                      <div className="flex flex-wrap items-center gap-2">
                        <CopyButton text={link} label="invite link" />
                        <RevokeInviteForm code={invite.code} refund={available !== 'unlimited'} />
                      </div>
                    </>
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
      </Card>
    </div>
  );
}
