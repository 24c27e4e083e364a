import type { Metadata } from 'next';
import Link from 'next/link';
import { cache } from 'react';
import { ApiForm } from '@/app/_components/api-form';
import { Ratio } from '@/app/_components/ratio';
import { Card, PageTitle } from '@/app/_components/ui/card';
import { HistoryChart } from '@/app/_components/history-chart';
import { ROLES, ROLE_LABELS, outranks } from '@/lib/auth/roles';
import { describeAuditChange } from '@/app/_lib/describe-audit';
import { pageRole } from '@/app/_lib/page-auth';
import { idOrNotFound, orNotFound } from '@/app/_lib/or-not-found';
import { formatBytes, formatDate, formatDateTime } from '@/lib/format';
import { getMemberAdmin } from '@/lib/services/moderation/get-member-admin';
import { getMemberHistory } from '@/lib/services/history/get-member-history';
import { historyPeriodSchema } from '@/lib/validation/history';
import { ResetLinkForm } from './reset-link-form';

type Params = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Read once per request: the title and the page need the same member. */
const memberFor = cache(async (id: string) => orNotFound(getMemberAdmin({ actor: await pageRole('moderator'), userId: idOrNotFound(id) })));

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  return { title: `${(await memberFor((await params).id)).user.username} (staff)` };
}

const reason = { kind: 'text', name: 'reason', label: 'Reason' } as const;

