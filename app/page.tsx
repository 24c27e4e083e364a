import Link from 'next/link';
import { currentUser } from '@/lib/auth/session';
import { env } from '@/lib/env';
import { getSiteHistory } from '@/lib/services/history/get-site-history';
import { SiteStatistics } from './_components/site-statistics';
import { Card, PageTitle } from './_components/ui/card';

export default async function HomePage() {
  const user = await currentUser();
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
      {stats ? <SiteStatistics stats={stats} days={30} /> : null}
    </div>
  );
}
