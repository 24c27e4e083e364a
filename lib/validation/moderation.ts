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
