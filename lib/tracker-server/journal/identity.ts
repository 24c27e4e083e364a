import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { listSegments } from './segments';

/** The key of the TrackerJournal row of a journal from before journals had an identity (its integer id 1). */
export const LEGACY_JOURNAL_ID = '1';
const FILE = 'journal-id';
const ID = /^[0-9A-Za-z_-]{1,64}$/;

/**
 * The identity of the journal in `dir`, the key of its TrackerJournal row: each journal numbers its batches from
 * 1, so two trackers folding into one database (or a tracker given a new journal folder) must not share a row, or
 * one would skip the other's batches as already applied. Made once and kept in the folder: a random id for a new
 * journal; for a folder that already holds segments but no id (written before ids existed), the id of the single
 * row of that time, so an upgrade replays exactly the batches that row had not applied. A folder without segments
 * has nothing left to fold, so a new id loses nothing (its batches start again from 1, under their own row).
 */
export function journalIdentity(dir: string): string {
  const file = path.join(dir, FILE);
  const stored = readId(file);
  if (stored !== null) return stored;
  const id = listSegments(dir).length > 0 ? LEGACY_JOURNAL_ID : randomBytes(12).toString('base64url');
  // Written whole or not at all, and durable before the first segment that the id numbers.
  const temporary = `${file}.tmp`;
  writeFileSync(temporary, `${id}\n`);
  syncPath(temporary);
  renameSync(temporary, file);
  syncPath(dir);
  return id;
}

function readId(file: string): string | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return null;
    throw error;
  }
  if (!ID.test(text)) throw new Error(`tracker journal: ${file} does not hold a journal id; restore it from a backup or move the folder aside`);
  return text;
}

function syncPath(p: string): void {
  const fd = openSync(p, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
