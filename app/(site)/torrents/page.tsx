import type { Metadata } from 'next';
import Link from 'next/link';
import { Card, PageTitle } from '@/app/_components/ui/card';
import { buttonClass } from '@/app/_components/ui/button-class';
import { pageUser } from '@/app/_lib/page-auth';
import { isAppError } from '@/lib/errors';
import { formatAge, formatBytes, formatDateTime, pageNumbers } from '@/lib/format';
import { listCategories } from '@/lib/services/categories';
import { getSitePromotions } from '@/lib/services/get-site-promotions';
import type { SessionUser } from '@/lib/auth/session';
import { type SearchResult, searchTorrents } from '@/lib/services/search-torrents';
import { type BrowseQuery, browseHref, browseQuerySchema, MAX_QUERY_LENGTH } from '@/lib/validation/browse';

type SearchParams = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ searchParams }: SearchParams): Promise<Metadata> {
  const query = browseQuerySchema.parse(await searchParams);
  return { title: query.q ? `Torrents matching “${query.q}”` : 'Torrents' };
}

/** `phone`: the column stays on a phone's screen (the others move into the name cell); `short`: its header there. */
const COLUMNS: { sort: BrowseQuery['sort']; label: string; numeric?: boolean; phone?: boolean; short?: string }[] = [
  { sort: 'name', label: 'Name', phone: true },
  { sort: 'size', label: 'Size', numeric: true },
  { sort: 'added', label: 'Added', numeric: true },
  { sort: 'seeders', label: 'Seeders', numeric: true, phone: true, short: 'S' },
  { sort: 'leechers', label: 'Leechers', numeric: true, phone: true, short: 'L' },
  { sort: 'snatches', label: 'Snatches', numeric: true, phone: true, short: 'C' },
];

const inputClass = 'rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900';

