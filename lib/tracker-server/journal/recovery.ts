import { mkdirSync } from 'node:fs';
import Database from 'better-sqlite3';
import { databaseProvider } from '@/lib/db/provider';
import { sqlitePath } from '@/lib/env';
import { appliedSeq, foldBatches, forgetFoldState } from './fold';
import { JournalReader } from './reader';

export interface RecoverJournalOptions {
  databaseUrl: string;
  dir: string;
  log: (line: string) => void;
}

export interface RecoveredJournal {
  nextSeq: number;
  appliedSeq: number;
  replayed: number;
  /** Which journal's position the database keeps (one per tracker journal). */
  journalId: string;
}

/**
 * Run at start, before the tracker loads its peers and before any writer or fold worker exists: folds every
 * batch the journal holds beyond TrackerJournal.appliedSeq (what was acknowledged but not yet folded when the
 * process died), deletes the segments, and returns the sequence number the new writer continues from.
 */
export async function recoverJournal(options: RecoverJournalOptions): Promise<RecoveredJournal> {
  const { dir, log } = options;
  mkdirSync(dir, { recursive: true });
  const reader = new JournalReader(dir, log);
  if (databaseProvider(options.databaseUrl) === 'postgres') {
    if (reader.read(false).length > 0) throw new Error('this build cannot fold a journal into PostgreSQL');
    return { nextSeq: 1, appliedSeq: 0, replayed: 0, journalId: 'default' };
  }
  const db = new Database(sqlitePath(options.databaseUrl), { fileMustExist: true, timeout: 5000 });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    let last = appliedSeq(db);
    let replayed = 0;
    for (;;) {
      const batches = reader.read(false);
      if (batches.length === 0) break;
      const result = foldBatches(db, batches);
      replayed += result.records;
      last = Math.max(last, result.appliedSeq);
    }
    reader.prune();
    forgetFoldState(db);
    return { nextSeq: last + 1, appliedSeq: last, replayed, journalId: 'default' };
  } finally {
    db.close();
  }
}
