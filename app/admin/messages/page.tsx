import type { Metadata } from 'next';
import Link from 'next/link';
import { Card, PageTitle } from '@/app/_components/ui/card';
import { pageRole } from '@/app/_lib/page-auth';
import { formatDateTime } from '@/lib/format';
import { listAllThreads } from '@/lib/services/staff-messages/list-threads';

export const metadata: Metadata = { title: 'Messages (staff)' };

export default async function StaffMessagesPage() {
  const actor = await pageRole('moderator');
  const threads = await listAllThreads({ actor });
  return (
    <div className="space-y-6">
      <PageTitle>Messages</PageTitle>
      <Card>
        <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">Every conversation between staff and a member. Start one from the member&apos;s page.</p>
        {threads.length === 0 ? <p className="text-sm">None yet.</p> : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm" aria-label="Conversations">
              <thead><tr><th>Subject</th><th>Member</th><th>Latest</th><th>State</th></tr></thead>
              <tbody>{threads.map((t) => (
                <tr key={t.id}><td><Link href={`/admin/messages/${t.id}`}>{t.subject}</Link></td><td>{t.member}</td><td>{formatDateTime(t.lastMessageAt)}</td><td>{t.awaitingStaff ? 'awaiting staff' : 'answered'}</td></tr>
              ))}</tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  );
}
