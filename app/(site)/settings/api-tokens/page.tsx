import type { Metadata } from 'next';
import Link from 'next/link';
import { Card, PageTitle } from '@/app/_components/ui/card';
import { pageUser } from '@/app/_lib/page-auth';
import { hasRole, isStaff } from '@/lib/auth/roles';
import { formatDateTime } from '@/lib/format';
import { listApiTokens } from '@/lib/services/api-tokens/list-api-tokens';
import { API_SCOPES, STAFF_SCOPES } from '@/lib/validation/api-token';
import { CreateTokenForm, RevokeTokenForm } from './token-forms';

export const metadata: Metadata = { title: 'API tokens' };

export default async function ApiTokensPage() {
  const actor = await pageUser();
  const tokens = await listApiTokens({ actor });
  const now = new Date();
  const scopes = API_SCOPES.filter((s) => isStaff(actor.role) || !STAFF_SCOPES.includes(s));
  return (
    <div className="space-y-6">
      <PageTitle>API tokens</PageTitle>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Tokens let tools act for you: the JSON API (<a href="/api/v1/openapi.json">OpenAPI document</a>, send{' '}
        <code>Authorization: Bearer &lt;token&gt;</code>) and Torznab for Prowlarr or Jackett (<code>/api/torznab</code>,
        API key = the token). Give each tool its own token with only the scopes it needs. For your BitTorrent
        client&apos;s RSS, see <Link href="/settings/rss">RSS feeds</Link>.
        {hasRole(actor.role, 'admin') ? <> Admins: <Link href="/admin/torznab">Torznab category mapping</Link>.</> : null}
      </p>
      <Card title="New token">
        <CreateTokenForm scopes={scopes} />
      </Card>
      <Card title="Your tokens">
        {tokens.length === 0 ? <p className="text-sm">No tokens yet.</p> : (
          <ul className="divide-y divide-zinc-200 dark:divide-zinc-800" data-testid="token-list">
            {tokens.map((t) => {
              const state = t.revokedAt ? `revoked ${formatDateTime(t.revokedAt)}` : t.expiresAt && t.expiresAt <= now ? `expired ${formatDateTime(t.expiresAt)}` : 'active';
              return (
                <li key={t.id} className="flex flex-col gap-2 py-3 sm:flex-row sm:items-start sm:justify-between">
                  <div className="min-w-0 text-sm">
                    <p className="font-medium break-words">{t.name} <code className="text-xs text-zinc-500">{t.hint}…</code> <span className="text-xs text-zinc-500">({state})</span></p>
                    <p>Scopes: {t.scopes.join(', ')}</p>
                    <p className="text-zinc-600 dark:text-zinc-400">
                      Created {formatDateTime(t.createdAt)}
                      {t.expiresAt && !t.revokedAt ? ` · expires ${formatDateTime(t.expiresAt)}` : ''}
                      {' · '}last used {t.lastUsedAt ? `${formatDateTime(t.lastUsedAt)} from ${t.lastUsedIp ?? 'unknown'}` : 'never'}
                    </p>
                  </div>
                  {t.revokedAt ? null : <RevokeTokenForm id={t.id} name={t.name} />}
                </li>
              );
            })}
          </ul>
        )}
      </Card>
    </div>
  );
}
