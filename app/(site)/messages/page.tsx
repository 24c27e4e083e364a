import type { Metadata } from 'next';
import Link from 'next/link';
import { Card, PageTitle } from '@/app/_components/ui/card';
import { pageUser } from '@/app/_lib/page-auth';
import { formatDateTime } from '@/lib/format';
import { listOwnThreads } from '@/lib/services/staff-messages/list-threads';

export const metadata: Metadata = { title: 'Messages' };

export default async function MessagesPage() {
  const actor = await pageUser();
  const threads = await listOwnThreads({ actor });
  return (
    <div className="space-y-6">
      <PageTitle>Messages from staff</PageTitle>
      <Card>
        {threads.length === 0 ? <p className="text-sm">Staff have not written to you.</p> : (
          <ul className="divide-y divide-zinc-200 dark:divide-zinc-800" aria-label="Conversations">
            {threads.map((t) => (
              <li key={t.id} className="py-2"><Link href={`/messages/${t.id}`} className="break-words">{t.subject}</Link> <span className="text-xs text-zinc-500">· {formatDateTime(t.lastMessageAt)}</span></li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
