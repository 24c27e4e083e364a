import { bytesToUpload, formatRatio, formatRequiredRatio } from '@/lib/ratio';
import { formatBytes, formatDateTime } from '@/lib/format';
import { ROLE_LABELS, isRole } from '@/lib/auth/roles';

/** What a notification says: its kind (for filtering and email preferences), a title and a plain-text body. */
export interface NotificationContent {
  kind: NotificationKind;
  title: string;
  body: string;
}

export const NOTIFICATION_KINDS = [
  'watch.start', 'watch.end', 'watch.extend', 'leeching.disable', 'leeching.restore',
  'torrent.delete', 'stats.adjust', 'invite.used', 'role.change', 'staff.message', 'account.restore', 'security.2fa-remove',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

interface Totals {
  uploaded: bigint;
  downloaded: bigint;
  required: number;
}

const standing = (t: Totals) => `Your ratio is ${formatRatio(t.uploaded, t.downloaded)}; the required ratio is ${formatRequiredRatio(t.required)}.`;
const toUpload = (t: Totals) => formatBytes(bytesToUpload(t.uploaded, t.downloaded, t.required));

export function watchStarted(t: Totals & { endsAt: Date }): NotificationContent {
  return {
    kind: 'watch.start',
    title: 'You are on ratio watch',
    body: `${standing(t)} Upload ${toUpload(t)} more (seeding more torrents also lowers the requirement) before ${formatDateTime(t.endsAt)}, `
      + 'or downloading will be disabled. Seeding always stays allowed.',
  };
}

export function watchEnded(t: Totals): NotificationContent {
  return { kind: 'watch.end', title: 'Your ratio watch has ended', body: `${standing(t)} You meet it again.` };
}

export function watchClearedByStaff(reason: string): NotificationContent {
  return { kind: 'watch.end', title: 'Your ratio watch has ended', body: `Staff ended your ratio watch. Reason: ${reason}` };
}

export function watchExtended(endsAt: Date, reason: string): NotificationContent {
  return { kind: 'watch.extend', title: 'Your ratio watch was extended', body: `Staff moved the deadline of your ratio watch to ${formatDateTime(endsAt)}. Reason: ${reason}` };
}

export function leechingDisabledByRatio(t: Totals & { why: 'watch-expired' | 'download-limit'; limitBytes: bigint }): NotificationContent {
  const why = t.why === 'watch-expired'
    ? 'Your ratio watch ended before you reached the required ratio.'
    : `You downloaded more than ${formatBytes(t.limitBytes)} during your ratio watch.`;
  return {
    kind: 'leeching.disable',
    title: 'Downloading is disabled',
    body: `${why} ${standing(t)} Seeding stays allowed, and so does downloading again what you uploaded, snatched or seed. `
      + `Upload ${toUpload(t)} more and downloading comes back by itself.`,
  };
}

export function leechingDisabledByStaff(reason: string): NotificationContent {
  return {
    kind: 'leeching.disable',
    title: 'Downloading is disabled',
    body: `Staff disabled downloading for your account. Reason: ${reason} Seeding stays allowed. Only staff can enable it again: write to them to ask.`,
  };
}

export function leechingRestored(detail: string): NotificationContent {
  return { kind: 'leeching.restore', title: 'Downloading is allowed again', body: detail };
}

export function leechingRestoredByRatio(t: Totals): NotificationContent {
  return leechingRestored(`${standing(t)} You meet it again.`);
}

export function torrentDeleted(options: { title: string; reason: string; relation: 'uploaded' | 'snatched' | 'seed' }): NotificationContent {
  const what = { uploaded: 'you uploaded', snatched: 'you snatched', seed: 'you seed' }[options.relation];
  return {
    kind: 'torrent.delete',
    title: `A torrent ${what} was deleted`,
    body: `“${options.title}” was deleted by staff. Reason: ${options.reason} The tracker no longer accepts it: remove it from your client.`,
  };
}

export function statsAdjusted(options: { field: 'uploaded' | 'downloaded'; before: bigint; after: bigint; reason: string }): NotificationContent {
  const name = options.field === 'uploaded' ? 'Uploaded' : 'Downloaded';
  return {
    kind: 'stats.adjust',
    title: 'Staff adjusted your statistics',
    body: `${name} changed from ${formatBytes(options.before)} to ${formatBytes(options.after)}. Reason: ${options.reason}`,
  };
}

export function inviteUsed(username: string): NotificationContent {
  return { kind: 'invite.used', title: 'Your invite was used', body: `${username} joined with an invite of yours.` };
}

export function roleChanged(before: string, after: string, reason: string): NotificationContent {
  const label = (role: string) => (isRole(role) ? ROLE_LABELS[role] : role);
  return { kind: 'role.change', title: 'Your role changed', body: `You are now ${label(after)} (before: ${label(before)}). Reason: ${reason}` };
}

export function staffMessage(subject: string): NotificationContent {
  return { kind: 'staff.message', title: `Message from staff: ${subject}`, body: 'Staff wrote to you. Read and answer it under Messages.' };
}

export function accountRestored(reason: string): NotificationContent {
  return { kind: 'account.restore', title: 'Your account was restored', body: `Staff lifted the ban on your account: you can log in and use the tracker again. Reason: ${reason}` };
}

export function twoFactorRemovedByStaff(reason: string): NotificationContent {
  return {
    kind: 'security.2fa-remove',
    title: 'Staff removed your two-factor login',
    body: `Staff removed two-factor login from your account: your password alone logs you in now. Reason: ${reason} `
      + 'Set it up again under Two-factor login. If you did not ask for this, change your password and write to staff at once.',
  };
}
