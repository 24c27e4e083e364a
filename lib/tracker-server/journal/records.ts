import type { AccountingFlag } from '@/lib/tracker';

/**
 * The binary form of what one accepted announce or one expiry changes, as the journal stores it. Pure: no I/O.
 * Integers are little-endian; counters are unsigned 64-bit (the query parser caps them at 63 bits, and a doubled
 * upload of such a delta still fits).
 */

/** What every record names: the peer, when, and its torrent's seeders and leechers in memory right after. */
interface RecordBase {
  torrentId: number;
  userId: number;
  /** 20 bytes. */
  peerId: Uint8Array;
  atMs: number;
  seeders: number;
  leechers: number;
}

/** An announce that was answered and must reach the database exactly once. */
export interface AnnounceRecord extends RecordBase {
  kind: 'announce';
  /**
   * null: the peer left (stopped, or downloading was refused) and its row is deleted. `rowCurrent`: the peer
   * was in the swarm before, with this endpoint and this seeder state, and is its member's only peer on the
   * torrent, so its Peer row is left as it is: its counters, `left` and time go to the history row (see
   * UserTorrent.lastPeerId in schema.prisma).
   */
  peer: { ip: string; port: number; uploaded: bigint; downloaded: bigint; left: bigint; rowCurrent: boolean } | null;
  actualUploaded: bigint;
  actualDownloaded: bigint;
  creditedUploaded: bigint;
  creditedDownloaded: bigint;
  seedSeconds: number;
  /** event=completed with left=0 from a peer that was leeching; a snatch if it is the member's first. */
  completed: boolean;
  flags: readonly { kind: AccountingFlag; details: string }[];
}

/** A peer dropped for silence: its row is deleted and its torrent's counts rewritten. */
export interface ExpiryRecord extends RecordBase {
  kind: 'expire';
}

export type JournalRecord = AnnounceRecord | ExpiryRecord;

/** RecordCursor.kind of an announce and of an expiry. */
export const KIND_ANNOUNCE = 1;
export const KIND_EXPIRE = 2;
const BIT_PEER = 1;
const BIT_COMPLETED = 2;
/** Set only when true, so a record written before the bit existed gets its Peer row written, as it did then. */
const BIT_ROW_CURRENT = 4;
const FLAG_KINDS: readonly AccountingFlag[] = ['rate-capped-upload', 'rate-capped-download', 'upload-without-leechers'];
const COMMON_BYTES = 1 + 1 + 4 + 4 + 20 + 8 + 4 + 4;
/** Bytes of RecordCursor's peer key (torrent id, member id, peer_id) and of its (torrent, member) prefix. */
export const PEER_KEY_BYTES = 4 + 4 + 20;
export const PAIR_KEY_BYTES = 4 + 4;
const MAX_IP_BYTES = 64;

/** Grows as needed and is reused between frames: encoding allocates nothing in the steady state. */
export class RecordWriter {
  private buf = new Uint8Array(64 * 1024);
  private view = new DataView(this.buf.buffer);
  length = 0;

  reset(): void {
    this.length = 0;
  }

  /** The encoded bytes so far; a view that the next write may overwrite. */
  bytes(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }

