import { formatBytes } from '@/lib/format';
import type { SiteHistory } from '@/lib/services/history/get-site-history';
import { Card } from './ui/card';
import { TimeChart } from './ui/time-chart';

const EMPTY = 'No history yet: the site records its figures once a day (at the start of the day, UTC).';

/** The site now (members, torrents, seeders, leechers, the last full day's traffic) and over the last days. */
export function SiteStatistics({ stats, days }: { stats: SiteHistory; days: number }) {
  const lastTraffic = stats.traffic[stats.traffic.length - 1];
  const tiles: [string, string][] = [
    ['Members', stats.now.members.toLocaleString('en')],
    ['Torrents', stats.now.torrents.toLocaleString('en')],
    ['Seeders', stats.now.seeders.toLocaleString('en')],
    ['Leechers', stats.now.leechers.toLocaleString('en')],
    [lastTraffic ? `Traffic on ${lastTraffic.day}` : 'Traffic per day', lastTraffic ? formatBytes(lastTraffic.uploaded + lastTraffic.downloaded) : '—'],
  ];
  const labels = stats.days.map((d) => d.day);
  return (
    <Card title="Site statistics">
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5">
        {tiles.map(([label, value]) => (
          <div key={label}>
            <dt className="text-xs uppercase tracking-wide text-zinc-500">{label}</dt>
            <dd className="text-lg font-semibold tabular-nums" data-testid={`site-${label.split(' ')[0]!.toLowerCase()}`}>{value}</dd>
          </div>
        ))}
      </dl>
      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <TimeChart title={`Seeders and leechers, ${days} days`} unit="count" days={labels} empty={EMPTY} series={[
          { name: 'Seeders', colour: 'emerald', values: stats.days.map((d) => d.seeders) },
          { name: 'Leechers', colour: 'red', values: stats.days.map((d) => d.leechers) },
        ]} />
        <TimeChart title={`Traffic per day, ${days} days`} unit="bytes" kind="bar" days={stats.traffic.map((t) => t.day)} empty={EMPTY} series={[
          { name: 'Uploaded', colour: 'emerald', values: stats.traffic.map((t) => Number(t.uploaded)) },
          { name: 'Downloaded', colour: 'sky', values: stats.traffic.map((t) => Number(t.downloaded)) },
        ]} />
        <TimeChart title={`Members and torrents, ${days} days`} unit="count" days={labels} empty={EMPTY} series={[
          { name: 'Members', colour: 'violet', values: stats.days.map((d) => d.members) },
          { name: 'Torrents', colour: 'amber', values: stats.days.map((d) => d.torrents) },
        ]} />
      </div>
    </Card>
  );
}
