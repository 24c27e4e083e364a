import { closeSync, fstatSync, openSync, readSync, unlinkSync } from 'node:fs';
import { readFrame } from './frames';
import { listSegments } from './segments';

/** One frame: its sequence number and its encoded records (records.ts: decodeRecords or a RecordCursor). */
export interface JournalBatch {
  seq: number;
  payload: Uint8Array;
}

/**
 * Reads the journal's frames in order, from the oldest segment on. With `writerActive`, the newest segment may
 * still be growing: an incomplete frame at its end is waited for. Otherwise (recovery at start, or any segment
 * that has a successor), a torn or corrupt frame ends its segment: it was never acknowledged.
 */
export class JournalReader {
  private segmentFirstSeq = -1;
  private offset = 0;
  /** Segments read to their end, to delete once what was read from them is folded. */
  private finished: string[] = [];

  constructor(
    private readonly dir: string,
    private readonly log: (line: string) => void,
  ) {}

  /** Whether the last read() stopped at its byte budget: more frames may be waiting. */
  more = false;

  /** Complete frames after the last read, up to roughly `maxBytes` of them. */
  read(writerActive: boolean, maxBytes = 16 * 1024 * 1024): JournalBatch[] {
    const out: JournalBatch[] = [];
    let budget = maxBytes;
    this.more = false;
    const segments = listSegments(this.dir);
    for (let i = 0; i < segments.length && budget > 0; i++) {
      const segment = segments[i] as (typeof segments)[number];
      if (segment.firstSeq < this.segmentFirstSeq) continue;
      if (segment.firstSeq > this.segmentFirstSeq) {
        this.segmentFirstSeq = segment.firstSeq;
        this.offset = 0;
      }
      const final = !writerActive || i < segments.length - 1;
      const { batches, consumed, stop } = this.readSegment(segment.file, final, budget);
      for (const b of batches) out.push(b);
      budget -= consumed;
      if (stop === 'budget' || budget <= 0) this.more = true;
      if (stop === 'wait') break;
      if (stop === 'end' && final) {
        this.finished.push(segment.file);
        continue;
      }
      break;
    }
    return out;
  }

  /** Deletes the segments read to their end: call only after everything read so far is folded. */
  prune(): void {
    for (const file of this.finished) {
      try {
        unlinkSync(file);
      } catch (error) {
        if ((error as { code?: string }).code !== 'ENOENT') throw error;
      }
    }
    this.finished = [];
  }

  private readSegment(file: string, final: boolean, budget: number): { batches: JournalBatch[]; consumed: number; stop: 'end' | 'wait' | 'budget' } {
    const fd = openSync(file, 'r');
    try {
      const size = fstatSync(fd).size;
      const batches: JournalBatch[] = [];
      let consumed = 0;
      while (this.offset < size && consumed < budget) {
        const want = Math.min(size - this.offset, Math.max(budget - consumed, 1024 * 1024));
        let buf = readAt(fd, this.offset, want);
        let frame = readFrame(buf, 0);
        if (frame.kind === 'incomplete' && this.offset + frame.needed <= size) {
          // One frame larger than this read: read it whole.
          buf = readAt(fd, this.offset, frame.needed);
          frame = readFrame(buf, 0);
        }
        let at = 0;
        while (frame.kind === 'frame') {
          batches.push({ seq: frame.seq, payload: frame.payload });
          at = frame.end;
          frame = readFrame(buf, at);
        }
        this.offset += at;
        consumed += at;
        if (at > 0) continue;
        // No complete frame here: a write in progress (wait for it), or a torn or corrupt tail.
        if (!final) return { batches, consumed, stop: 'wait' };
        const reason = frame.kind === 'corrupt' ? frame.reason : 'truncated frame';
        this.log(`tracker journal: ${file}: ${reason} at byte ${this.offset}; the rest of the segment was never acknowledged and is skipped`);
        this.offset = size;
      }
      return { batches, consumed, stop: this.offset >= size ? 'end' : 'budget' };
    } finally {
      closeSync(fd);
    }
  }
}

function readAt(fd: number, position: number, length: number): Buffer {
  const buf = Buffer.allocUnsafe(length);
  const got = readSync(fd, buf, 0, length, position);
  return buf.subarray(0, got);
}
