import type { Metadata } from 'next';
import { ApiForm } from '@/app/_components/api-form';
import { Card, PageTitle } from '@/app/_components/ui/card';
import { pageRole } from '@/app/_lib/page-auth';
import { formatDate } from '@/lib/format';
import { listBlacklist } from '@/lib/services/moderation/client-blacklist';

export const metadata: Metadata = { title: 'Client blacklist' };

export default async function BlacklistPage() {
  const actor = await pageRole('moderator');
  const entries = await listBlacklist({ actor });
  return (
    <div className="space-y-6">
      <PageTitle>Client blacklist</PageTitle>
      <Card title="Refused clients">
        {entries.length === 0 ? <p className="text-sm">No client is refused.</p> : (
          <ul className="space-y-3 text-sm">
            {entries.map((e) => (
              <li key={e.id} className="flex flex-wrap items-start justify-between gap-2 border-b border-zinc-100 pb-2 dark:border-zinc-800">
                <span><code>{e.prefix}</code> {e.note ? `— ${e.note}` : ''} <span className="text-xs text-zinc-500">since {formatDate(e.createdAt)}</span></span>
                <ApiForm id={`remove-${e.id}`} action={`/admin/blacklist/${e.id}/remove`} submitLabel={`Remove ${e.prefix}`} variant="secondary" fields={[]}
                  confirm={{ title: `Remove ${e.prefix} from the blacklist?`, body: `Clients whose peer_id starts with ${e.prefix} may announce again from their next announce. Recorded in the audit log.`, confirmLabel: `Remove ${e.prefix}` }} />
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title="Refuse a client">
        <ApiForm id="blacklist" action="/admin/blacklist/add" submitLabel="Add to blacklist" fields={[
          { kind: 'text', name: 'prefix', label: 'peer_id prefix', hint: 'For example -XL0012- (Xunlei) or -BC0' },
          { kind: 'text', name: 'note', label: 'Note' },
        ]} />
      </Card>
    </div>
  );
}
