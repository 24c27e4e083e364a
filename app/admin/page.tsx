import type { Metadata } from 'next';
import Link from 'next/link';
import { forbidden, unauthorized } from 'next/navigation';
import { Card, PageTitle } from '@/app/_components/ui/card';
import { hasRole, isStaff } from '@/lib/auth/roles';
import { currentUser } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Staff' };

export default async function StaffPage() {
  const actor = await currentUser();
  if (!actor) unauthorized();
  if (!isStaff(actor.role)) forbidden();
  return (
    <div className="space-y-6">
      <PageTitle>Staff</PageTitle>
      <Card>
        <ul className="list-inside list-disc space-y-1">
          <li><Link href="/admin/invites">Invite tree</Link></li>
          {hasRole(actor.role, 'admin') ? <li><Link href="/admin/settings">Site settings</Link></li> : null}
          {hasRole(actor.role, 'admin') ? <li><Link href="/admin/categories">Categories</Link></li> : null}
        </ul>
      </Card>
    </div>
  );
}
