import type { Metadata } from 'next';
import { SitePage } from '@/app/_components/site-page';
import { getRatioTables } from '@/lib/services/ratio/ratio-tables';
import { getSitePage } from '@/lib/services/site-pages/site-pages';
import { SITE_PAGES } from '@/lib/validation/site-pages';

export const metadata: Metadata = { title: SITE_PAGES.ratio.title };

/** The admin's text about ratio, with the table in effect now rendered below it (never a stale copy in the text). */
export default async function RatioPage() {
  const [page, tables] = await Promise.all([getSitePage({ slug: 'ratio' }), getRatioTables()]);
  return (
    <SitePage title={SITE_PAGES.ratio.title} body={page.body} updatedAt={page.updatedAt}>
      <h2 className="mb-2 mt-6 text-lg font-semibold">The required ratio now</h2>
      <p className="mb-2 text-sm text-zinc-600 dark:text-zinc-400">Required = the larger of the ratio at 100% seeding and the ratio at 0% × (1 − torrents you seed ÷ torrents you snatched), over the last week.</p>
      <div className="overflow-x-auto">
        <table className="w-full max-w-lg text-left text-sm" aria-label="Required ratio table">
          <thead><tr className="border-b border-zinc-200 dark:border-zinc-800"><th>Downloaded (GiB)</th><th>Seeding nothing</th><th>Seeding everything</th></tr></thead>
          <tbody>{tables.current.map((r) => <tr key={r.fromGiB}><td>{r.fromGiB}{r.toGiB === null ? '+' : `–${r.toGiB}`}</td><td>{r.maxRatio.toFixed(2)}</td><td>{r.minRatio.toFixed(2)}</td></tr>)}</tbody>
        </table>
      </div>
    </SitePage>
  );
}
