import type { Metadata } from 'next';
import Link from 'next/link';
import { Card, PageTitle } from '@/app/_components/ui/card';
import { pageUser } from '@/app/_lib/page-auth';
import { formatDateTime } from '@/lib/format';
import { listNotifications } from '@/lib/services/notifications/list-notifications';
import { MarkAllReadForm, MarkReadForm } from './inbox-forms';

export const metadata: Metadata = { title: 'Inbox' };

export default async function InboxPage() {
  const actor = await pageUser();
  const { rows, unread } = await listNotifications({ actor });
  return (
    <div className="space-y-6">
      <PageTitle>Inbox</PageTitle>
      <p className="text-sm">Conversations with staff are under <Link href="/messages">Messages</Link>.</p>
      <Card>
        <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
          <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="inbox-unread">{unread === 0 ? 'Nothing unread.' : unread === 1 ? '1 unread' : `${unread} unread`}</p>
          {unread > 0 ? <MarkAllReadForm /> : null}
        </div>
        {rows.length === 0 ? <p className="text-sm">No notifications yet. Changes to your account (ratio watch, role, statistics) show up here.</p> : (
          <ul className="divide-y divide-zinc-200 dark:divide-zinc-800" aria-label="Notifications">
            {rows.map((n) => (
              <li key={n.id} className="py-3" data-read={n.read ? 'true' : 'false'}>
                <article aria-label={n.title} className="flex flex-col gap-2 sm:flex-row sm:items-start sm:justify-between">
                  <div className="min-w-0">
                    <h2 className={`break-words ${n.read ? 'font-medium text-zinc-700 dark:text-zinc-300' : 'font-semibold'}`}>
                      {n.read ? null : <span className="mr-2 inline-block h-2 w-2 rounded-full bg-brand-600 align-middle" aria-label="unread" />}
                      {n.title}
                    </h2>
                    <p className="break-words text-sm text-zinc-700 dark:text-zinc-300">{n.body}</p>
                    <p className="text-xs text-zinc-500"><time dateTime={n.createdAt.toISOString()}>{formatDateTime(n.createdAt)}</time></p>
                  </div>
                  {n.read ? null : <MarkReadForm id={n.id} title={n.title} />}
                </article>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
