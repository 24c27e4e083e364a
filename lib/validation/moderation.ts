import { z } from 'zod';
import { ROLES } from '@/lib/auth/roles';

const one = (v: unknown) => (Array.isArray(v) ? v[0] : v);

export const MEMBER_SORTS = ['ratio', 'uploaded', 'downloaded', 'joined', 'username'] as const;

/** The staff members table, read from the URL; malformed values fall back to defaults. */
export const memberQuerySchema = z.object({
  q: z.preprocess(one, z.string().trim().max(32).optional().catch(undefined)),
  sort: z.preprocess(one, z.enum(MEMBER_SORTS).default('ratio').catch('ratio')),
  order: z.preprocess(one, z.enum(['asc', 'desc']).default('asc').catch('asc')),
  status: z.preprocess(one, z.enum(['banned', 'active', 'watch', 'leech-disabled']).optional().catch(undefined)),
  minDownloadedGiB: z.preprocess(one, z.coerce.number().min(0).max(1e9).optional().catch(undefined)),
  page: z.preprocess(one, z.coerce.number().int().min(1).max(10_000).default(1).catch(1)),
});
export type MemberQuery = z.infer<typeof memberQuerySchema>;

const reason = z.string().trim().min(3, 'Give a reason (at least 3 characters)').max(500, 'Reason must be at most 500 characters');

const UNITS: Record<string, bigint> = { B: 1n, KiB: 1024n, MiB: 1024n ** 2n, GiB: 1024n ** 3n, TiB: 1024n ** 4n };

/** "12.5", unit "GiB" -> exact bytes; negative allowed for deltas. */
function toBytes(amount: string, unit: string): bigint | null {
  const m = /^(-)?(\d{1,15})(?:\.(\d{1,6}))?$/.exec(amount.trim());
  const factor = UNITS[unit];
  if (!m || !factor) return null;
  const frac = (m[3] ?? '').padEnd(6, '0');
  const micro = BigInt(m[2]!) * 1_000_000n + BigInt(frac);
  const bytes = (micro * factor) / 1_000_000n;
  return m[1] ? -bytes : bytes;
}

export const adjustStatsSchema = z
  .object({
    field: z.enum(['uploaded', 'downloaded'], { message: 'Choose uploaded or downloaded' }),
    mode: z.enum(['set', 'add'], { message: 'Choose set or add' }),
    amount: z.string().max(40, 'Amount is too long'),
    unit: z.enum(['B', 'KiB', 'MiB', 'GiB', 'TiB'], { message: 'Choose a unit' }),
    reason,
  })
  .transform((v, ctx) => {
    const bytes = toBytes(v.amount, v.unit);
    if (bytes === null) {
      ctx.addIssue({ code: 'custom', path: ['amount'], message: 'Enter a number such as 10 or 2.5 (negative to subtract)' });
      return z.NEVER;
    }
    if (v.mode === 'set' && bytes < 0n) {
      ctx.addIssue({ code: 'custom', path: ['amount'], message: 'A new value cannot be negative' });
      return z.NEVER;
    }
    return { field: v.field, mode: v.mode, amount: bytes, reason: v.reason };
  });

export const reasonSchema = z.object({ reason });
export const roleSchema = z.object({ role: z.enum(ROLES, { message: 'Choose a role' }), reason });
export const invitesSchema = z.object({ count: z.coerce.number({ message: 'Enter a number' }).int('Enter a whole number').min(-100).max(100, 'At most 100 at a time'), reason });
export const torrentModeSchema = z.object({
  freeleech: z.preprocess((v) => v === 'on' || v === 'true', z.boolean()),
  neutral: z.preprocess((v) => v === 'on' || v === 'true', z.boolean()),
  doubleUpload: z.preprocess((v) => v === 'on' || v === 'true', z.boolean()),
});
export const blacklistSchema = z.object({
  prefix: z.string().min(1, 'Enter a peer_id prefix').max(20, 'A peer_id has only 20 bytes').regex(/^[\x20-\x7e]+$/, 'Use printable ASCII, e.g. -XL0012-'),
  note: z.string().trim().max(200, 'Note must be at most 200 characters').default(''),
});

const optionalInstant = z
  .string()
  .trim()
  .max(40)
  .transform((v, ctx) => {
    if (v === '') return null;
    const ms = Date.parse(v.endsWith('Z') || /[+-]\d\d:\d\d$/.test(v) ? v : `${v}Z`);
    if (Number.isNaN(ms)) {
      ctx.addIssue({ code: 'custom', message: 'Enter a date and time such as 2026-12-31T23:59 (UTC), or leave empty' });
      return z.NEVER;
    }
    return new Date(ms).toISOString();
  });

/** The ratio and tracker settings form; the starting credit is entered in GiB and stored in bytes. */
export const ratioSettingsSchema = z.object({
  watchDays: z.coerce.number({ message: 'Enter a number of days' }).int('Enter whole days').min(1, 'At least 1 day').max(365, 'At most 365 days'),
  maxDownloadDuringWatchGiB: z.coerce.number({ message: 'Enter a number of GiB' }).min(0, 'Cannot be negative').max(1_000_000, 'Too large'),
  startingCreditGiB: z.coerce.number({ message: 'Enter a number of GiB' }).min(0, 'Cannot be negative').max(1_000_000, 'Too large'),
  announceIntervalMinutes: z.coerce.number({ message: 'Enter minutes' }).int('Enter whole minutes').min(1, 'At least 1 minute').max(1440, 'At most 1440 minutes'),
  siteFreeleechUntil: optionalInstant,
  siteDoubleUploadUntil: optionalInstant,
});

/** One table row per line: from GiB, to GiB (or "-" for the last, open-ended row), ratio at 0% and at 100% seeding. */
export const ratioTableSchema = z.object({
  rows: z
    .string()
    .max(4000, 'The table is too long')
    .transform((text, ctx) => {
      const rows = [];
      for (const [i, line] of text.split('\n').map((l) => l.trim()).filter(Boolean).entries()) {
        const m = /^(\d+)\s+(\d+|-)\s+(\d+(?:\.\d+)?)\s+(\d+(?:\.\d+)?)$/.exec(line);
        if (!m) {
          ctx.addIssue({ code: 'custom', message: `Line ${i + 1}: write "from to ratio-at-0% ratio-at-100%", e.g. "5 10 0.15 0.00"` });
          return z.NEVER;
        }
        rows.push({ fromGiB: Number(m[1]), toGiB: m[2] === '-' ? null : Number(m[2]), maxRatio: Number(m[3]), minRatio: Number(m[4]) });
      }
      return rows;
    }),
  effectiveFrom: z.string().trim().min(1, 'Choose when the table takes effect').transform((v, ctx) => {
    const ms = Date.parse(v.endsWith('Z') ? v : `${v}Z`);
    if (Number.isNaN(ms)) {
      ctx.addIssue({ code: 'custom', message: 'Enter a date and time such as 2026-12-01T00:00 (UTC)' });
      return z.NEVER;
    }
    return new Date(ms);
  }),
});
