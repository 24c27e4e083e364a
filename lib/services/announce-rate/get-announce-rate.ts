import 'server-only';
import { isStaff } from '@/lib/auth/roles';
import type { SessionUser } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { AppError } from '@/lib/errors';

const MINUTE_MS = 60_000;
/** The chart's step: 144 points over a day. */
export const ANNOUNCE_BUCKET_MINUTES = 10;
const BUCKETS = (24 * 60) / ANNOUNCE_BUCKET_MINUTES;

export interface AnnounceRateDto {
  /** Oldest first, one per ANNOUNCE_BUCKET_MINUTES of the last 24 hours (the last one still running). */
  buckets: { start: Date; announces: number; busiestMinute: number }[];
  /** Announces over the 24 hours. */
  total: number;
}

/** Announces per minute over the last 24 hours, for staff (the tracker stores them, announce-minute-writer.ts). */
export async function getAnnounceRate(options: { actor: SessionUser; now?: Date }): Promise<AnnounceRateDto> {
  if (!isStaff(options.actor.role)) throw new AppError('FORBIDDEN', { userMessage: 'Staff only' });
  const step = ANNOUNCE_BUCKET_MINUTES * MINUTE_MS;
  const nowMs = (options.now ?? new Date()).getTime();
  const first = Math.floor(nowMs / step) * step - (BUCKETS - 1) * step;
  const rows = await db().announceMinute.findMany({
    where: { minute: { gte: new Date(first), lte: new Date(nowMs) } },
    select: { minute: true, announces: true },
  });
  const buckets = Array.from({ length: BUCKETS }, (_, i) => ({ start: new Date(first + i * step), announces: 0, busiestMinute: 0 }));
  for (const row of rows) {
    const bucket = buckets[Math.floor((row.minute.getTime() - first) / step)];
    if (!bucket) continue;
    bucket.announces += row.announces;
    bucket.busiestMinute = Math.max(bucket.busiestMinute, row.announces);
  }
  return { buckets, total: buckets.reduce((sum, b) => sum + b.announces, 0) };
}