  write(r: JournalRecord): void {
    const flagBytes = r.kind === 'announce' ? r.flags.reduce((n, f) => n + 3 + 3 * f.details.length, 0) : 0;
    this.ensure(COMMON_BYTES + 2 + 1 + MAX_IP_BYTES + 7 * 8 + 4 + 1 + flagBytes);
    const v = this.view;
    let at = this.length;
    if (r.peerId.length !== 20) throw new RangeError('peerId must be 20 bytes');
    v.setUint8(at, r.kind === 'announce' ? KIND_ANNOUNCE : KIND_EXPIRE);
    v.setUint8(at + 1, r.kind === 'announce'
      ? (r.peer !== null ? BIT_PEER | (r.peer.rowCurrent ? BIT_ROW_CURRENT : 0) : 0) | (r.completed ? BIT_COMPLETED : 0) : 0);
    v.setUint32(at + 2, r.torrentId, true);
    v.setUint32(at + 6, r.userId, true);
    this.buf.set(r.peerId, at + 10);
    v.setFloat64(at + 30, r.atMs, true);
    v.setUint32(at + 38, r.seeders, true);
    v.setUint32(at + 42, r.leechers, true);
    at += COMMON_BYTES;
    if (r.kind === 'announce') {
      if (r.peer !== null) {
        const p = r.peer;
        if (p.ip.length > MAX_IP_BYTES) throw new RangeError('ip too long');
        v.setUint16(at, p.port, true);
        v.setUint8(at + 2, p.ip.length);
        at += 3;
        for (let i = 0; i < p.ip.length; i++) this.buf[at + i] = p.ip.charCodeAt(i) & 0x7f;
        at += p.ip.length;
        v.setBigUint64(at, p.uploaded, true);
        v.setBigUint64(at + 8, p.downloaded, true);
        v.setBigUint64(at + 16, p.left, true);
        at += 24;
      }
      v.setBigUint64(at, r.actualUploaded, true);
      v.setBigUint64(at + 8, r.actualDownloaded, true);
      v.setBigUint64(at + 16, r.creditedUploaded, true);
      v.setBigUint64(at + 24, r.creditedDownloaded, true);
      v.setUint32(at + 32, r.seedSeconds, true);
      v.setUint8(at + 36, r.flags.length);
      at += 37;
      for (const f of r.flags) {
        const details = Buffer.from(f.details, 'utf8');
        v.setUint8(at, FLAG_KINDS.indexOf(f.kind));
        v.setUint16(at + 1, details.length, true);
        this.buf.set(details, at + 3);
        at += 3 + details.length;
      }
    }
    this.length = at;
  }

  private ensure(extra: number): void {
    if (this.length + extra <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.length + extra));
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }
}

/**
 * Decodes a frame's payload into record objects (for tests and tools; the fold reads with RecordCursor); throws
 * RangeError on anything malformed (the frame checksum makes that a bug).
 */
export function decodeRecords(payload: Uint8Array): JournalRecord[] {
  const c = new RecordCursor(payload);
  const out: JournalRecord[] = [];
  while (c.next()) {
    const common = {
      torrentId: c.torrentId, userId: c.userId, peerId: new Uint8Array(c.peerId), atMs: c.atMs, seeders: c.seeders, leechers: c.leechers,
    };
    if (c.kind === KIND_EXPIRE) {
      out.push({ kind: 'expire', ...common });
      continue;
    }
    out.push({
      kind: 'announce', ...common,
      peer: c.hasPeer ? { ip: c.ip, port: c.port, uploaded: c.uploaded, downloaded: c.downloaded, left: c.left, rowCurrent: c.rowCurrent } : null,
      actualUploaded: c.actualUploaded,
      actualDownloaded: c.actualDownloaded,
      creditedUploaded: c.creditedUploaded,
      creditedDownloaded: c.creditedDownloaded,
      seedSeconds: c.seedSeconds,
      completed: c.completed,
      flags: c.flags,
    });
  }
  return out;
}

/** The flags of a record that has none, shared instead of an empty list per record. */
export const NO_FLAGS: AnnounceRecord['flags'] = Object.freeze([]);

/**
 * Walks a frame's payload one record at a time, exposing the current record's fields in place: the fold reads
 * hundreds of thousands of records per round, and objects per record (and per peer) would all live until the
 * round's transaction ends, which makes the young-generation collector copy and promote them. Fields of the
 * other kind keep stale values: read `hasPeer` before the peer fields, and `kind` before any announce field.
 * `peerId` views the payload (valid while the payload is). Throws RangeError on anything malformed.
 */
export class RecordCursor {
  private readonly view: DataView;
  private at = 0;
  /**
   * Where the current record's peer key starts in the payload: torrent id and member id (4 bytes each,
   * little-endian), then the 20-byte peer_id. Its first 8 bytes name the (torrent, member) pair.
   */
  keyOffset = 0;
  kind = 0;
  torrentId = 0;
  userId = 0;
  peerId: Uint8Array = new Uint8Array(0);
  atMs = 0;
  seeders = 0;
  leechers = 0;
  hasPeer = false;
  /** AnnounceRecord.peer.rowCurrent. */
  rowCurrent = false;
  port = 0;
  /** Where the current record's ip text is in the payload, decoded only when read (see ip). */
  private ipAt = 0;
  private ipLength = 0;
  uploaded = 0n;
  downloaded = 0n;
  left = 0n;
  actualUploaded = 0n;
  actualDownloaded = 0n;
  creditedUploaded = 0n;
  creditedDownloaded = 0n;
  seedSeconds = 0;
  completed = false;
  flags = NO_FLAGS;

