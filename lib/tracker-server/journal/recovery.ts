import { mkdirSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { appliedSeq, foldBatches, forgetFoldState } from './fold';
import { JournalReader } from './reader';

/**
 * Run at start, before the tracker loads its peers and before any writer or fold worker exists: folds every
 * batch the journal holds beyond TrackerJournal.appliedSeq (what was acknowledged but not yet folded when the
 * process died), deletes the segments, and returns the sequence number the new writer continues from.
 */
export function recoverJournal(db: Database.Database, dir: string, log: (line: string) => void): { nextSeq: number; appliedSeq: number; replayed: number } {
  mkdirSync(dir, { recursive: true });
  const reader = new JournalReader(dir, log);
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
  return { nextSeq: last + 1, appliedSeq: last, replayed };
}
