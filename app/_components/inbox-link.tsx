import Link from 'next/link';
import type { SessionUser } from '@/lib/auth/session';
import { countUnread } from '@/lib/services/notifications/list-notifications';

/** The navigation's link to the inbox, with the number of unread notifications as a badge. */
export async function InboxLink({ user, className, badgeTestId = 'inbox-badge' }: { user: SessionUser; className: string; badgeTestId?: string }) {
  const unread = await countUnread({ actor: user });
  const label = unread === 0 ? 'Inbox' : `Inbox, ${unread} unread`;
  return (
    <Link href="/inbox" className={`${className} inline-flex items-center gap-1`} aria-label={label}>
      Inbox
      {unread > 0 ? (
        <span data-testid={badgeTestId} className="rounded-full bg-red-600 px-1.5 text-xs font-semibold leading-5 text-white">{unread > 99 ? '99+' : unread}</span>
      ) : null}
    </Link>
  );
}
