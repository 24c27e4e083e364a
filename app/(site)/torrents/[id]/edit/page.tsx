import type { Metadata } from 'next';
import { forbidden } from 'next/navigation';
import { Card, PageTitle } from '@/app/_components/ui/card';
import { pageUser } from '@/app/_lib/page-auth';
import { torrentForPage } from '@/app/_lib/torrent-for-page';
import { listCategories } from '@/lib/services/categories';
import { getTorrentMedia } from '@/lib/services/torrent-media/get-media';
import { EditTorrentForm } from './edit-form';
import { EditMediaForm } from './media-form';

type Params = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  return { title: `Edit ${(await torrentForPage((await params).id)).title}` };
}

export default async function EditTorrentPage({ params }: Params) {
  const t = await torrentForPage((await params).id);
  if (!t.canEdit) forbidden();
  const [categories, media] = await Promise.all([listCategories(), getTorrentMedia({ actor: await pageUser(), torrentId: t.id })]);
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <PageTitle>Edit {t.title}</PageTitle>
      <Card>
        <EditTorrentForm id={t.id} categories={categories} initial={{ title: t.title, categoryId: String(t.category.id), tags: t.tags.join(', '), description: t.description }} />
      </Card>
      <Card title="Images and NFO">
        <EditMediaForm id={t.id} media={media} />
      </Card>
    </div>
  );
}
