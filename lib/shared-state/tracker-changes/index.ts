import { databaseProvider } from '@/lib/db/provider';
import { env } from '@/lib/env';
import { notifyTrackerChanged } from '@/lib/tracker-server/invalidate';
import { listenForTrackerChanges, sendTrackerChange, type RawExecutor, type TrackerChangeListener } from './postgres';

/**
 * How a change the tracker caches (a ban, a passkey reset, a torrent's mode, the blacklist, settings) reaches the
 * tracker, wherever it was made:
 * - inside the transaction that makes it, `notifyTrackerOnCommit(tx)`: on PostgreSQL a NOTIFY that is delivered
 *   with the commit to the tracker process's listener (startTrackerChangeListener), whichever process committed;
 *   on SQLite nothing (one process: see next);
 * - once it committed, `notifyTrackerChanged()` (invalidate.ts): this process's own tracker drops its caches now.
 *   On SQLite that is the whole story; it must come after the commit, or the tracker could reload the old rows.
 */
export async function notifyTrackerOnCommit(tx: RawExecutor): Promise<void> {
  if (databaseProvider(env().databaseUrl) === 'postgres') await sendTrackerChange(tx);
}

/**
 * In the process that runs the tracker, on PostgreSQL: listens for the changes any process commits and moves the
 * tracker's cache generation (trackerGeneration(), which its Directory compares). Null on SQLite, where every
 * change is made in this process.
 */
export function startTrackerChangeListener(options: { log?: (line: string) => void } = {}): TrackerChangeListener | null {
  const { databaseUrl } = env();
  if (databaseProvider(databaseUrl) !== 'postgres') return null;
  return listenForTrackerChanges({ databaseUrl, onChange: notifyTrackerChanged, log: options.log });
}
