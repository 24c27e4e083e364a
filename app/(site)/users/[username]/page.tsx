import type { Metadata } from 'next';
import { Ratio } from '@/app/_components/ratio';
import { Card, PageTitle } from '@/app/_components/ui/card';
import { ROLE_LABELS, isRole } from '@/lib/auth/roles';
import { pageUser } from '@/app/_lib/page-auth';
import { orNotFound } from '@/app/_lib/or-not-found';
import { formatBytes, formatDate, pageNumbers } from '@/lib/format';
import { getActivity } from '@/lib/services/get-activity';
import { ratioStatusFor } from '@/app/_lib/ratio-status';
import { formatDateTime } from '@/lib/format';
import { getProfile } from '@/lib/services/get-profile';
import { listMemberUploads, type MemberUploadsDto } from '@/lib/services/list-member-uploads';
import { TorrentLines } from '@/app/_components/torrent/torrent-lines';
import type { ProfilePrivacy } from '@/lib/services/privacy/profile-privacy';
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
  const search = await searchParams;
  const days = historyPeriodSchema.parse(search.days);
  const uploadsPage = Number.parseInt(typeof search.uploads === 'string' ? search.uploads : '1', 10) || 1;
  const profile = await orNotFound(getProfile({ actor, username }));
  const [activity, history, uploads] = await Promise.all([
    getActivity({ actor, userId: profile.id }),
    getMemberHistory({ actor, userId: profile.id, days }),
    listMemberUploads({ actor, userId: profile.id, page: uploadsPage }),
  ]);
  // The ratio standing is the member's and staff's alone, whatever the paranoia setting shows others.
  const status = profile.privacy ? await ratioStatusFor(actor, profile.id) : null;
  const { uploaded, downloaded } = profile;
  const stats: [string, React.ReactNode][] = [
    ['Joined', formatDate(profile.createdAt)],
    ['Role', isRole(profile.role) ? ROLE_LABELS[profile.role] : profile.role],
    ['Invited by', profile.invitedBy ?? '—'],
    ...(uploaded !== null && downloaded !== null ? [
      ['Uploaded', <span key="up" title={`${uploaded} bytes`} data-bytes={String(uploaded)}>{formatBytes(uploaded)}</span>],
      ['Downloaded', <span key="down" title={`${downloaded} bytes`} data-bytes={String(downloaded)}>{formatBytes(downloaded)}</span>],
      ['Ratio', <Ratio key="ratio" uploaded={uploaded} downloaded={downloaded} required={status?.required} />],
      ['Snatched', profile.snatched],
    ] satisfies [string, React.ReactNode][] : [['Statistics', <span key="stats" className="text-zinc-500">Hidden by {profile.username}</span>] satisfies [string, React.ReactNode]]),
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
      {profile.privacy && profile.id === actor.id ? <PrivacyNote privacy={profile.privacy} /> : null}
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
      {history ? (
        <Card title="History">
          <HistoryChart points={history} days={days} />
        </Card>
      ) : null}
      {uploads ? <UploadsCard uploads={uploads} username={profile.username} /> : (
        <Card title="Uploads"><p className="text-sm text-zinc-500" data-testid="uploads-hidden">{profile.username} keeps their uploads list private.</p></Card>
      )}
      {activity ? (
        <>
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
      ) : profile.privacy ? null : (
        <Card title="Activity"><p className="text-sm text-zinc-500" data-testid="activity-hidden">{profile.username} keeps what they seed and snatch private.</p></Card>
      )}
    </div>
  );
}

function UploadsCard({ uploads, username }: { uploads: MemberUploadsDto; username: string }) {
  const href = (page: number) => `/users/${encodeURIComponent(username)}?uploads=${page}#uploads`;
  return (
    <Card title={`Uploads (${uploads.total.toLocaleString('en')})`}>
      <div id="uploads" className="scroll-mt-4">
        {uploads.rows.length === 0 ? <p className="text-sm text-zinc-500">None.</p> : <TorrentLines torrents={uploads.rows} label="Uploads" />}
        {uploads.pages > 1 ? (
          <nav aria-label="Uploads pages" className="mt-3 flex flex-wrap items-center gap-1 text-sm">
            {pageNumbers(uploads.page, uploads.pages).map((p, i) =>
              p === null ? <span key={`gap-${i}`} className="px-1 text-zinc-500">…</span>
              : p === uploads.page ? <span key={p} aria-current="page" className="rounded bg-brand-600 px-2 py-1 font-semibold text-white">{p}</span>
              : <Link key={p} href={href(p)} className="rounded px-2 py-1" aria-label={`Uploads page ${p}`}>{p}</Link>,
            )}
          </nav>
        ) : null}
      </div>
    </Card>
  );
}

const PART_NAMES: [keyof ProfilePrivacy, string][] = [['uploads', 'your uploads'], ['stats', 'your statistics'], ['activity', 'what you seed and snatch']];

/** Tells the owner what other members see of this page. */
function PrivacyNote({ privacy }: { privacy: ProfilePrivacy }) {
  const shown = PART_NAMES.filter(([k]) => privacy[k]).map(([, name]) => name);
  const hidden = PART_NAMES.filter(([k]) => !privacy[k]).map(([, name]) => name);
  return (
    <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="privacy-note">
      Other members see {shown.length ? shown.join(', ') : 'none of your uploads, statistics or activity'}
      {hidden.length && shown.length ? `; not ${hidden.join(', ')}` : ''}. Staff see everything.{' '}
      <Link href="/settings#privacy">Change it in your settings</Link>.
    </p>
  );
}
