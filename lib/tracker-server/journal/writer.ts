import { closeSync, fdatasync, fsyncSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { encodeFrame, FRAME_HEADER_BYTES } from './frames';
import { segmentFile } from './segments';

export interface JournalWriterOptions {
  dir: string;
  /** Sequence number of the first frame this writer appends. */
  nextSeq: number;
  /** A segment that reached this size is closed; the next frame starts a new one. */
  segmentBytes: number;
  /** fdatasync before a frame counts as durable (TRACKER_SYNCHRONOUS=full); otherwise the write() suffices. */
  fsync: boolean;
}

/**
 * Appends frames to the journal, each with one write(2) from the event loop: once it returns, the frame is in
 * the OS page cache and survives a crash of the process (`kill -9`). With `fsync`, durable() also waits for an
 * fdatasync on the thread pool, shared by every frame written before it started (group commit of the fsync).
 * A failed write closes the segment; the next append opens a new one, so a torn frame is always the last of its
 * segment and readers skip it.
 */
export class JournalWriter {
  private fd: number | null = null;
  private segmentSize = 0;
  private nextSeq: number;
  private syncedSeq = 0;
  private syncing = false;
  /** The fd an fdatasync is running on; closing it is deferred until that returns. */
  private syncingFd: number | null = null;
  private closeAfterSync = false;
  private waiters: { seq: number; resolve: () => void; reject: (error: Error) => void }[] = [];
  /** Sequence number of the last frame written. */
  lastSeq: number;

  private scratch = Buffer.allocUnsafe(64 * 1024);

  constructor(private readonly options: JournalWriterOptions) {
    mkdirSync(options.dir, { recursive: true });
    this.nextSeq = options.nextSeq;
    this.lastSeq = options.nextSeq - 1;
    this.syncedSeq = this.lastSeq;
  }

  /** Writes one frame; returns its sequence number. Throws if the frame could not be written whole. */
  append(payload: Uint8Array): number {
    const seq = this.nextSeq;
    // Written synchronously below, so one scratch buffer serves every frame.
    if (this.scratch.length < FRAME_HEADER_BYTES + payload.length) this.scratch = Buffer.allocUnsafe(2 * (FRAME_HEADER_BYTES + payload.length));
    const frame = encodeFrame(seq, payload, this.scratch);
    const fd = this.fd ?? this.open(seq);
    try {
      let done = 0;
      while (done < frame.length) done += writeSync(fd, frame, done, frame.length - done);
    } catch (error) {
      this.closeSegment(false);
      throw error;
    }
    this.nextSeq++;
    this.lastSeq = seq;
    this.segmentSize += frame.length;
    if (this.segmentSize >= this.options.segmentBytes) this.closeSegment(true);
    return seq;
  }

  /** Resolves once the frame `seq` is as durable as configured (at once without fsync). */
  durable(seq: number): Promise<void> {
    if (!this.options.fsync || seq <= this.syncedSeq) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.waiters.push({ seq, resolve, reject });
      this.startSync();
    });
  }

  close(): void {
    this.closeSegment(true);
  }

  private open(seq: number): number {
    const fd = openSync(segmentFile(this.options.dir, seq), 'wx');
    if (this.options.fsync) {
      // The new file's directory entry must be durable too.
      const dirFd = openSync(this.options.dir, 'r');
      try {
        fsyncSync(dirFd);
      } finally {
        closeSync(dirFd);
      }
    }
    this.fd = fd;
    this.segmentSize = 0;
    return fd;
  }

  /** Closes the current segment; with `sync`, fsyncs it first when fsync is on (rare: once per segment). */
  private closeSegment(sync: boolean): void {
    const fd = this.fd;
    if (fd === null) return;
    this.fd = null;
    try {
      if (sync && this.options.fsync) {
        fsyncSync(fd);
        this.markSynced(this.lastSeq);
      }
    } finally {
      if (fd === this.syncingFd) this.closeAfterSync = true;
      else closeSync(fd);
    }
  }

  private startSync(): void {
    if (this.syncing) return;
    const fd = this.fd;
    const target = this.lastSeq;
    if (fd === null) {
      // Closed since: closeSegment fsynced it, or a write failed and the waiters' frames were written earlier.
      this.markSynced(target);
      return;
    }
    this.syncing = true;
    this.syncingFd = fd;
    fdatasync(fd, (error) => {
      this.syncing = false;
      this.syncingFd = null;
      if (this.closeAfterSync) {
        this.closeAfterSync = false;
        closeSync(fd);
      }
      if (error) {
        const pending = this.waiters.filter((w) => w.seq <= target);
        this.waiters = this.waiters.filter((w) => w.seq > target);
        for (const w of pending) w.reject(error);
      } else {
        this.markSynced(target);
      }
      if (this.waiters.length > 0) this.startSync();
    });
  }

  private markSynced(seq: number): void {
    if (seq > this.syncedSeq) this.syncedSeq = seq;
    const ready = this.waiters.filter((w) => w.seq <= this.syncedSeq);
    this.waiters = this.waiters.filter((w) => w.seq > this.syncedSeq);
    for (const w of ready) w.resolve();
  }
}
