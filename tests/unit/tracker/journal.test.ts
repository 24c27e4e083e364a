import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeFrame, readFrame } from '@/lib/tracker-server/journal/frames';
import { JournalReader } from '@/lib/tracker-server/journal/reader';
import { decodeRecords, RecordCursor, RecordWriter, type JournalRecord } from '@/lib/tracker-server/journal/records';
import { listSegments } from '@/lib/tracker-server/journal/segments';
import { JournalWriter } from '@/lib/tracker-server/journal/writer';

const MAX_63 = 2n ** 63n - 1n;
const id = (byte: number) => new Uint8Array(20).fill(byte);

const announce: JournalRecord = {
  kind: 'announce', torrentId: 2 ** 32 - 1, userId: 7, peerId: id(0xab), atMs: 1_767_225_600_123, seeders: 3, leechers: 4,
  peer: { ip: '2001:db8::1', port: 65535, uploaded: MAX_63, downloaded: 0n, left: 12_345n, rowCurrent: false },
  actualUploaded: MAX_63, actualDownloaded: 1n, creditedUploaded: 2n * MAX_63, creditedDownloaded: 0n,
  seedSeconds: 1800, completed: true,
  flags: [{ kind: 'rate-capped-upload', details: '{"note":"débit ✓"}' }, { kind: 'upload-without-leechers', details: '' }],
};
const current: JournalRecord = { ...announce, peer: { ip: '10.0.0.1', port: 1, uploaded: 5n, downloaded: 6n, left: 0n, rowCurrent: true } };
const leaving: JournalRecord = { ...announce, peer: null, completed: false, flags: [] };
const expiry: JournalRecord = { kind: 'expire', torrentId: 1, userId: 2, peerId: id(1), atMs: 5, seeders: 0, leechers: 0 };

function encode(records: JournalRecord[]): Uint8Array {
  const w = new RecordWriter();
  for (const r of records) w.write(r);
  return w.bytes().slice();
}

describe('journal records', () => {
  it('round-trip every field, at the limits of their widths', () => {
    expect(decodeRecords(encode([announce, current, leaving, expiry]))).toEqual([announce, current, leaving, expiry]);
  });

  it('grow the buffer for large batches', () => {
    const many = Array.from({ length: 5000 }, (_, i) => ({ ...announce, userId: i }));
    expect(decodeRecords(encode(many)).map((r) => r.userId)).toEqual(many.map((r) => r.userId));
  });

  it('are skipped record by record at the offsets that reading finds, and read back after a seek', () => {
    const bytes = encode([announce, expiry, leaving, announce]);
    const offsets = (step: (c: RecordCursor) => boolean) => {
      const c = new RecordCursor(bytes);
      const seen: number[][] = [];
      while (step(c)) seen.push([c.recordAt, c.keyOffset]);
      return seen;
    };
    const skipped = offsets((c) => c.skip());
    expect(skipped).toEqual(offsets((c) => c.next()));
    expect(skipped).toHaveLength(4);
    const c = new RecordCursor(bytes);
    c.seek(skipped[2]?.[0] ?? -1);
    expect(c.next()).toBe(true);
    expect([c.kind, c.hasPeer, c.userId, c.actualUploaded]).toEqual([1, false, 7, MAX_63]);
    c.seek(skipped[1]?.[0] ?? -1);
    expect(c.next()).toBe(true);
    expect([c.torrentId, c.userId]).toEqual([1, 2]);
  });

  it('refuse to skip a truncated record (in any part) and an unknown kind', () => {
    const bytes = encode([announce]);
    for (const cut of [1, 10, 40, bytes.length - 30]) {
      expect(() => new RecordCursor(bytes.subarray(0, bytes.length - cut)).skip()).toThrow(/truncated/);
    }
    const bad = bytes.slice();
    bad[0] = 9;
    expect(() => new RecordCursor(bad).skip()).toThrow(/unknown journal record kind 9/);
  });

  it('refuse a truncated payload and an unknown kind', () => {
    const bytes = encode([announce]);
    expect(() => decodeRecords(bytes.subarray(0, bytes.length - 1))).toThrow(/truncated/);
    const bad = bytes.slice();
    bad[0] = 9;
    expect(() => decodeRecords(bad)).toThrow(/unknown journal record kind 9/);
  });

  it('refuse a peer_id that is not 20 bytes', () => {
    expect(() => new RecordWriter().write({ ...expiry, peerId: new Uint8Array(19) })).toThrow(/20 bytes/);
  });
});

