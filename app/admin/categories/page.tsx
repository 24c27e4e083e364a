import type { Metadata } from 'next';
import { Card, PageTitle } from '@/app/_components/ui/card';
import { pageRole } from '@/app/_lib/page-auth';
import { listCategoriesWithCounts } from '@/lib/services/manage-categories';
import { CreateCategoryForm, DeleteCategoryButton } from './category-forms';

export const metadata: Metadata = { title: 'Categories' };

export default async function CategoriesPage() {
  const actor = await pageRole('admin');
  const categories = await listCategoriesWithCounts();
  return (
    <div className="space-y-6">
      <PageTitle>Categories</PageTitle>
      <Card>
        <table className="mb-6 w-full text-left text-sm" aria-label="Categories">
          <thead><tr className="border-b border-zinc-200 dark:border-zinc-800"><th className="py-2">Name</th><th className="py-2">Slug</th><th className="py-2 text-right">Torrents</th><th className="py-2" /></tr></thead>
          <tbody>
            {categories.map((c) => (
              <tr key={c.id} className="border-b border-zinc-100 dark:border-zinc-800">
                <td className="py-2">{c.name}</td><td className="py-2"><code>{c.slug}</code></td><td className="py-2 text-right">{c.torrents}</td>
                <td className="py-2 text-right">{c.torrents === 0 ? <DeleteCategoryButton id={c.id} name={c.name} /> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <CreateCategoryForm />
      </Card>
    </div>
  );
}
