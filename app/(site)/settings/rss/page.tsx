import type { Metadata } from 'next';
import Link from 'next/link';
import { Card, PageTitle } from '@/app/_components/ui/card';
import { pageUser } from '@/app/_lib/page-auth';
import { env } from '@/lib/env';
import { listCategories } from '@/lib/services/categories';
import { getOrCreateRssKey } from '@/lib/services/rss/rss-key';
import { FeedUrlBuilder, ResetRssKeyForm } from './rss-forms';

export const metadata: Metadata = { title: 'RSS feeds' };

export default async function RssSettingsPage() {
  const actor = await pageUser();
  const [key, categories] = await Promise.all([getOrCreateRssKey({ actor }), listCategories()]);
  return (
    <div className="space-y-6">
      <PageTitle>RSS feeds</PageTitle>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        A feed lists new torrents matching your filters; its items download your personal .torrent, so your client
        can fetch them without logging in. Downloads through a feed follow the site&apos;s rules (ratio, bans).
        Tools that need more use <Link href="/settings/api-tokens">API tokens</Link>.
      </p>
      <Card title="Build a feed">
        <FeedUrlBuilder base={`${env().publicUrl}/rss/${key}`} categories={categories} />
      </Card>
      <Card title="RSS key">
        <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">
          Your RSS key is separate from your passkey and your API tokens. Reset it if a feed URL leaked.
        </p>
        <ResetRssKeyForm />
      </Card>
    </div>
  );
}
