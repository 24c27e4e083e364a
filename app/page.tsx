import Link from 'next/link';
import { currentUser } from '@/lib/auth/session';
import { env } from '@/lib/env';
import { formatBytes, formatDateTime } from '@/lib/format';
import { getHome, type HomeDto } from '@/lib/services/get-home';
import { renderMarkdown } from '@/lib/markdown/render';
import { getSiteHistory } from '@/lib/services/history/get-site-history';
import { listNews } from '@/lib/services/site-pages/news';
import { markdownClass } from './_components/site-page';
import { SiteStatistics } from './_components/site-statistics';
import { Ratio } from './_components/ratio';
import { TorrentLines } from './_components/torrent/torrent-lines';
import { Card, PageTitle } from './_components/ui/card';

export default async function HomePage() {
  const [user, news] = await Promise.all([currentUser(), listNews()]);
  // The site is private: its statistics are for members.
  const [stats, home] = user ? await Promise.all([getSiteHistory({ actor: user, days: 30 }), getHome({ actor: user })]) : [null, null];
  return (
    <div className="space-y-6">
      <PageTitle>Welcome to {env().siteName}</PageTitle>
      <Card>
        <p className="mb-2">A members-only torrent community with one rule: you downloaded, so give back.</p>
        {user ? (
          <p>
            Logged in as <Link href={`/users/${encodeURIComponent(user.username)}`}>{user.username}</Link>. Your personal announce URL is on
            your <Link href="/settings">settings page</Link>.
          </p>
        ) : (
          <p>
            <Link href="/login">Log in</Link> or <Link href="/register">register</Link> with an invite.
          </p>
        )}
      </Card>
      {home && user ? <MemberHome home={home} username={user.username} /> : null}
      {news.length > 0 ? (
        <section aria-label="News" className="space-y-4">
          <h2 className="text-xl font-semibold">News</h2>
          {news.map((n) => (
            <Card key={n.id}>
              <article aria-label={n.title}>
                <h3 className="break-words text-lg font-semibold">{n.title}</h3>
                <p className="mb-2 text-xs text-zinc-500">{n.author} · {formatDateTime(n.createdAt)}</p>
                <div className={markdownClass} dangerouslySetInnerHTML={{ __html: renderMarkdown(n.body) }} />
              </article>
            </Card>
          ))}
        </section>
      ) : null}
      {stats ? <SiteStatistics stats={stats} days={30} /> : null}
    </div>
  );
}

/** A member's part of the home page: their standing, what to seed, and the newest torrents. */
function MemberHome({ home, username }: { home: HomeDto; username: string }) {
  const s = home.standing;
  const now = new Date();
  const standing: [string, string, React.ReactNode][] = [
    ['ratio', 'Your ratio', <Ratio key="r" uploaded={s.uploaded} downloaded={s.downloaded} required={s.required} />],
    ['required', 'Required ratio', s.requiredText],
    ['uploaded', 'Uploaded', formatBytes(s.uploaded)],
    ['downloaded', 'Downloaded', formatBytes(s.downloaded)],
    ['watch', 'Ratio watch', s.watch ? `until ${formatDateTime(s.watch.endsAt)}` : 'not on watch'],
    ['to-upload', s.watch ? 'To upload to leave the watch' : 'To upload to be safe', formatBytes(s.bytesToUpload)],
  ];
  return (
    <>
      <Card title="Your standing">
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3">
          {standing.map(([key, label, value]) => (
            <div key={key}>
              <dt className="text-xs uppercase tracking-wide text-zinc-500">{label}</dt>
              <dd className="text-lg tabular-nums" data-testid={`home-${key}`}>{value}</dd>
            </div>
          ))}
        </dl>
        {s.leechingMessage ? <p className="mt-3 text-sm text-red-700 dark:text-red-400" data-testid="home-leeching">{s.leechingMessage}. Seed what you have to recover.</p> : null}
        <p className="mt-3 text-sm"><Link href={`/users/${encodeURIComponent(username)}`}>Your profile and history →</Link></p>
      </Card>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="What to seed">
          {home.toSeed.length === 0 ? (
            <p className="text-sm text-zinc-500" data-testid="nothing-to-seed">Nothing needs you right now: you seed everything you downloaded or uploaded, and no torrent is short of seeders.</p>
          ) : <TorrentLines torrents={home.toSeed} label="What to seed" download now={now} />}
        </Card>
        <Card title="Latest torrents">
          {home.latest.length === 0 ? <p className="text-sm text-zinc-500">No torrents yet.</p> : <TorrentLines torrents={home.latest} label="Latest torrents" now={now} />}
          <p className="mt-3 text-sm"><Link href="/torrents">All torrents →</Link></p>
        </Card>
      </div>
    </>
  );
}
