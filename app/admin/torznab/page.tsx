import type { Metadata } from 'next';
import { Card, PageTitle } from '@/app/_components/ui/card';
import { pageRole } from '@/app/_lib/page-auth';
import { listTorznabMapping } from '@/lib/services/set-torznab-category';
import { TORZNAB_CATEGORIES } from '@/lib/torznab/categories';
import { TorznabCategoryForm } from './torznab-form';

export const metadata: Metadata = { title: 'Torznab categories' };

export default async function TorznabCategoriesPage() {
  const actor = await pageRole('admin');
  const categories = await listTorznabMapping({ actor });
  const options = TORZNAB_CATEGORIES.map((c) => ({ value: String(c.id), label: `${c.id} ${c.name}` }));
  return (
    <div className="space-y-6">
      <PageTitle>Torznab categories</PageTitle>
      <Card>
        <p className="mb-4 text-sm text-zinc-600 dark:text-zinc-400">
          Prowlarr, Sonarr and Radarr filter Torznab results by standard category numbers. Choose the one each site
          category maps to; without a choice it is derived from the category&apos;s slug.
        </p>
        <div className="space-y-4">
          {categories.map((c) => (
            <TorznabCategoryForm key={c.id} category={c} configured={c.configured} options={options} />
          ))}
        </div>
      </Card>
    </div>
  );
}
