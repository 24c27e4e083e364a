import Link from 'next/link';
import { isStaff } from '@/lib/auth/roles';
import type { SessionUser } from '@/lib/auth/session';
import { formatBytes } from '@/lib/format';
import { InboxLink } from './inbox-link';
import { LogoutButton } from './logout-button';
import { Ratio } from './ratio';

const linkClass = 'rounded-md px-2 py-1 text-sm text-zinc-700 hover:bg-zinc-200 hover:no-underline dark:text-zinc-300 dark:hover:bg-zinc-800';

export interface NavStats {
  uploaded: bigint;
  downloaded: bigint;
  required: number;
}

export function SiteNav({ user, siteName, canUpload, stats }: { user: SessionUser | null; siteName: string; canUpload: boolean; stats: NavStats | null }) {
  return (
    <header className="border-b border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
      <nav aria-label="Main" className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-2 gap-y-1 px-4 py-3">
        <Link href="/" className="mr-4 text-lg font-bold text-zinc-900 hover:no-underline dark:text-zinc-100">
          {siteName}
        </Link>
        {user ? (
          <>
            <Link href="/torrents" className={linkClass}>Torrents</Link>
            {canUpload ? <Link href="/upload" className={linkClass}>Upload</Link> : null}
            <Link href="/invites" className={linkClass}>Invites</Link>
            {isStaff(user.role) ? <Link href="/admin" className={linkClass}>Staff</Link> : null}
            <span className="ml-auto flex flex-wrap items-center gap-1">
              {stats ? (
                <span className="mr-2 text-xs text-zinc-600 dark:text-zinc-400" data-testid="nav-stats">
                  ↑ {formatBytes(stats.uploaded)} · ↓ {formatBytes(stats.downloaded)} · ratio <Ratio uploaded={stats.uploaded} downloaded={stats.downloaded} required={stats.required} />
                </span>
              ) : null}
              <InboxLink user={user} className={linkClass} />
              <Link href={`/users/${encodeURIComponent(user.username)}`} className={linkClass}>{user.username}</Link>
              <Link href="/settings" className={linkClass}>Settings</Link>
              <Link href="/settings/api-tokens" className={linkClass}>Automation</Link>
              <LogoutButton />
            </span>
          </>
        ) : (
          <span className="ml-auto flex items-center gap-1">
            <Link href="/login" className={linkClass}>Log in</Link>
            <Link href="/register" className={linkClass}>Register</Link>
          </span>
        )}
      </nav>
    </header>
  );
}
