import type { Metadata } from 'next';
import { Card, PageTitle } from '@/app/_components/ui/card';
import { pageUser } from '@/app/_lib/page-auth';
import { formatDateTime } from '@/lib/format';
import { listOwnInvites } from '@/lib/services/invites';
import { CreateInviteForm } from './create-invite-form';

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
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="border-b border-zinc-200 dark:border-zinc-800">
                <tr><th className="py-2 pr-4">Code</th><th className="py-2 pr-4">Expires</th><th className="py-2 pr-4">Status</th><th className="py-2">Used by</th></tr>
              </thead>
              <tbody>
                {invites.map((invite) => (
                  <tr key={invite.code} className="border-b border-zinc-100 dark:border-zinc-800">
                    <td className="py-2 pr-4"><code>{invite.code}</code></td>
                    <td className="py-2 pr-4 whitespace-nowrap">{formatDateTime(invite.expiresAt)}</td>
                    <td className="py-2 pr-4">{invite.status}</td>
                    <td className="py-2">{invite.usedBy ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  );
}
