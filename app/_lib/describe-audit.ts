import { formatBytes, formatDateTime } from '@/lib/format';
import { RATIO_SETTING_LABELS } from '@/lib/validation/ratio-settings';

/** Names for the fields audit entries record, as staff read them. */
const LABELS: Record<string, string> = {
  uploaded: 'Uploaded',
  downloaded: 'Downloaded',
  banned: 'Banned',
  role: 'Role',
  invites: 'Invites',
  leechingDisabled: 'Leeching disabled',
  leechingDisabledReason: 'Why leeching is disabled',
  reason: 'Why',
  watch: 'Ratio watch',
  'watch.startedAt': 'Watch started',
  'watch.endsAt': 'Watch ends',
  'watch.downloadedAtStart': 'Downloaded at the watch’s start',
  'watch.requiredAtStart': 'Required ratio at the watch’s start',
  watchEndsAt: 'Watch ends',
  torrentId: 'Torrent',
  title: 'Title',
  freeleech: 'Freeleech',
  neutral: 'Neutral',
  doubleUpload: 'Double upload',
  prefix: 'Client prefix',
  name: 'Name',
  slug: 'Slug',
  effectiveFrom: 'Takes effect',
  rows: 'Rows',
  ...RATIO_SETTING_LABELS,
  'upload-role': 'Who may upload',
  'registration-mode': 'Registration',
};

/** Shown even when unchanged: they say what the entry is about. */
const CONTEXT = new Set(['torrentId']);

const BYTE_KEYS = /(^|\.)(uploaded|downloaded|downloadedAtStart|startingCreditBytes)$/;
const TIME_KEYS = /(At|Until|effectiveFrom)$/;

function label(key: string): string {
  if (LABELS[key]) return LABELS[key];
  const words = key.split('.').pop()!.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[-_]/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function show(key: string, value: unknown): string {
  if (value === null || value === undefined) return 'none';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return `${value.length} row${value.length === 1 ? '' : 's'}`;
  if (BYTE_KEYS.test(key) && (typeof value === 'string' || typeof value === 'number') && /^-?\d+$/.test(String(value))) return formatBytes(BigInt(value));
  if (TIME_KEYS.test(key) && typeof value === 'string' && !Number.isNaN(Date.parse(value))) return formatDateTime(new Date(value));
  if (key === 'torrentId') return `#${String(value)}`;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** A JSON object's leaves as dotted keys; a scalar becomes one entry under `scalarKey`. */
function flatten(value: unknown, scalarKey: string, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    out.set(prefix || scalarKey, value);
    return out;
  }
  for (const [k, v] of Object.entries(value)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) for (const [kk, vv] of flatten(v, scalarKey, key)) out.set(kk, vv);
    else out.set(key, v);
  }
  return out;
}

function parse(text: string | null): { present: boolean; value: unknown } {
  if (text === null) return { present: false, value: undefined };
  try {
    return { present: true, value: JSON.parse(text) as unknown };
  } catch {
    return { present: true, value: text };
  }
}

/**
 * An audit entry's before and after (stored as JSON) as lines staff can read: "Downloaded: 39.20 MiB → 60.00 GiB".
 * With both sides only what changed is listed; with one side (a creation, a deletion) what it recorded.
 */
export function describeAuditChange(action: string, before: string | null, after: string | null): string[] {
  const scalarKey = action.split('.').slice(1).join('.') || action;
  const b = parse(before);
  const a = parse(after);
  if (!b.present && !a.present) return [];
  const from = b.present ? flatten(b.value, scalarKey) : new Map<string, unknown>();
  const to = a.present ? flatten(a.value, scalarKey) : new Map<string, unknown>();
  const keys = [...new Set([...from.keys(), ...to.keys()])];
  if (!b.present || !a.present) return keys.map((k) => `${label(k)}: ${show(k, (b.present ? from : to).get(k))}`);
  const context = keys.filter((k) => CONTEXT.has(k) && JSON.stringify(from.get(k)) === JSON.stringify(to.get(k))).map((k) => `${label(k)}: ${show(k, to.get(k))}`);
  const lines = keys
    .filter((k) => JSON.stringify(from.get(k) ?? null) !== JSON.stringify(to.get(k) ?? null))
    .map((k) => `${label(k)}: ${show(k, from.get(k))} → ${show(k, to.get(k))}`);
  return [...context, ...(lines.length ? lines : ['no change'])];
}
