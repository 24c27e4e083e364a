import { mkdirSync } from 'node:fs';
import { journalIdentity } from './identity';
import { JournalReader } from './reader';
import { openJournalStore } from './store';

export interface RecoverJournalOptions {
  /** `file:` (SQLite) or `postgresql://` URL of the site's database, already migrated. */
  databaseUrl: string;
  dir: string;
  log: (line: string) => void;
}

export interface RecoveredJournal {
  /** The sequence number the new writer continues from. */
  nextSeq: number;
  appliedSeq: number;
  /** Records folded now (those acknowledged but not yet folded when the last run ended). */
  replayed: number;
  /** The journal's identity, the key of its position in TrackerJournal (identity.ts). */
  journalId: string;
}

/** How long recovery waits for a lock the site holds: it runs once, at start, and should not give up early. */
const RECOVERY_BUSY_TIMEOUT_MS = 30_000;

/**
 * Run at start, before the tracker loads its peers and before any writer or fold worker exists: folds every
 * batch the journal holds beyond its TrackerJournal.appliedSeq (what was acknowledged but not yet folded when the
 * process died), deletes the segments, and returns the sequence number the new writer continues from.
 */
export async function recoverJournal(options: RecoverJournalOptions): Promise<RecoveredJournal> {
  const { databaseUrl, dir, log } = options;
  mkdirSync(dir, { recursive: true });
  const journalId = journalIdentity(dir);
  const store = openJournalStore({ databaseUrl, journalId, busyTimeoutMs: RECOVERY_BUSY_TIMEOUT_MS, fsync: true, longLived: false, log });
  try {
    const reader = new JournalReader(dir, log);
    let last = await store.appliedSeq();
    let replayed = 0;
    for (;;) {
      const batches = reader.read(false);
      if (batches.length === 0) break;
      const result = await store.fold(batches);
      replayed += result.records;
      last = Math.max(last, result.appliedSeq);
    }
    reader.prune();
    return { nextSeq: last + 1, appliedSeq: last, replayed, journalId };
  } finally {
    await store.close();
  }
}
