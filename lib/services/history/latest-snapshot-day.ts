import 'server-only';
import { db } from '@/lib/db/client';

/** The latest day up to `today` whose snapshot is complete, or null before the first one. */
export async function latestSnapshotDay(today: string): Promise<string | null> {
  const row = await db().siteSnapshot.findFirst({ where: { day: { lte: today } }, orderBy: { day: 'desc' }, select: { day: true } });
  return row?.day ?? null;
}