describe('journal frames', () => {
  const payload = encode([announce]);

  it('read back what was written', () => {
    const frame = encodeFrame(42, payload);
    const read = readFrame(frame, 0);
    expect(read.kind).toBe('frame');
    if (read.kind === 'frame') {
      expect(read.seq).toBe(42);
      expect(Buffer.from(read.payload)).toEqual(Buffer.from(payload));
      expect(read.end).toBe(frame.length);
    }
  });

  it('tell a torn frame (incomplete) from a damaged one (corrupt)', () => {
    const frame = encodeFrame(1, payload);
    expect(readFrame(frame.subarray(0, 10), 0)).toEqual({ kind: 'incomplete', needed: 16 });
    expect(readFrame(frame.subarray(0, frame.length - 1), 0)).toEqual({ kind: 'incomplete', needed: frame.length });
    const flipped = Buffer.from(frame);
    flipped.writeUInt8(flipped.readUInt8(20) ^ 1, 20);
    expect(readFrame(flipped, 0)).toEqual({ kind: 'corrupt', reason: 'checksum mismatch' });
    const huge = Buffer.from(frame);
    huge.writeUInt32LE(2 ** 31, 0);
    expect(readFrame(huge, 0)).toEqual({ kind: 'corrupt', reason: `frame length ${2 ** 31} out of range` });
  });
});

describe('journal files', () => {
  let dir: string;
  let logs: string[];
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'giveback-journal-'));
    logs = [];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const log = (line: string) => logs.push(line);
  const seqs = (batches: { seq: number }[]) => batches.map((b) => b.seq);

  it('are read in order across segments, each frame once, and deleted only when pruned', () => {
    const writer = new JournalWriter({ dir, nextSeq: 10, segmentBytes: 100, fsync: false });
    const reader = new JournalReader(dir, log);
    for (let i = 0; i < 5; i++) writer.append(encode([{ ...expiry, userId: i }]));
    expect(listSegments(dir).length).toBeGreaterThan(1);
    const first = reader.read(true);
    expect(seqs(first)).toEqual([10, 11, 12, 13, 14]);
    expect(first.map((b) => decodeRecords(b.payload)[0]?.userId)).toEqual([0, 1, 2, 3, 4]);
    expect(reader.read(true)).toEqual([]);
    writer.append(encode([expiry]));
    expect(seqs(reader.read(true))).toEqual([15]);
    const before = listSegments(dir).length;
    reader.prune();
    expect(listSegments(dir).length).toBeLessThan(before);
    writer.close();
  });

  it('wait for a frame still being written in the live segment, and skip a torn tail once it is final', () => {
    const writer = new JournalWriter({ dir, nextSeq: 1, segmentBytes: 1 << 20, fsync: false });
    writer.append(encode([expiry]));
    writer.close();
    const [segment] = listSegments(dir);
    const torn = encodeFrame(2, encode([expiry]));
    appendFileSync(segment?.file ?? '', torn.subarray(0, torn.length - 3));
    const reader = new JournalReader(dir, log);
    expect(seqs(reader.read(true))).toEqual([1]);
    expect(logs).toEqual([]);
    // A crash left it torn: at recovery (no writer) it is skipped, and reported.
    expect(reader.read(false)).toEqual([]);
    expect(logs[0]).toMatch(/truncated frame at byte \d+; the rest of the segment was never acknowledged/);
  });

  it('skip a damaged frame and what follows in its segment, then go on with the next segment', () => {
    const writer = new JournalWriter({ dir, nextSeq: 1, segmentBytes: 1, fsync: false });
    writer.append(encode([{ ...expiry, userId: 1 }]));
    writer.append(encode([{ ...expiry, userId: 2 }]));
    writer.close();
    const [first] = listSegments(dir);
    const bytes = readFileSync(first?.file ?? '');
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 0xff, bytes.length - 1);
    writeFileSync(first?.file ?? '', bytes);
    const read = new JournalReader(dir, log).read(false);
    expect(read.map((b) => decodeRecords(b.payload)[0]?.userId)).toEqual([2]);
    expect(logs[0]).toMatch(/checksum mismatch/);
  });

  it('make fsynced frames durable together, resolving every waiter', async () => {
    const writer = new JournalWriter({ dir, nextSeq: 1, segmentBytes: 1 << 20, fsync: true });
    const waits = [writer.durable(writer.append(encode([expiry]))), writer.durable(writer.append(encode([expiry])))];
    await Promise.all(waits);
    expect(writer.lastSeq).toBe(2);
    writer.close();
  });

  it('refuse to reuse an existing segment name', () => {
    new JournalWriter({ dir, nextSeq: 1, segmentBytes: 1, fsync: false }).append(encode([expiry]));
    const again = new JournalWriter({ dir, nextSeq: 1, segmentBytes: 1, fsync: false });
    expect(() => again.append(encode([expiry]))).toThrow(/EEXIST/);
  });
});
