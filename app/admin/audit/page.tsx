import type { Metadata } from 'next';
import Link from 'next/link';
import { buttonClass } from '@/app/_components/ui/button-class';
import { Card, PageTitle } from '@/app/_components/ui/card';
import { describeAuditChange } from '@/app/_lib/describe-audit';
import { pageRole } from '@/app/_lib/page-auth';
import { formatDateTime } from '@/lib/format';
import { AUDIT_PER_PAGE, listAudit } from '@/lib/services/moderation/list-audit';

export const metadata: Metadata = { title: 'Audit log' };

const text = (v: string | string[] | undefined, max: number) => (typeof v === 'string' ? v.trim().slice(0, max) : '') || undefined;
const input = 'rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900';

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await pageRole('moderator');
  const sp = await searchParams;
  const filters = { action: text(sp.action, 40), actorName: text(sp.actor, 32), targetName: text(sp.target, 32) };
  const page = Math.max(1, Math.min(10_000, Number(sp.page) || 1));
  const { rows, total } = await listAudit({ actor, ...filters, page });
  const pages = Math.max(1, Math.ceil(total / AUDIT_PER_PAGE));
  const pageHref = (p: number) => `/admin/audit?${new URLSearchParams({ ...(filters.action ? { action: filters.action } : {}), ...(filters.actorName ? { actor: filters.actorName } : {}), ...(filters.targetName ? { target: filters.targetName } : {}), page: String(p) })}`;
  return (
    <div className="space-y-4">
      <PageTitle>Audit log</PageTitle>
      <Card>
        <form method="get" className="flex flex-wrap items-end gap-3" role="search">
          <label className="flex flex-col gap-1 text-sm"><span className="font-medium">Action starts with</span><input name="action" defaultValue={filters.action} placeholder="stats, user.ban, torrent…" className={input} /></label>
          <label className="flex flex-col gap-1 text-sm"><span className="font-medium">By (staff)</span><input name="actor" defaultValue={filters.actorName} className={input} /></label>
          <label className="flex flex-col gap-1 text-sm"><span className="font-medium">About (member)</span><input name="target" defaultValue={filters.targetName} className={input} /></label>
          <button type="submit" className={buttonClass('primary')}>Filter</button>
        </form>
      </Card>
      <p className="text-sm" role="status">{total} entr{total === 1 ? 'y' : 'ies'}</p>
      <div className="rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
        <table className="w-full text-left text-sm" aria-label="Audit log">
          <thead className="hidden bg-zinc-100 text-xs uppercase sm:table-header-group dark:bg-zinc-800"><tr><th className="px-3 py-2">When</th><th className="px-3 py-2">Who</th><th className="px-3 py-2">What</th><th className="px-3 py-2">Whom</th><th className="px-3 py-2">Change</th><th className="px-3 py-2">Reason</th></tr></thead>
          <tbody>
            {rows.map((r) => {
              const change = describeAuditChange(r.action, r.before, r.after);
              return (
                <tr key={r.id} className="block border-t border-zinc-100 px-3 py-2 align-top sm:table-row sm:p-0 dark:border-zinc-800">
                  <td className="block sm:table-cell sm:px-3 sm:py-2 sm:whitespace-nowrap"><span className="font-medium sm:hidden">When: </span>{formatDateTime(r.createdAt)}</td>
                  <td className="block sm:table-cell sm:px-3 sm:py-2"><span className="font-medium sm:hidden">Who: </span>{r.actor}</td>
                  <td className="block sm:table-cell sm:px-3 sm:py-2"><span className="font-medium sm:hidden">What: </span><code>{r.action}</code></td>
                  <td className="block sm:table-cell sm:px-3 sm:py-2"><span className="font-medium sm:hidden">Whom: </span>{r.target ?? '—'}</td>
                  <td className="block sm:table-cell sm:px-3 sm:py-2" data-testid="audit-change">
                    {change.length ? <ul>{change.map((line) => <li key={line}>{line}</li>)}</ul> : '—'}
                  </td>
                  <td className="block sm:table-cell sm:px-3 sm:py-2">{r.reason ? <><span className="font-medium sm:hidden">Reason: </span>{r.reason}</> : null}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {pages > 1 ? <nav aria-label="Pages" className="flex justify-center gap-3 text-sm">{page > 1 ? <Link href={pageHref(page - 1)}>← Newer</Link> : null}<span>Page {page} of {pages}</span>{page < pages ? <Link href={pageHref(page + 1)}>Older →</Link> : null}</nav> : null}
    </div>
  );
}
