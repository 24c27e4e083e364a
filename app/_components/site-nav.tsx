import Link from 'next/link';
import { isStaff } from '@/lib/auth/roles';
import type { SessionUser } from '@/lib/auth/session';
import { formatBytes } from '@/lib/format';
import { InboxLink } from './inbox-link';
import { LogoutButton } from './logout-button';
import { NavMenu } from './nav-menu';
import { Ratio } from './ratio';

const linkClass = 'rounded-md px-2 py-1 text-sm text-zinc-700 hover:bg-zinc-200 hover:no-underline dark:text-zinc-300 dark:hover:bg-zinc-800';

export interface NavStats {
  uploaded: bigint;
  downloaded: bigint;
  required: number;
}

/**
 * The site's header. From the md breakpoint up every link is in one row; below it the links sit in a disclosure
 * menu (a <details>, so it opens without JavaScript) and the member's ratio stays in view beside it.
 */
export function SiteNav({ user, siteName, canUpload, stats }: { user: SessionUser | null; siteName: string; canUpload: boolean; stats: NavStats | null }) {
  const brand = (
    <Link href="/" className="mr-2 text-lg font-bold text-zinc-900 hover:no-underline dark:text-zinc-100">
      {siteName}
    </Link>
  );
  if (!user) {
    return (
      <header className="relative border-b border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
        <nav aria-label="Main" className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-2 gap-y-1 px-4 py-3">
          {brand}
          <span className="ml-auto flex items-center gap-1">
            <Link href="/login" className={linkClass}>Log in</Link>
            <Link href="/register" className={linkClass}>Register</Link>
          </span>
        </nav>
      </header>
    );
  }
  const sections = [
    <Link key="torrents" href="/torrents" className={linkClass}>Torrents</Link>,
    canUpload ? <Link key="upload" href="/upload" className={linkClass}>Upload</Link> : null,
    <Link key="invites" href="/invites" className={linkClass}>Invites</Link>,
    isStaff(user.role) ? <Link key="staff" href="/admin" className={linkClass}>Staff</Link> : null,
  ];
  // Drawn twice (the row and the phone menu): `menu` keeps the badge's test id apart in the second.
  const account = (menu: boolean) => [
    <InboxLink key="inbox" user={user} className={linkClass} badgeTestId={menu ? 'inbox-badge-menu' : 'inbox-badge'} />,
    <Link key="profile" href={`/users/${encodeURIComponent(user.username)}`} className={`${linkClass} break-all`}>{user.username}</Link>,
    <Link key="settings" href="/settings" className={linkClass}>Settings</Link>,
    <Link key="automation" href="/settings/api-tokens" className={linkClass}>Automation</Link>,
    <LogoutButton key="logout" />,
  ];
  const ratio = (testId: string) => stats ? (
    <span className="text-xs text-zinc-600 dark:text-zinc-400" data-testid={testId}>
      ↑ {formatBytes(stats.uploaded)} · ↓ {formatBytes(stats.downloaded)} · ratio <Ratio uploaded={stats.uploaded} downloaded={stats.downloaded} required={stats.required} />
    </span>
  ) : null;
  return (
    <header className="relative border-b border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <nav aria-label="Main" className="mx-auto hidden max-w-6xl flex-wrap items-center gap-x-2 gap-y-1 px-4 py-3 md:flex">
        {brand}
        {sections}
        <span className="ml-auto flex flex-wrap items-center gap-1">
          {stats ? <span className="mr-2">{ratio('nav-stats')}</span> : null}
          {account(false)}
        </span>
      </nav>
      <nav aria-label="Main" className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-2 px-4 py-2 md:hidden">
        {brand}
        {stats ? <span className="text-xs text-zinc-600 dark:text-zinc-400">ratio <Ratio uploaded={stats.uploaded} downloaded={stats.downloaded} required={stats.required} /></span> : null}
        <NavMenu>
          {stats ? <div className="border-b border-zinc-200 px-2 pb-2 dark:border-zinc-800">{ratio('nav-stats-menu')}</div> : null}
          <div className="flex flex-col py-1">{sections}</div>
          <div className="flex flex-col border-t border-zinc-200 pt-1 dark:border-zinc-800">{account(true)}</div>
        </NavMenu>
      </nav>
    </header>
  );
}
