import Link from 'next/link';
import { SITE_PAGES } from '@/lib/validation/site-pages';

/** Links to the admin-edited pages, on every page. */
export function SiteFooter() {
  return (
    <footer className="border-t border-zinc-200 dark:border-zinc-800">
      <nav aria-label="Site pages" className="mx-auto flex max-w-6xl flex-wrap gap-x-4 gap-y-1 px-4 py-4 text-sm">
        {Object.values(SITE_PAGES).map((p) => <Link key={p.path} href={p.path} className="text-zinc-600 dark:text-zinc-400">{p.title}</Link>)}
      </nav>
    </footer>
  );
}
