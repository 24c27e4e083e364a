import type { Metadata } from 'next';
import { forbidden } from 'next/navigation';
import { Card, PageTitle } from '@/app/_components/ui/card';
import { torrentForPage } from '@/app/_lib/torrent-for-page';
import { listCategories } from '@/lib/services/categories';
import { EditTorrentForm } from './edit-form';

type Params = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  return { title: `Edit ${(await torrentForPage((await params).id)).title}` };
}

export default async function EditTorrentPage({ params }: Params) {
  const t = await torrentForPage((await params).id);
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
