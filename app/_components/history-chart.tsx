import Link from 'next/link';
import type { MemberHistoryPoint } from '@/lib/services/history/get-member-history';
import { HISTORY_PERIODS, type HistoryPeriod } from '@/lib/validation/history';
import { TimeChart } from './ui/time-chart';

const EMPTY = 'No history yet: the site records each member\'s figures once a day (at the start of the day, UTC).';

/** A member's credited totals and ratio per day over the chosen period, from the daily snapshots. */
export function HistoryChart({ points, days }: { points: readonly MemberHistoryPoint[]; days: HistoryPeriod }) {
  const labels = points.map((p) => p.day);
  return (
    <div className="space-y-6">
      <PeriodLinks days={days} />
      <div className="grid gap-6 lg:grid-cols-2">
        <TimeChart title={`Uploaded and downloaded, ${days} days`} unit="bytes" days={labels} empty={EMPTY} series={[
          { name: 'Uploaded', colour: 'emerald', values: points.map((p) => Number(p.uploaded)) },
          { name: 'Downloaded', colour: 'red', values: points.map((p) => Number(p.downloaded)) },
        ]} />
        <TimeChart title={`Ratio, ${days} days`} unit="ratio" days={labels} empty={EMPTY} series={[
          { name: 'Ratio', colour: 'sky', values: points.map((p) => p.ratio) },
          { name: 'Required ratio', colour: 'amber', values: points.map((p) => p.requiredRatio), dashed: true },
        ]} />
      </div>
      <p className="text-xs text-zinc-500 dark:text-zinc-400">Credited figures (after freeleech and staff corrections) at the start of each day, UTC.</p>
    </div>
  );
}

/** 7, 30 or 365 days, as links (`?days=`), so the page needs no script. */
export function PeriodLinks({ days }: { days: HistoryPeriod }) {
  return (
    <nav aria-label="History period" className="flex gap-2 text-sm">
      {HISTORY_PERIODS.map((p) => (
        <Link key={p} href={`?days=${p}`} scroll={false} aria-current={p === days ? 'page' : undefined}
          className={`rounded-md border px-2.5 py-1 ${p === days ? 'border-brand-600 bg-brand-50 font-semibold text-brand-700 dark:bg-zinc-800 dark:text-brand-500' : 'border-zinc-200 dark:border-zinc-700'}`}>
          {p} days
        </Link>
      ))}
    </nav>
  );
}
