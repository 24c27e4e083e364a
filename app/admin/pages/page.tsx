import type { Metadata } from 'next';
import Link from 'next/link';
import { ApiForm } from '@/app/_components/api-form';
import { Card, PageTitle } from '@/app/_components/ui/card';
import { pageRole } from '@/app/_lib/page-auth';
import { getSitePage } from '@/lib/services/site-pages/site-pages';
import { SITE_PAGES, type SitePageSlug } from '@/lib/validation/site-pages';

export const metadata: Metadata = { title: 'Pages (staff)' };

export default async function AdminPagesPage() {
  await pageRole('admin');
  const slugs = Object.keys(SITE_PAGES) as SitePageSlug[];
  const pages = await Promise.all(slugs.map((slug) => getSitePage({ slug })));
  return (
    <div className="space-y-6">
      <PageTitle>Pages</PageTitle>
      {slugs.map((slug, i) => (
        <Card key={slug} title={SITE_PAGES[slug].title}>
          <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">
            Markdown. Shown at <Link href={SITE_PAGES[slug].path}>{SITE_PAGES[slug].path}</Link>{slug === 'ratio' ? ', followed by the ratio table in effect' : ''}{slug === 'uploading' ? ', and on the upload page to members without the role to upload' : ''}.
          </p>
          <ApiForm id={`page-${slug}`} action={`/admin/pages/${slug}`} submitLabel={`Save ${SITE_PAGES[slug].title}`} fields={[
            { kind: 'textarea', name: 'body', label: 'Text', defaultValue: pages[i]!.body },
          ]} />
        </Card>
      ))}
    </div>
  );
}