export default async function BrowsePage({ searchParams }: SearchParams) {
  const viewer = await pageUser();
  const query = browseQuerySchema.parse(await searchParams);
  const now = new Date();
  const [searched, categories, promotions] = await Promise.all([search(query, viewer), listCategories(), getSitePromotions()]);
  const { result, searchError } = searched;
  const site = { freeleech: promotions.freeleechUntil !== null, doubleUpload: promotions.doubleUploadUntil !== null };
  const sortLink = (sort: BrowseQuery['sort']) =>
    browseHref(query, { sort, order: query.sort === sort && query.order === 'desc' ? 'asc' : 'desc', page: 1 });

  return (
    <div className="space-y-4">
      <PageTitle>Torrents</PageTitle>
      <Card>
        <form method="get" action="/torrents" role="search" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-6">
          <div className="flex flex-col gap-1 text-sm lg:col-span-2">
            <label htmlFor="field-q" className="font-medium">Search</label>
            <input id="field-q" name="q" type="search" defaultValue={query.q} placeholder="Title, file name or tag" maxLength={MAX_QUERY_LENGTH}
              aria-invalid={searchError ? true : undefined} aria-describedby={searchError ? 'field-q-error' : undefined}
              className={searchError ? inputClass.replace('border-zinc-300', 'border-red-500').replace('dark:border-zinc-700', 'dark:border-red-500') : inputClass} />
            {searchError ? <p id="field-q-error" role="alert" className="text-sm break-words text-red-600 dark:text-red-400">{searchError}</p> : null}
          </div>
          <label className="flex flex-col gap-1 text-sm">
            <span className="font-medium">Tags</span>
            <input name="tags" defaultValue={query.tags.join(', ')} placeholder="comma separated" className={inputClass} maxLength={200} />
          </label>
          <label className="flex flex-col gap-1 text-sm">
            <span className="font-medium">Status</span>
            <select name="status" defaultValue={query.status ?? ''} className={inputClass}>
              <option value="">Any</option>
              <option value="alive">Alive (seeded)</option>
              <option value="dead">Dead (no seeders)</option>
            </select>
          </label>
          <label className="flex flex-col gap-1 text-sm">
            <span className="font-medium">Uploader</span>
            <input name="uploader" defaultValue={query.uploader} className={inputClass} maxLength={32} />
          </label>
          <fieldset className="flex flex-col gap-1 text-sm sm:col-span-2 lg:col-span-6">
            <legend className="mb-1 font-medium">Categories <span className="font-normal text-zinc-500">(none ticked: all)</span></legend>
            <div className="flex flex-wrap gap-x-4 gap-y-1">
              {categories.map((c) => (
                <label key={c.slug} className="flex items-center gap-1.5">
                  <input type="checkbox" name="category" value={c.slug} defaultChecked={query.category.includes(c.slug)} /> {c.name}
                </label>
              ))}
            </div>
          </fieldset>
          <div className="flex flex-col gap-1 text-sm">
            <label className="flex items-center gap-2">
              <input type="checkbox" name="freeleech" value="1" defaultChecked={query.freeleech} /> Freeleech only
            </label>
            <label className="flex items-center gap-2">
              <input type="checkbox" name="unsnatched" value="1" defaultChecked={query.unsnatched} /> Not yet snatched by me
            </label>
          </div>
          <input type="hidden" name="sort" value={query.sort} />
          <input type="hidden" name="order" value={query.order} />
          <div className="flex gap-2 lg:col-span-5 lg:justify-end">
            <button type="submit" className={buttonClass('primary')}>Search</button>
            <Link href="/torrents" className={buttonClass('secondary')}>Reset</Link>
          </div>
        </form>
      </Card>

      <p className="text-sm text-zinc-600 dark:text-zinc-400" role="status">
        {result.totalIsCapped ? `More than ${result.total.toLocaleString('en')}` : result.total.toLocaleString('en')} torrent{result.total === 1 ? '' : 's'}
      </p>

      <div className="rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
        <table className="w-full table-fixed text-left text-sm sm:table-auto" aria-label="Torrents">
          <thead className="bg-zinc-100 text-xs uppercase tracking-wide dark:bg-zinc-800">
            <tr>
              <th className="hidden px-3 py-2 sm:table-cell">Category</th>
              {COLUMNS.map((c) => (
                <th key={c.sort} className={`px-2 py-2 sm:px-3 ${c.numeric ? 'text-right' : ''} ${c.phone ? (c.sort === 'name' ? '' : 'w-9 sm:w-auto') : 'hidden sm:table-cell'}`} aria-sort={query.sort === c.sort ? (query.order === 'asc' ? 'ascending' : 'descending') : undefined}>
                  <Link href={sortLink(c.sort)} className="text-inherit">
                    {c.short ? <><abbr title={c.label} className="no-underline sm:hidden">{c.short}</abbr><span className="hidden sm:inline">{c.label}</span></> : c.label}
                    {query.sort === c.sort ? (query.order === 'asc' ? ' ▲' : ' ▼') : ''}
                  </Link>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {result.rows.map((t) => (
              <tr key={t.id} className="border-t border-zinc-100 align-top dark:border-zinc-800">
                <td className="hidden px-3 py-2 whitespace-nowrap sm:table-cell"><Link href={browseHref(query, { category: [t.categorySlug], page: 1 })}>{t.category}</Link></td>
                <td className="px-2 py-2 [overflow-wrap:anywhere] sm:px-3">
                  <a href={`/torrents/${t.id}/download`} className="float-right ml-2 rounded border border-zinc-300 px-1.5 text-xs hover:no-underline dark:border-zinc-700" aria-label="Download .torrent" aria-describedby={`torrent-${t.id}-title`} title="Download .torrent">⤓</a>
                  <Link id={`torrent-${t.id}-title`} href={`/torrents/${t.id}`} className="font-medium">{t.title}</Link>
                  {t.freeleech || site.freeleech ? <span className="ml-2 rounded bg-emerald-100 px-1 text-xs whitespace-nowrap text-emerald-800 dark:bg-emerald-900 dark:text-emerald-200" title={t.freeleech ? 'Freeleech torrent' : 'Site-wide freeleech'}>Freeleech</span> : null}
                  {t.doubleUpload || site.doubleUpload ? <span className="ml-2 rounded bg-sky-100 px-1 text-xs whitespace-nowrap text-sky-800 dark:bg-sky-900 dark:text-sky-200" title={t.doubleUpload ? 'Double upload torrent' : 'Site-wide double upload'}>2× upload</span> : null}
                  <div className="text-xs text-zinc-500">
                    <span className="sm:hidden">{t.category} · {formatBytes(t.size)} · </span>
                    <span className="sm:hidden"><time dateTime={t.createdAt.toISOString()} title={formatDateTime(t.createdAt)}>{formatAge(t.createdAt, now)}</time> · </span>
                    {t.fileCount} file{t.fileCount === 1 ? '' : 's'} · by {t.uploader}
                    {t.tags.length ? ' · ' : ''}
                    {t.tags.map((tag) => <Link key={tag} href={browseHref(query, { tags: [tag], page: 1 })} className="mr-1">{tag}</Link>)}
                  </div>
                </td>
                <td className="hidden px-3 py-2 text-right whitespace-nowrap sm:table-cell">{formatBytes(t.size)}</td>
                <td className="hidden px-3 py-2 text-right whitespace-nowrap sm:table-cell"><time dateTime={t.createdAt.toISOString()} title={formatDateTime(t.createdAt)}>{formatAge(t.createdAt, now)}</time></td>
                <td className="px-2 py-2 text-right text-emerald-700 sm:px-3 dark:text-emerald-400">{t.seeders}</td>
                <td className="px-2 py-2 text-right text-red-700 sm:px-3 dark:text-red-400">{t.leechers}</td>
                <td className="px-2 py-2 text-right sm:px-3">{t.snatches}</td>
              </tr>
            ))}
            {result.rows.length === 0 ? (
              <tr><td colSpan={7} className="px-3 py-6 text-center text-zinc-500">{searchError ? 'Shorten the search to see results.' : 'No torrents match.'}</td></tr>
            ) : null}
          </tbody>
        </table>
      </div>

      {result.pages > 1 ? (
        <nav aria-label="Pages" className="flex flex-wrap items-center justify-center gap-1 text-sm">
          {query.page > 1 ? <Link href={browseHref(query, { page: query.page - 1 })} className="rounded px-2 py-1">← Previous</Link> : null}
          {pageNumbers(query.page, result.pages).map((p, i) =>
            p === null ? <span key={`gap-${i}`} className="px-1 text-zinc-500">…</span>
            : p === query.page ? <span key={p} aria-current="page" className="rounded bg-brand-600 px-2 py-1 font-semibold text-white">{p}</span>
            : <Link key={p} href={browseHref(query, { page: p })} className="rounded px-2 py-1" aria-label={`Page ${p}`}>{p}</Link>,
          )}
          {query.page < result.pages ? <Link href={browseHref(query, { page: query.page + 1 })} className="rounded px-2 py-1">Next →</Link> : null}
        </nav>
      ) : null}
    </div>
  );
}

const NO_RESULTS: SearchResult = { rows: [], total: 0, totalIsCapped: false, page: 1, pages: 1 };

/** The search, or its refusal (a search too long to run) shown next to the field instead of any list. */
async function search(query: BrowseQuery, viewer: SessionUser): Promise<{ result: SearchResult; searchError: string | null }> {
  try {
    return { result: await searchTorrents({ query, viewerId: viewer.id, viewer }), searchError: null };
  } catch (error) {
    if (isAppError(error) && error.field === 'q') return { result: NO_RESULTS, searchError: error.userMessage };
    throw error;
  }
}
