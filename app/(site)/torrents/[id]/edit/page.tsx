import type { Metadata } from 'next';
import { forbidden } from 'next/navigation';
import { Card, PageTitle } from '@/app/_components/ui/card';
import { pageUser } from '@/app/_lib/page-auth';
import { idOrNotFound, orNotFound } from '@/app/_lib/or-not-found';
import { listCategories } from '@/lib/services/categories';
import { getTorrent } from '@/lib/services/get-torrent';
import { EditTorrentForm } from './edit-form';

export const metadata: Metadata = { title: 'Edit torrent' };

export default async function EditTorrentPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await pageUser();
  const t = await orNotFound(getTorrent({ actor, id: idOrNotFound((await params).id) }));
  if (!t.canEdit) forbidden();
  const categories = await listCategories();
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <PageTitle>Edit {t.title}</PageTitle>
      <Card>
        <EditTorrentForm id={t.id} categories={categories} initial={{ title: t.title, categoryId: String(t.category.id), tags: t.tags.join(', '), description: t.description }} />
      </Card>
    </div>
  );
}
