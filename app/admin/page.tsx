import type { Metadata } from 'next';
import Link from 'next/link';
import { PeriodLinks } from '@/app/_components/history-chart';
import { TimeChart } from '@/app/_components/ui/time-chart';
import { Card, PageTitle } from '@/app/_components/ui/card';
import { pageRole } from '@/app/_lib/page-auth';
import { formatBytes } from '@/lib/format';
import { getAnnounceRate, ANNOUNCE_BUCKET_MINUTES } from '@/lib/services/announce-rate/get-announce-rate';
import { getSiteHistory } from '@/lib/services/history/get-site-history';
import { getDashboard } from '@/lib/services/moderation/dashboard';
import { historyPeriodSchema } from '@/lib/validation/history';

export const metadata: Metadata = { title: 'Staff dashboard' };

const EMPTY = 'No history yet: the site records its figures once a day (at the start of the day, UTC).';

export default async function StaffDashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await pageRole('moderator');
  const days = historyPeriodSchema.parse((await searchParams).days);
  const [d, site, rate] = await Promise.all([getDashboard({ actor, days }), getSiteHistory({ actor, days }), getAnnounceRate({ actor })]);
  const tiles: [string, string | number][] = [
    ['Members', d.members], ['Banned', d.banned], ['Torrents', d.torrents], ['Peers now', d.seeders + d.leechers],
    ['Seeders', d.seeders], ['Leechers', d.leechers], ['Uploaded (credited)', formatBytes(d.uploaded)], ['Downloaded (credited)', formatBytes(d.downloaded)],
    ['Cheat flags active, 30 days', d.flagsLast30Days], ['Announces, last 24 hours', rate.total.toLocaleString('en')],
  ];
  // Times of day, UTC ("14:20"): 24 hours of them never repeat.
  const times = rate.total === 0 ? [] : rate.buckets.map((b) => b.start.toISOString().slice(11, 16));
  return (
    <div className="space-y-6">
      <PageTitle>Staff dashboard</PageTitle>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
        {tiles.map(([label, value]) => (
          <div key={label} className="rounded-lg border border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900">
            <div className="text-xs uppercase tracking-wide text-zinc-500">{label}</div>
            <div className="text-xl font-semibold" data-testid={`dash-${label.toLowerCase().replace(/[^a-z]+/g, '-')}`}>{value}</div>
          </div>
        ))}
      </div>
      <Card>
        <PeriodLinks days={days} />
        <div className="mt-6 grid gap-6 md:grid-cols-2">
          <TimeChart title={`Traffic per day, ${days} days`} unit="bytes" kind="bar" days={site.traffic.map((t) => t.day)} empty={EMPTY} series={[
            { name: 'Uploaded', colour: 'emerald', values: site.traffic.map((t) => Number(t.uploaded)) },
            { name: 'Downloaded', colour: 'sky', values: site.traffic.map((t) => Number(t.downloaded)) },
          ]} />
          <TimeChart title={`Seeders and leechers, ${days} days`} unit="count" days={site.days.map((x) => x.day)} empty={EMPTY} series={[
            { name: 'Seeders', colour: 'emerald', values: site.days.map((x) => x.seeders) },
            { name: 'Leechers', colour: 'red', values: site.days.map((x) => x.leechers) },
          ]} />
          <TimeChart title={`Members joined per day, ${days} days`} unit="count" kind="bar" days={d.joinsPerDay.map((x) => x.day)} series={[
            { name: 'Joined', colour: 'violet', values: d.joinsPerDay.map((x) => x.count) },
          ]} />
          <TimeChart title={`Torrents uploaded per day, ${days} days`} unit="count" kind="bar" days={d.uploadsPerDay.map((x) => x.day)} series={[
            { name: 'Uploaded', colour: 'amber', values: d.uploadsPerDay.map((x) => x.count) },
          ]} />
        </div>
      </Card>
      <Card title="Tracker">
        <TimeChart title="Announces per minute, last 24 hours" unit="count" days={times} xLabel="From (UTC)"
          empty="No announces counted in the last 24 hours." series={[
            { name: 'Announces in the busiest minute', colour: 'sky', values: rate.buckets.map((b) => b.busiestMinute) },
          ]} />
        <p className="mt-2 text-xs text-zinc-500 dark:text-zinc-400">
          Each point covers {ANNOUNCE_BUCKET_MINUTES} minutes (UTC) and shows its busiest minute. The tracker stores its counts every few seconds.
        </p>
      </Card>
      <p className="text-sm"><Link href="/admin/members">Members by ratio →</Link></p>
    </div>
  );
}