  constructor(readonly payload: Uint8Array) {
    this.view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  }

  /** Where the current record starts in the payload (for seek). */
  recordAt = 0;

  /** Makes the record starting at `offset` (a recordAt seen earlier) the next one. */
  seek(offset: number): void {
    this.at = offset;
  }

  /**
   * Moves past the next record without reading its fields (only recordAt and keyOffset are set); false at the
   * end. Checks every length and the kind, so next() can read the record it passed without checking again.
   */
  skip(): boolean {
    const v = this.view;
    let at = this.at;
    if (at >= this.payload.length) return false;
    this.recordAt = at;
    this.need(at, COMMON_BYTES);
    const kind = v.getUint8(at);
    const bits = v.getUint8(at + 1);
    if (kind !== KIND_ANNOUNCE && kind !== KIND_EXPIRE) throw new RangeError(`unknown journal record kind ${kind}`);
    this.keyOffset = at + 2;
    at += COMMON_BYTES;
    if (kind === KIND_ANNOUNCE) {
      if ((bits & BIT_PEER) !== 0) {
        this.need(at, 3);
        at += 3 + v.getUint8(at + 2) + 24;
      }
      this.need(at, 37);
      const flagCount = v.getUint8(at + 36);
      at += 37;
      for (let i = 0; i < flagCount; i++) {
        this.need(at, 3);
        at += 3 + v.getUint16(at + 1, true);
      }
    }
    this.need(at, 0);
    this.at = at;
    return true;
  }

  /** Moves to the next record and reads its fields; false at the end of the payload. */
  next(): boolean {
    if (!this.skip()) return false;
    const v = this.view;
    const payload = this.payload;
    let at = this.recordAt;
    const kind = v.getUint8(at);
    const bits = v.getUint8(at + 1);
    this.kind = kind;
    this.torrentId = v.getUint32(at + 2, true);
    this.userId = v.getUint32(at + 6, true);
    this.peerId = payload.subarray(at + 10, at + 30);
    this.atMs = v.getFloat64(at + 30, true);
    this.seeders = v.getUint32(at + 38, true);
    this.leechers = v.getUint32(at + 42, true);
    if (kind === KIND_EXPIRE) return true;
    at += COMMON_BYTES;
    this.hasPeer = (bits & BIT_PEER) !== 0;
    this.rowCurrent = (bits & BIT_ROW_CURRENT) !== 0;
    if (this.hasPeer) {
      this.port = v.getUint16(at, true);
      const ipLength = v.getUint8(at + 2);
      at += 3;
      this.ipAt = at;
      this.ipLength = ipLength;
      at += ipLength;
      this.uploaded = v.getBigUint64(at, true);
      this.downloaded = v.getBigUint64(at + 8, true);
      this.left = v.getBigUint64(at + 16, true);
      at += 24;
    }
    this.actualUploaded = v.getBigUint64(at, true);
    this.actualDownloaded = v.getBigUint64(at + 8, true);
    this.creditedUploaded = v.getBigUint64(at + 16, true);
    this.creditedDownloaded = v.getBigUint64(at + 24, true);
    this.seedSeconds = v.getUint32(at + 32, true);
    this.completed = (bits & BIT_COMPLETED) !== 0;
    const flagCount = v.getUint8(at + 36);
    at += 37;
    if (flagCount === 0) this.flags = NO_FLAGS;
    else {
      const flags: { kind: AccountingFlag; details: string }[] = [];
      for (let i = 0; i < flagCount; i++) {
        const flagKind = FLAG_KINDS[v.getUint8(at)];
        const length = v.getUint16(at + 1, true);
        if (flagKind === undefined) throw new RangeError('unknown accounting flag');
        flags.push({ kind: flagKind, details: Buffer.from(payload.buffer, payload.byteOffset + at + 3, length).toString('utf8') });
        at += 3 + length;
      }
      this.flags = flags;
    }
    return true;
  }

  /**
   * The current record's peer address: decoded when asked, since the fold needs it only for a Peer row it writes,
   * and the usual re-announce writes none (AnnounceRecord.peer.rowCurrent).
   */
  get ip(): string {
    return this.ipLength === 0 ? '' : Buffer.from(this.payload.buffer, this.payload.byteOffset + this.ipAt, this.ipLength).toString('latin1');
  }

  private need(at: number, n: number): void {
    if (at + n > this.payload.length) throw new RangeError('journal record truncated');
  }
}
