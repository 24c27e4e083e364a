import 'server-only';
import { db } from '@/lib/db/client';

/** Throws when the database does not answer a trivial query: for health checks and the pages' error boundary. */
export async function checkDatabase(): Promise<void> {
  await db().$queryRawUnsafe('SELECT 1');
}