export default async function MemberAdminPage({ params, searchParams }: Params) {
  const actor = await pageRole('moderator');
  const m = await memberFor((await params).id);
  const days = historyPeriodSchema.parse((await searchParams).days);
  const history = await getMemberHistory({ actor, userId: m.user.id, days });
  const { user } = m;
  const canAct = outranks(actor.role, user.role);
  const base = `/admin/members/${user.id}`;
  return (
    <div className="space-y-6">
      <PageTitle>{user.username}{user.banned ? ' (banned)' : ''}</PageTitle>
      <Card>
        <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
          <div><dt className="text-xs uppercase text-zinc-500">Role</dt><dd>{user.role}</dd></div>
          <div><dt className="text-xs uppercase text-zinc-500">Joined</dt><dd>{formatDate(user.createdAt)}</dd></div>
          <div><dt className="text-xs uppercase text-zinc-500">Invited by</dt><dd>{user.invitedBy ?? '—'}</dd></div>
          <div><dt className="text-xs uppercase text-zinc-500">Invites</dt><dd>{user.invitesAvailable}</dd></div>
          <div><dt className="text-xs uppercase text-zinc-500">Uploaded</dt><dd data-testid="admin-uploaded" data-bytes={String(user.uploaded)}>{formatBytes(user.uploaded)}</dd></div>
          <div><dt className="text-xs uppercase text-zinc-500">Downloaded</dt><dd data-testid="admin-downloaded" data-bytes={String(user.downloaded)}>{formatBytes(user.downloaded)}</dd></div>
          <div><dt className="text-xs uppercase text-zinc-500">Ratio</dt><dd><Ratio uploaded={user.uploaded} downloaded={user.downloaded} required={user.requiredRatio} /></dd></div>
          <div><dt className="text-xs uppercase text-zinc-500">Required ratio</dt><dd>{user.requiredRatio.toFixed(2)}</dd></div>
          <div><dt className="text-xs uppercase text-zinc-500">Ratio watch</dt><dd data-testid="admin-watch">{user.watchEndsAt ? `until ${formatDateTime(user.watchEndsAt)}` : 'not on watch'}</dd></div>
          <div><dt className="text-xs uppercase text-zinc-500">Leeching</dt><dd data-testid="admin-leeching">{user.leechingDisabled ? `disabled (${user.leechingDisabledReason ?? 'staff'})` : 'allowed'}</dd></div>
          {user.banned ? <div><dt className="text-xs uppercase text-zinc-500">Ban reason</dt><dd>{user.banReason}</dd></div> : null}
        </dl>
        <div className="mt-4">
          <HistoryChart points={history ?? []} days={days} />
        </div>
      </Card>

      <Card title="Message">
        <ApiForm id="message" action={`${base}/message`} submitLabel="Send message" fields={[
          { kind: 'text', name: 'subject', label: 'Subject' },
          { kind: 'textarea', name: 'body', label: 'Message' },
        ]} />
      </Card>

      {canAct ? (
        <div className="grid gap-6 lg:grid-cols-2">
          <Card title="Adjust statistics">
            <ApiForm id="adjust" action={`${base}/adjust`} submitLabel="Adjust statistics" fields={[
              { kind: 'select', name: 'field', label: 'Statistic', options: [{ value: 'uploaded', label: 'Uploaded' }, { value: 'downloaded', label: 'Downloaded' }] },
              { kind: 'select', name: 'mode', label: 'How', options: [{ value: 'add', label: 'Add (negative to subtract)' }, { value: 'set', label: 'Set to' }] },
              { kind: 'text', name: 'amount', label: 'Amount', inputMode: 'decimal' },
              { kind: 'select', name: 'unit', label: 'Unit', defaultValue: 'GiB', options: ['B', 'KiB', 'MiB', 'GiB', 'TiB'].map((u) => ({ value: u, label: u })) },
              reason,
            ]} />
          </Card>
          <Card title={user.banned ? 'Unban' : 'Ban'}>
            <ApiForm id="ban" action={`${base}/${user.banned ? 'unban' : 'ban'}`} submitLabel={user.banned ? 'Unban' : 'Ban'} variant="danger" fields={[reason]}
              confirm={user.banned ? undefined : { title: `Ban ${user.username}?`, body: `${user.username} is logged out everywhere at once, cannot log in, and the tracker refuses their clients. The ban and its reason go into the audit log; you can unban later.`, confirmLabel: `Ban ${user.username}` }} />
          </Card>
          <Card title="Role">
            <ApiForm id="role" action={`${base}/role`} submitLabel="Change role" fields={[
              { kind: 'select', name: 'role', label: 'New role', defaultValue: user.role, options: ROLES.filter((r) => outranks(actor.role, r)).map((r) => ({ value: r, label: ROLE_LABELS[r] })) },
              reason,
            ]} />
          </Card>
          <Card title="Leeching and ratio watch">
            <ApiForm id="leeching" action={`${base}/leeching`} submitLabel={user.leechingDisabled ? 'Enable leeching' : 'Disable leeching'} variant={user.leechingDisabled ? 'primary' : 'danger'} fields={[
              { kind: 'select', name: 'leeching', label: 'Leeching', defaultValue: user.leechingDisabled ? 'enable' : 'disable', options: [{ value: 'disable', label: 'Disable (seeding stays allowed)' }, { value: 'enable', label: 'Enable' }] },
              reason,
            ]} />
            {user.watchEndsAt ? (
              <div className="mt-4">
                <ApiForm id="watch" action={`${base}/watch`} submitLabel="Change watch" fields={[
                  { kind: 'select', name: 'change', label: 'Watch', options: [{ value: 'extend', label: 'Extend the deadline' }, { value: 'clear', label: 'Clear the watch' }] },
                  { kind: 'text', name: 'days', label: 'Days to extend by', inputMode: 'numeric', defaultValue: '7' },
                  reason,
                ]} />
              </div>
            ) : null}
          </Card>
          <Card title="Invites and passkey">
            <ApiForm id="invites" action={`${base}/invites`} submitLabel="Grant invites" fields={[{ kind: 'text', name: 'count', label: 'Invites to add (negative to take back)', inputMode: 'numeric' }, reason]} />
            <div className="mt-4"><ApiForm id="passkey" action={`${base}/passkey`} submitLabel="Reset passkey" variant="secondary" fields={[]}
              confirm={{ title: `Reset ${user.username}'s passkey?`, body: `Their current passkey stops working at once: every .torrent they downloaded is refused by the tracker until they download it again. Recorded in the audit log.`, confirmLabel: 'Reset passkey' }} /></div>
          </Card>
          <Card title="Account recovery">
            <ResetLinkForm action={`${base}/reset-link`} username={user.username} />
            <div className="mt-4 space-y-2">
              <p className="text-sm" data-testid="admin-two-factor">Two-factor login: {user.totpEnabledAt ? `on since ${formatDateTime(user.totpEnabledAt)}` : 'off'}</p>
              {user.totpEnabledAt ? <ApiForm id="two-factor" action={`${base}/two-factor`} submitLabel="Remove two-factor login" variant="danger" fields={[reason]} /> : null}
            </div>
          </Card>
        </div>
      ) : (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">You can view this member but not act on them: staff act only on lower ranks.</p>
      )}

      <Card title={`Peers now (${m.peers.length})`}>
        {m.peers.length === 0 ? <p className="text-sm">None.</p> : (
          <div className="overflow-x-auto"><table className="w-full min-w-[40rem] text-left text-sm"><thead><tr><th>Torrent</th><th>Address</th><th>Client</th><th>State</th><th>Last announce</th></tr></thead>
            <tbody>{m.peers.map((p, i) => <tr key={i}><td><Link href={`/torrents/${p.torrentId}`}>{p.title}</Link></td><td><code>{p.ip}:{p.port}</code></td><td>{p.client}</td><td>{p.seeder ? 'seeding' : `leeching, ${formatBytes(p.left)} left`}</td><td>{formatDateTime(p.lastAnnounceAt)}</td></tr>)}</tbody></table></div>
        )}
      </Card>
      <Card title={`History (${m.history.length})`}>
        {m.history.length === 0 ? <p className="text-sm">No tracker activity.</p> : (
          <div className="overflow-x-auto"><table className="w-full min-w-[40rem] text-left text-sm"><thead><tr><th>Torrent</th><th>Up (actual / credited)</th><th>Down (actual / credited)</th><th>Seed time</th><th>Completed</th></tr></thead>
            <tbody>{m.history.map((h) => <tr key={h.torrentId}><td><Link href={`/torrents/${h.torrentId}`}>{h.title}</Link></td><td>{formatBytes(h.actualUploaded)} / {formatBytes(h.creditedUploaded)}</td><td>{formatBytes(h.actualDownloaded)} / {formatBytes(h.creditedDownloaded)}</td><td>{(Number(h.seedTimeSeconds) / 3600).toFixed(1)} h</td><td>{h.completedAt ? formatDateTime(h.completedAt) : '—'}</td></tr>)}</tbody></table></div>
        )}
      </Card>
      <Card title={`Cheat flags (${m.flags.length})`}>
        {m.flags.length === 0 ? <p className="text-sm">None.</p> : (
          <div className="overflow-x-auto"><table className="w-full min-w-[40rem] text-left text-sm" data-testid="member-flags"><thead><tr><th>Torrent</th><th>Flag</th><th>Times</th><th>First</th><th>Latest</th><th>Latest announce</th></tr></thead>
            <tbody>{m.flags.map((f) => <tr key={f.id}><td><Link href={`/torrents/${f.torrentId}`}>{f.title}</Link></td><td>{f.kind}</td><td>{f.count}</td><td>{formatDateTime(f.createdAt)}</td><td>{formatDateTime(f.lastAt)}</td><td>{flagFigures(f.details)}</td></tr>)}</tbody></table></div>
        )}
      </Card>
      <Card title="Audit entries about this member">
        {m.audit.length === 0 ? <p className="text-sm">None.</p> : <ul className="text-sm" data-testid="member-audit">{m.audit.map((a) => <li key={a.id}>{formatDateTime(a.createdAt)} · {a.actor} · {a.action}{describeAuditChange(a.action, a.before, a.after).map((line) => ` · ${line}`).join('')}{a.reason ? ` · “${a.reason}”` : ''}</li>)}</ul>}
      </Card>
    </div>
  );
}

/** A flag's figures as the tracker stored them (JSON), in words; the raw text if it is not that shape. */
function flagFigures(details: string): string {
  try {
    const d = JSON.parse(details) as { reportedUploaded?: unknown; reportedDownloaded?: unknown; seconds?: unknown };
    if (typeof d.reportedUploaded !== 'string' || typeof d.reportedDownloaded !== 'string' || typeof d.seconds !== 'number') return details;
    return `reported ${formatBytes(BigInt(d.reportedUploaded))} up, ${formatBytes(BigInt(d.reportedDownloaded))} down in ${d.seconds} s`;
  } catch {
    return details;
  }
}
