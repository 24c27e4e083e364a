import { NOTIFICATION_KINDS, type NotificationKind } from './messages';

/** Security notices: mailed to a verified address whatever the member chose, since they warn of a takeover. */
export const ALWAYS_MAILED_KINDS: readonly NotificationKind[] = ['security.2fa-remove'];

/** The kinds a member may choose to have also sent by email, each with the label of its checkbox. */
export const EMAIL_CHOOSABLE_KINDS: readonly { kind: NotificationKind; label: string }[] = ([
  ['watch.start', 'My ratio watch started'],
  ['watch.end', 'My ratio watch ended'],
  ['watch.extend', 'Staff extended my ratio watch'],
  ['leeching.disable', 'Downloading was disabled for me'],
  ['leeching.restore', 'Downloading is allowed again'],
  ['torrent.delete', 'A torrent I uploaded, snatched or seed was deleted'],
  ['stats.adjust', 'Staff adjusted my statistics'],
  ['invite.used', 'An invite of mine was used'],
  ['role.change', 'My role changed'],
  ['staff.message', 'Staff wrote to me'],
  ['account.restore', 'My account was restored after a ban'],
] as const).map(([kind, label]) => ({ kind, label }));

const CHOOSABLE = new Set<string>(EMAIL_CHOOSABLE_KINDS.map((k) => k.kind));

export function isChoosableKind(kind: string): kind is NotificationKind {
  return CHOOSABLE.has(kind);
}

/** Reads `User.emailNotifications` (comma-separated); kinds no longer known are ignored. */
export function parseEmailKinds(stored: string): NotificationKind[] {
  const chosen = new Set(stored.split(','));
  return NOTIFICATION_KINDS.filter((kind) => chosen.has(kind) && CHOOSABLE.has(kind));
}

export function serializeEmailKinds(kinds: Iterable<NotificationKind>): string {
  const chosen = new Set(kinds);
  return NOTIFICATION_KINDS.filter((kind) => chosen.has(kind)).join(',');
}

/** Whether a notification of `kind` also goes by email to a member who chose `stored`. */
export function mailsKind(kind: NotificationKind, stored: string): boolean {
  return ALWAYS_MAILED_KINDS.includes(kind) || parseEmailKinds(stored).includes(kind);
}
