import type { Metadata } from 'next';
import { forbidden, unauthorized } from 'next/navigation';
import { Card, PageTitle } from '@/app/_components/ui/card';
import { hasRole } from '@/lib/auth/roles';
import { currentUser } from '@/lib/auth/session';
import { getSetting } from '@/lib/services/settings';
import { RegistrationForm } from './registration-form';
import { UploadRoleForm } from './upload-role-form';

export const metadata: Metadata = { title: 'Site settings' };

export default async function SiteSettingsPage() {
  const actor = await currentUser();
  if (!actor) unauthorized();
  if (!hasRole(actor.role, 'admin')) forbidden();
  const [mode, uploadRole] = await Promise.all([getSetting('registrationMode'), getSetting('uploadMinRole')]);
  return (
    <div className="space-y-6">
      <PageTitle>Site settings</PageTitle>
      <Card title="Registration">
        <RegistrationForm current={mode} />
      </Card>
      <Card title="Uploads">
        <UploadRoleForm current={uploadRole} />
      </Card>
    </div>
  );
}
