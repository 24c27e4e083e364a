import type { Metadata } from 'next';
import { Card, PageTitle } from '@/app/_components/ui/card';
import { pageRole } from '@/app/_lib/page-auth';
import { getSetting } from '@/lib/services/settings';
import { getRatioTables } from '@/lib/services/ratio/ratio-tables';
import { getRatioSettings } from '@/lib/services/update-ratio-settings';
import { ApiForm } from '@/app/_components/api-form';
import { RegistrationForm } from './registration-form';
import { UploadRoleForm } from './upload-role-form';

export const metadata: Metadata = { title: 'Site settings' };

export default async function SiteSettingsPage() {
  const actor = await pageRole('admin');
  const [mode, uploadRole, ratio, tables, retentionDays, staffTwoFactor] = await Promise.all([getSetting('registrationMode'), getSetting('uploadMinRole'), getRatioSettings(), getRatioTables(), getSetting('notificationRetentionDays'), getSetting('requireTwoFactorForStaff')]);
  return (
    <div className="space-y-6">
      <PageTitle>Site settings</PageTitle>
      <Card title="Registration">
        <RegistrationForm current={mode} />
      </Card>
      <Card title="Uploads">
        <UploadRoleForm current={uploadRole} />
      </Card>
      <Card title="Ratio watch, credit and the tracker">
        <ApiForm id="ratio" action="/admin/settings/ratio" submitLabel="Save ratio settings" fields={[
          { kind: 'text', name: 'watchDays', label: 'Ratio watch length (days)', defaultValue: String(ratio.watchDays), inputMode: 'numeric' },
          { kind: 'text', name: 'maxDownloadDuringWatchGiB', label: 'Download limit during a watch (GiB)', defaultValue: String(ratio.maxDownloadDuringWatchGiB), inputMode: 'decimal', hint: 'Downloading more than this while on watch disables leeching at once' },
          { kind: 'text', name: 'startingCreditGiB', label: 'Starting credit for new members (GiB uploaded)', defaultValue: String(Number(BigInt(ratio.startingCreditBytes)) / 1024 ** 3), inputMode: 'decimal' },
          { kind: 'text', name: 'announceIntervalMinutes', label: 'Announce interval (minutes)', defaultValue: String(ratio.announceIntervalSeconds / 60), inputMode: 'numeric' },
          { kind: 'datetime', name: 'siteFreeleechUntil', label: 'Site-wide freeleech until (UTC, empty for off)', defaultValue: ratio.siteFreeleechUntil?.slice(0, 16) ?? '', hint: 'Date and time in UTC; clear the field to end it' },
          { kind: 'datetime', name: 'siteDoubleUploadUntil', label: 'Site-wide double upload until (UTC, empty for off)', defaultValue: ratio.siteDoubleUploadUntil?.slice(0, 16) ?? '', hint: 'Date and time in UTC; clear the field to end it' },
        ]} />
      </Card>
      <Card title="Two-factor login for staff">
        <ApiForm id="staff-2fa" action="/admin/settings/two-factor" submitLabel="Save two-factor rule" fields={[
          { kind: 'checkbox', name: 'required', label: 'Moderators and admins must use two-factor login to use the staff pages', defaultChecked: staffTwoFactor },
        ]} />
      </Card>
      <Card title="Notifications">
        <ApiForm id="notifications" action="/admin/settings/notifications" submitLabel="Save notification settings" fields={[
          { kind: 'text', name: 'retentionDays', label: 'Keep read notifications (days)', defaultValue: String(retentionDays), inputMode: 'numeric', hint: 'Unread ones are kept until read' },
        ]} />
      </Card>
      <Card title="Required ratio table">
        <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">
          Required = max(ratio at 100% seeding, ratio at 0% × (1 − seeding ÷ snatched)). A new table takes effect from its date; running watches keep the table they started under.
        </p>
        <table className="mb-4 w-full max-w-lg text-left text-sm" aria-label="Ratio table in effect">
          <thead><tr className="border-b border-zinc-200 dark:border-zinc-800"><th>Downloaded (GiB)</th><th>At 0% seeding</th><th>At 100% seeding</th></tr></thead>
          <tbody>{tables.current.map((r) => <tr key={r.fromGiB}><td>{r.fromGiB}{r.toGiB === null ? '+' : `–${r.toGiB}`}</td><td>{r.maxRatio.toFixed(2)}</td><td>{r.minRatio.toFixed(2)}</td></tr>)}</tbody>
        </table>
        <ApiForm id="table" action="/admin/settings/ratio-table" submitLabel="Save new table" fields={[
          { kind: 'textarea', name: 'rows', label: 'Rows: from GiB, to GiB (- for the last), ratio at 0% and at 100% seeding', defaultValue: tables.current.map((r) => `${r.fromGiB} ${r.toGiB ?? '-'} ${r.maxRatio.toFixed(2)} ${r.minRatio.toFixed(2)}`).join('\n') },
          { kind: 'datetime', name: 'effectiveFrom', label: 'Takes effect (UTC)', defaultValue: new Date().toISOString().slice(0, 16) },
        ]} />
        {tables.versions.length ? <p className="mt-3 text-xs text-zinc-500">{tables.versions.length} saved version(s); latest from {tables.versions[tables.versions.length - 1]!.effectiveFrom.toISOString().slice(0, 16)} UTC.</p> : <p className="mt-3 text-xs text-zinc-500">Using the built-in default (Gazelle's table).</p>}
      </Card>
    </div>
  );
}
