import type { Metadata } from 'next';
import { forbidden } from 'next/navigation';
import { Card, PageTitle } from '@/app/_components/ui/card';
import { hasRole } from '@/lib/auth/roles';
import { pageUser } from '@/app/_lib/page-auth';
import { listCategories } from '@/lib/services/categories';
import { getSetting } from '@/lib/services/settings';
import { UploadForm } from './upload-form';

export const metadata: Metadata = { title: 'Upload' };

export default async function UploadPage() {
  const actor = await pageUser();
  if (!hasRole(actor.role, await getSetting('uploadMinRole'))) forbidden();
  const categories = await listCategories();
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <PageTitle>Upload a torrent</PageTitle>
      <Card>
        <UploadForm categories={categories.map((c) => ({ id: c.id, name: c.name }))} />
      </Card>
    </div>
  );
}
