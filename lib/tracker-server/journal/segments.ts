import { readdirSync } from 'node:fs';
import path from 'node:path';

const SEGMENT = /^(\d{16})\.journal$/;

export interface Segment {
  /** Sequence number of the segment's first frame. */
  firstSeq: number;
  file: string;
}

/** Segments are named by their first frame's sequence number, so name order is write order. */
export function segmentFile(dir: string, firstSeq: number): string {
  return path.join(dir, `${String(firstSeq).padStart(16, '0')}.journal`);
}

export function listSegments(dir: string): Segment[] {
  const out: Segment[] = [];
  for (const name of readdirSync(dir)) {
    const m = SEGMENT.exec(name);
    if (m !== null) out.push({ firstSeq: Number(m[1]), file: path.join(dir, name) });
  }
  return out.sort((a, b) => a.firstSeq - b.firstSeq);
}

/** Where a tracker keeps the journal of a database file unless told otherwise. */
export function defaultJournalDir(databaseFile: string): string {
  return `${databaseFile}-tracker-journal`;
}
