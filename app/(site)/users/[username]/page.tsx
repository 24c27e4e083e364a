import type { Metadata } from 'next';
import { Ratio } from '@/app/_components/ratio';
import { Card, PageTitle } from '@/app/_components/ui/card';
import { ROLE_LABELS, isRole } from '@/lib/auth/roles';
import { pageUser } from '@/app/_lib/page-auth';
import { orNotFound } from '@/app/_lib/or-not-found';
import { formatBytes, formatDate } from '@/lib/format';
import { getActivity } from '@/lib/services/get-activity';
import { ratioStatusFor } from '@/app/_lib/ratio-status';
import { formatDateTime } from '@/lib/format';
import { getProfile } from '@/lib/services/get-profile';
import { HistoryChart } from '@/app/_components/history-chart';
import { getMemberHistory } from '@/lib/services/history/get-member-history';
import { historyPeriodSchema } from '@/lib/validation/history';
import Link from 'next/link';

type Params = { params: Promise<{ username: string }> };
type Search = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  return { title: decodeURIComponent((await params).username) };
}

export default async function ProfilePage({ params, searchParams }: Params & Search) {
  const actor = await pageUser();
  const username = decodeURIComponent((await params).username);
  const days = historyPeriodSchema.parse((await searchParams).days);
  const profile = await orNotFound(getProfile({ actor, username }));
  const [activity, history] = await Promise.all([
    getActivity({ actor, userId: profile.id }),
    getMemberHistory({ actor, userId: profile.id, days }),
  ]);
  const status = activity ? await ratioStatusFor(actor, profile.id) : null;
  const stats: [string, React.ReactNode][] = [
    ['Joined', formatDate(profile.createdAt)],
    ['Role', isRole(profile.role) ? ROLE_LABELS[profile.role] : profile.role],
    ['Invited by', profile.invitedBy ?? '—'],
    ['Uploaded', <span key="up" title={`${profile.uploaded} bytes`} data-bytes={String(profile.uploaded)}>{formatBytes(profile.uploaded)}</span>],
    ['Downloaded', <span key="down" title={`${profile.downloaded} bytes`} data-bytes={String(profile.downloaded)}>{formatBytes(profile.downloaded)}</span>],
    ['Ratio', <Ratio key="ratio" uploaded={profile.uploaded} downloaded={profile.downloaded} required={status?.required} />],
    ['Snatched', profile.snatched],
  ];
  return (
    <div className="space-y-6">
      <PageTitle>{profile.username}{profile.banned ? ' (banned)' : ''}</PageTitle>
      <Card>
        <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3">
          {stats.map(([label, value]) => (
            <div key={label}>
              <dt className="text-xs uppercase tracking-wide text-zinc-500">{label}</dt>
              <dd className="text-lg" data-testid={`profile-${label.toLowerCase().replace(/ /g, '-')}`}>{value}</dd>
            </div>
          ))}
        </dl>
      </Card>
      {status ? (
        <Card title="Ratio standing">
          <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3">
            <div><dt className="text-xs uppercase tracking-wide text-zinc-500">Required ratio</dt><dd data-testid="profile-required">{status.requiredText}</dd></div>
            <div><dt className="text-xs uppercase tracking-wide text-zinc-500">To upload to be safe</dt><dd data-testid="profile-to-upload">{formatBytes(status.bytesToUpload)}</dd></div>
            <div><dt className="text-xs uppercase tracking-wide text-zinc-500">Ratio watch</dt><dd data-testid="profile-watch">{status.watch ? `until ${formatDateTime(status.watch.endsAt)}` : 'not on watch'}</dd></div>
            <div><dt className="text-xs uppercase tracking-wide text-zinc-500">Seeding (7-day average)</dt><dd>{status.averageSeeding.toFixed(1)} torrents</dd></div>
            <div><dt className="text-xs uppercase tracking-wide text-zinc-500">Leeching</dt><dd data-testid="profile-leeching">{status.leechingMessage ?? 'allowed'}</dd></div>
          </dl>
        </Card>
      ) : null}
      {activity ? (
        <>
          <Card title="History">
            <HistoryChart points={history ?? []} days={days} />
          </Card>
          <div className="grid gap-6 md:grid-cols-3">
            <Card title={`Seeding (${activity.seeding.length})`}>
              {activity.seeding.length === 0 ? <p className="text-sm text-zinc-500">None.</p> : null}
              <ul className="text-sm wrap-anywhere" data-testid="seeding-list">{activity.seeding.map((t) => <li key={t.torrentId}><Link href={`/torrents/${t.torrentId}`}>{t.title}</Link></li>)}</ul>
            </Card>
            <Card title={`Leeching (${activity.leeching.length})`}>
              {activity.leeching.length === 0 ? <p className="text-sm text-zinc-500">None.</p> : null}
              <ul className="text-sm wrap-anywhere" data-testid="leeching-list">{activity.leeching.map((t) => <li key={t.torrentId}><Link href={`/torrents/${t.torrentId}`}>{t.title}</Link> · {formatBytes(t.left)} left</li>)}</ul>
            </Card>
            <Card title={`Snatched (${activity.snatched.length})`}>
              {activity.snatched.length === 0 ? <p className="text-sm text-zinc-500">None.</p> : null}
              <ul className="text-sm wrap-anywhere" data-testid="snatched-list">{activity.snatched.map((t) => <li key={t.torrentId}><Link href={`/torrents/${t.torrentId}`}>{t.title}</Link></li>)}</ul>
            </Card>
          </div>
        </>
      ) : null}
    </div>
  );
}
