import type { Metadata } from 'next';
import { ApiForm } from '@/app/_components/api-form';
import { Card, PageTitle } from '@/app/_components/ui/card';
import { pageRole } from '@/app/_lib/page-auth';
import { formatDateTime } from '@/lib/format';
import { listNews } from '@/lib/services/site-pages/news';

export const metadata: Metadata = { title: 'News (staff)' };

export default async function AdminNewsPage() {
  await pageRole('moderator');
  const news = await listNews({ take: 50 });
  return (
    <div className="space-y-6">
      <PageTitle>News</PageTitle>
      <Card title="Post news">
        <ApiForm id="news" action="/admin/news/post" submitLabel="Post news" fields={[
          { kind: 'text', name: 'title', label: 'Title' },
          { kind: 'textarea', name: 'body', label: 'Text (Markdown)' },
        ]} />
      </Card>
      <Card title="Posted">
        {news.length === 0 ? <p className="text-sm">Nothing yet.</p> : (
          <ul className="space-y-4">
            {news.map((n) => (
              <li key={n.id} className="space-y-2">
                <p><strong className="break-words">{n.title}</strong> <span className="text-xs text-zinc-500">· {n.author} · {formatDateTime(n.createdAt)}</span></p>
                <ApiForm id={`delete-news-${n.id}`} action={`/admin/news/${n.id}/delete`} submitLabel="Delete this post" variant="secondary" fields={[
                  { kind: 'checkbox', name: 'confirm', label: 'Yes, delete it' },
                ]} />
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
