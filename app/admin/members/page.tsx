import type { Metadata } from 'next';
import Link from 'next/link';
import { Ratio } from '@/app/_components/ratio';
import { buttonClass } from '@/app/_components/ui/button-class';
import { Card, PageTitle } from '@/app/_components/ui/card';
import { pageRole } from '@/app/_lib/page-auth';
import { formatBytes, formatDate } from '@/lib/format';
import { MEMBERS_PER_PAGE, listMembers } from '@/lib/services/moderation/list-members';
import { type MemberQuery, memberQuerySchema } from '@/lib/validation/moderation';

export const metadata: Metadata = { title: 'Members' };

function href(q: MemberQuery, change: Partial<MemberQuery>) {
  const next = { ...q, ...change };
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(next)) if (v !== undefined && v !== '' && !(k === 'page' && v === 1)) p.set(k, String(v));
  return `/admin/members?${p.toString()}`;
}

const COLUMNS: [MemberQuery['sort'], string][] = [['username', 'Member'], ['joined', 'Joined'], ['uploaded', 'Uploaded'], ['downloaded', 'Downloaded'], ['ratio', 'Ratio']];
const input = 'rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900';

export default async function MembersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await pageRole('moderator');
  const query = memberQuerySchema.parse(await searchParams);
  const { rows, total } = await listMembers({ actor, query });
  const pages = Math.max(1, Math.ceil(total / MEMBERS_PER_PAGE));
  return (
    <div className="space-y-4">
      <PageTitle>Members</PageTitle>
      <Card>
        <form method="get" className="flex flex-wrap items-end gap-3" role="search">
          <label className="flex flex-col gap-1 text-sm"><span className="font-medium">Username</span><input name="q" defaultValue={query.q} className={input} maxLength={32} /></label>
          <label className="flex flex-col gap-1 text-sm"><span className="font-medium">Status</span>
            <select name="status" defaultValue={query.status ?? ''} className={input}>
              <option value="">Any</option><option value="active">Active</option><option value="banned">Banned</option>
              <option value="watch">On ratio watch</option><option value="leech-disabled">Leeching disabled</option>
            </select>
          </label>
          <label className="flex flex-col gap-1 text-sm"><span className="font-medium">Downloaded at least (GiB)</span><input name="minDownloadedGiB" type="number" min={0} step="any" defaultValue={query.minDownloadedGiB} className={input} /></label>
          <input type="hidden" name="sort" value={query.sort} /><input type="hidden" name="order" value={query.order} />
          <button type="submit" className={buttonClass('primary')}>Filter</button>
        </form>
      </Card>
      <p className="text-sm" role="status">{total} member{total === 1 ? '' : 's'}</p>
      <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
        <table className="w-full min-w-[36rem] text-left text-sm" aria-label="Members">
          <thead className="bg-zinc-100 text-xs uppercase dark:bg-zinc-800">
            <tr>
              {COLUMNS.map(([sort, label]) => (
                <th key={sort} className="px-3 py-2" aria-sort={query.sort === sort ? (query.order === 'asc' ? 'ascending' : 'descending') : undefined}>
                  <Link className="text-inherit" href={href(query, { sort, order: query.sort === sort && query.order === 'asc' ? 'desc' : 'asc', page: 1 })}>
                    {label}{query.sort === sort ? (query.order === 'asc' ? ' ▲' : ' ▼') : ''}
                  </Link>
                </th>
              ))}
              <th className="px-3 py-2">Required</th>
              <th className="px-3 py-2">Status</th>
              <th className="px-3 py-2">Role</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((m) => (
              <tr key={m.id} className="border-t border-zinc-100 dark:border-zinc-800">
                <td className="px-3 py-2"><Link href={`/admin/members/${m.id}`}>{m.username}</Link>{m.banned ? <span className="ml-2 text-xs text-red-600">banned</span> : null}</td>
                <td className="px-3 py-2">{formatDate(m.createdAt)}</td>
                <td className="px-3 py-2">{formatBytes(m.uploaded)}</td>
                <td className="px-3 py-2">{formatBytes(m.downloaded)}</td>
                <td className="px-3 py-2"><Ratio uploaded={m.uploaded} downloaded={m.downloaded} required={m.requiredRatio} /></td>
                <td className="px-3 py-2">{m.requiredRatio.toFixed(2)}</td>
                <td className="px-3 py-2 text-xs">
                  {m.watchEndsAt ? <span className="text-amber-700 dark:text-amber-400">watch until {formatDate(m.watchEndsAt)}</span> : null}
                  {m.leechingDisabled ? <span className="ml-1 text-red-700 dark:text-red-400">leeching disabled</span> : null}
                </td>
                <td className="px-3 py-2">{m.role}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pages > 1 ? (
        <nav aria-label="Pages" className="flex justify-center gap-3 text-sm">
          {query.page > 1 ? <Link href={href(query, { page: query.page - 1 })}>← Previous</Link> : null}
          <span>Page {query.page} of {pages}</span>
          {query.page < pages ? <Link href={href(query, { page: query.page + 1 })}>Next →</Link> : null}
        </nav>
      ) : null}
    </div>
  );
}
