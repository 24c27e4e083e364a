import Link from 'next/link';
import { hasRole } from '@/lib/auth/roles';
import { currentUser } from '@/lib/auth/session';
import { staffNeedsTwoFactor } from '@/lib/services/two-factor/staff-requirement';

const linkClass = 'rounded-md px-2 py-1 hover:bg-zinc-200 hover:no-underline dark:hover:bg-zinc-800';

/** Staff sub-navigation; every page and route below still authorizes itself. */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const actor = await currentUser();
  const admin = actor !== null && hasRole(actor.role, 'admin');
  if (actor !== null && (await staffNeedsTwoFactor({ actor }))) {
    return (
      <div role="alert" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200">
        This site requires two-factor login for staff. <Link href="/two-factor">Turn it on</Link> to use the staff pages.
      </div>
    );
  }
  return (
    <div className="space-y-6">
      <nav aria-label="Staff" className="flex flex-wrap gap-1 border-b border-zinc-200 pb-2 text-sm dark:border-zinc-800">
        <Link href="/admin" className={linkClass}>Dashboard</Link>
        <Link href="/admin/members" className={linkClass}>Members</Link>
        <Link href="/admin/audit" className={linkClass}>Audit log</Link>
        <Link href="/admin/messages" className={linkClass}>Messages</Link>
        <Link href="/admin/news" className={linkClass}>News</Link>
        {admin ? <Link href="/admin/pages" className={linkClass}>Pages</Link> : null}
        <Link href="/admin/blacklist" className={linkClass}>Client blacklist</Link>
        <Link href="/admin/invites" className={linkClass}>Invite tree</Link>
        {admin ? <Link href="/admin/settings" className={linkClass}>Site settings</Link> : null}
        {admin ? <Link href="/admin/categories" className={linkClass}>Categories</Link> : null}
      </nav>
      {children}
    </div>
  );
}
