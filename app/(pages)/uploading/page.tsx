import type { Metadata } from 'next';
import { SitePage } from '@/app/_components/site-page';
import { getSitePage } from '@/lib/services/site-pages/site-pages';
import { SITE_PAGES } from '@/lib/validation/site-pages';

export const metadata: Metadata = { title: SITE_PAGES.uploading.title };

export default async function Page() {
  const page = await getSitePage({ slug: 'uploading' });
  return <SitePage title={SITE_PAGES.uploading.title} body={page.body} updatedAt={page.updatedAt} />;
}
