import Link from 'next/link';
import { currentUser } from '@/lib/auth/session';
import { env } from '@/lib/env';
import { formatDateTime } from '@/lib/format';
import { renderMarkdown } from '@/lib/markdown/render';
import { getSiteHistory } from '@/lib/services/history/get-site-history';
import { listNews } from '@/lib/services/site-pages/news';
import { markdownClass } from './_components/site-page';
import { SiteStatistics } from './_components/site-statistics';
import { Card, PageTitle } from './_components/ui/card';

export default async function HomePage() {
  const [user, news] = await Promise.all([currentUser(), listNews()]);
  // The site is private: its statistics are for members.
  const stats = user ? await getSiteHistory({ actor: user, days: 30 }) : null;
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
