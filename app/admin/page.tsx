import type { Metadata } from 'next';
import Link from 'next/link';
import { BarChart } from '@/app/_components/ui/bar-chart';
import { Card, PageTitle } from '@/app/_components/ui/card';
import { pageRole } from '@/app/_lib/page-auth';
import { formatBytes } from '@/lib/format';
import { getDashboard } from '@/lib/services/moderation/dashboard';

export const metadata: Metadata = { title: 'Staff dashboard' };

export default async function StaffDashboardPage() {
  const actor = await pageRole('moderator');
  const d = await getDashboard({ actor });
  const tiles: [string, string | number][] = [
    ['Members', d.members], ['Banned', d.banned], ['Torrents', d.torrents], ['Peers now', d.seeders + d.leechers],
    ['Seeders', d.seeders], ['Leechers', d.leechers], ['Uploaded (credited)', formatBytes(d.uploaded)], ['Downloaded (credited)', formatBytes(d.downloaded)],
    ['Cheat flags active, 30 days', d.flagsLast30Days],
  ];
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
        <div className="grid gap-6 md:grid-cols-2">
          <BarChart title="Members joined per day (30 days)" data={d.joinsPerDay.map((x) => ({ label: x.day, value: x.count }))} />
          <BarChart title="Torrents uploaded per day (30 days)" data={d.uploadsPerDay.map((x) => ({ label: x.day, value: x.count }))} colour="fill-sky-500" />
          <BarChart title="Swarm now" data={[{ label: 'seeders', value: d.seeders }, { label: 'leechers', value: d.leechers }]} colour="fill-amber-500" />
        </div>
      </Card>
      <p className="text-sm"><Link href="/admin/members">Members by ratio →</Link></p>
    </div>
  );
}
