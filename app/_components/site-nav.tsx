import Link from 'next/link';
import { isStaff } from '@/lib/auth/roles';
import type { SessionUser } from '@/lib/auth/session';
import { LogoutButton } from './logout-button';

const linkClass = 'rounded-md px-2 py-1 text-sm text-zinc-700 hover:bg-zinc-200 hover:no-underline dark:text-zinc-300 dark:hover:bg-zinc-800';

export function SiteNav({ user, siteName, canUpload }: { user: SessionUser | null; siteName: string; canUpload: boolean }) {
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
            <span className="ml-auto flex items-center gap-1">
              <Link href={`/users/${encodeURIComponent(user.username)}`} className={linkClass}>{user.username}</Link>
              <Link href="/settings" className={linkClass}>Settings</Link>
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
