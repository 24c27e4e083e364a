import { ByteKeyTable } from '@/lib/tracker';
import type { JournalBatch } from './reader';
import { KIND_ANNOUNCE, PAIR_KEY_BYTES, PEER_KEY_BYTES, RecordCursor } from './records';

/**
 * What a fold round changes, coalesced from its records in time order, so that a database with bulk statements
 * (fold-postgres.ts) writes each row once: the result is the one of applying the records one by one, as the
 * SQLite fold does (fold.ts). Pure: no I/O.
 */
export interface CoalescedRound {
  /** Records applied (those of vanished members or torrents not counted). */
  records: number;
  vanished: boolean;
  /** Every member a record named, for the ratio scheduler. */
  users: number[];
  /** Peer rows to delete: peers whose last record is a leave or an expiry, and peers that left and came back. */
  peerDeletes: PeerKey[];
  /** Peer rows to insert or update whole: a new peer, another endpoint or seeder state (not rowCurrent). */
  peerUpserts: PeerState[];
  /**
   * Peer rows whose counters, `left` and time alone move (rowCurrent records only), except those whose latest
   * state goes to their history row instead (HistorySums.lastPeer).
   */
  peerUpdates: PeerState[];
  history: HistorySums[];
  /** The first completion of each pair in this round; a snatch if the history row had none. */
  completions: { userId: number; torrentId: number; atMs: number }[];
  credits: { userId: number; uploaded: bigint; downloaded: bigint }[];
  torrents: TorrentChange[];
  flags: FlagSums[];
}

export interface PeerKey {
  torrentId: number;
  userId: number;
  peerId: Uint8Array;
}

export interface PeerState extends PeerKey {
  ip: string;
  port: number;
  uploaded: bigint;
  downloaded: bigint;
  left: bigint;
  seeder: boolean;
  /** The first record of the row as inserted (used only if the row is inserted). */
  startedAtMs: number;
  atMs: number;
}

export interface HistorySums {
  userId: number;
  torrentId: number;
  actualUploaded: bigint;
  actualDownloaded: bigint;
  creditedUploaded: bigint;
  creditedDownloaded: bigint;
  seedSeconds: number;
  /** The pair's first and last announce of the round: the row's first (if new) and last announce. */
  firstAtMs: number;
  lastAtMs: number;
  /**
   * The pair's announce before its last one in this round; null when the round has one: the row's stored
   * lastAnnounceAt then becomes its previousAnnounceAt (as the SQLite fold's per-record update does).
   */
  previousAtMs: number | null;
  /** What the pair's last announce of the round added to the actual sums (UserTorrent.lastAnnounceUploaded). */
  lastActualUploaded: bigint;
  lastActualDownloaded: bigint;
  /**
   * The member's only peer on the torrent, when the pair's last announce of the round was its re-announce with
   * nothing changed but its counters and `left` (rowCurrent) and the round writes its Peer row no other way: the
   * history row keeps its latest state and names it (UserTorrent.lastPeerId in schema.prisma), and its Peer row is
   * not written. Else null: the history row names no peer.
   */
  lastPeer: PeerState | null;
}

export interface TorrentChange {
  torrentId: number;
  /** As of the torrent's latest record in the round. */
  seeders: number;
  leechers: number;
  balance: bigint;
}

export interface FlagSums {
  userId: number;
  torrentId: number;
  kind: string;
  count: number;
  firstAtMs: number;
  lastAtMs: number;
  /** Of the latest flagged announce (the last one of the latest time). */
  details: string;
}

type PeerOp = PeerState & { op: 'delete' | 'upsert' | 'update'; replaced: boolean; kept: boolean };
type PairSums = HistorySums & { completedAtMs: number | null; lastRecordPeer: PeerOp | null };

/**
 * Coalesces `batches` (each applied whole, in sequence order) into one round; `exists` tells which members and
 * torrents still exist (records of others are dropped). Every list comes sorted by its table's key, so every
 * fold's statements take their rows in one order (see fold-postgres.ts for why folds never deadlock).
 * The peer ids in the result view the batches' payloads: keep those as long as the result.
 */
export function coalesceRound(
  batches: readonly JournalBatch[],
  exists: { users: ReadonlySet<number>; torrents: ReadonlySet<number> },
): CoalescedRound {
  // Keyed by the record's own key bytes (torrent, member, peer_id; its first 8 bytes the pair): no key strings.
  const peers = new ByteKeyTable<PeerOp>(PEER_KEY_BYTES, 1 << 12);
  const peerList: PeerOp[] = [];
  const history = new ByteKeyTable<PairSums>(PAIR_KEY_BYTES, 1 << 12);
  const historyList: PairSums[] = [];
  const credits = new Map<number, { userId: number; uploaded: bigint; downloaded: bigint }>();
  const torrents = new Map<number, TorrentChange>();
  const flags = new Map<string, FlagSums>();
  const users = new Set<number>();
  let records = 0;
  let vanished = false;

  for (const batch of batches) {
    const r = new RecordCursor(batch.payload);
    while (r.next()) {
      if (!exists.users.has(r.userId) || !exists.torrents.has(r.torrentId)) {
        vanished = true;
        continue;
      }
      records++;
      users.add(r.userId);
      const at = r.atMs;
      // Records come in time order: the latest one gives the torrent's counts.
      let t = torrents.get(r.torrentId);
      if (t === undefined) {
        t = { torrentId: r.torrentId, seeders: r.seeders, leechers: r.leechers, balance: 0n };
        torrents.set(r.torrentId, t);
      }
      t.seeders = r.seeders;
      t.leechers = r.leechers;

      let p = peers.get(r.payload, r.keyOffset);
      const announce = r.kind === KIND_ANNOUNCE;
      if (!announce || !r.hasPeer) {
        if (p !== undefined) p.op = 'delete';
        else {
          p = deleted(r);
          peers.set(r.payload, p, r.keyOffset);
          peerList.push(p);
        }
      } else {
        if (p === undefined) {
          p = deleted(r);
          p.op = r.rowCurrent ? 'update' : 'upsert';
          p.seeder = r.left === 0n;
          peers.set(r.payload, p, r.keyOffset);
          peerList.push(p);
        } else if (!r.rowCurrent) {
          // After a leave in this round the peer comes back as a new row (deleted, then inserted).
          if (p.op === 'delete') p.replaced = true;
          if (p.op !== 'upsert') p.startedAtMs = at;
          p.op = 'upsert';
        }
        if (p.op !== 'delete') {
          // A rowCurrent record keeps the row's endpoint and seeder state (it says they did not change).
          if (!r.rowCurrent) {
            p.ip = r.ip;
            p.port = r.port;
            p.seeder = r.left === 0n;
          }
          p.uploaded = r.uploaded;
          p.downloaded = r.downloaded;
          p.left = r.left;
          p.atMs = at;
        }
      }
      if (!announce) continue;

      t.balance += r.actualUploaded - r.actualDownloaded;
      let h = history.get(r.payload, r.keyOffset);
      if (h === undefined) {
        h = {
          userId: r.userId, torrentId: r.torrentId, actualUploaded: 0n, actualDownloaded: 0n, creditedUploaded: 0n,
          creditedDownloaded: 0n, seedSeconds: 0, firstAtMs: at, lastAtMs: at, previousAtMs: null,
          lastActualUploaded: 0n, lastActualDownloaded: 0n, completedAtMs: null, lastPeer: null, lastRecordPeer: null,
        };
        history.set(r.payload, h, r.keyOffset);
        historyList.push(h);
      } else h.previousAtMs = h.lastAtMs;
      h.actualUploaded += r.actualUploaded;
      h.actualDownloaded += r.actualDownloaded;
      h.creditedUploaded += r.creditedUploaded;
      h.creditedDownloaded += r.creditedDownloaded;
      h.seedSeconds += r.seedSeconds;
      h.lastAtMs = at;
      h.lastActualUploaded = r.actualUploaded;
      h.lastActualDownloaded = r.actualDownloaded;
      h.lastRecordPeer = r.hasPeer && r.rowCurrent ? (p ?? null) : null;
      if (r.completed && h.completedAtMs === null) h.completedAtMs = at;
      if (r.creditedUploaded !== 0n || r.creditedDownloaded !== 0n) {
        const c = credits.get(r.userId);
        if (c === undefined) credits.set(r.userId, { userId: r.userId, uploaded: r.creditedUploaded, downloaded: r.creditedDownloaded });
        else {
          c.uploaded += r.creditedUploaded;
          c.downloaded += r.creditedDownloaded;
        }
      }
      for (const f of r.flags) {
        const flagKey = `${r.userId},${r.torrentId},${f.kind}`;
        const s = flags.get(flagKey);
        if (s === undefined) {
          flags.set(flagKey, { userId: r.userId, torrentId: r.torrentId, kind: f.kind, count: 1, firstAtMs: at, lastAtMs: at, details: f.details });
          continue;
        }
        s.count++;
        if (at < s.firstAtMs) s.firstAtMs = at;
        if (at >= s.lastAtMs) {
          s.lastAtMs = at;
          s.details = f.details;
        }
      }
    }
  }

  for (const h of historyList) {
    const p = h.lastRecordPeer;
    if (p === null || p.op !== 'update') continue;
    p.kept = true;
    h.lastPeer = p;
  }
  const peerDeletes: PeerKey[] = [];
  const peerUpserts: PeerState[] = [];
  const peerUpdates: PeerState[] = [];
  for (const p of peerList.sort(byPeerKey)) {
    if (p.op === 'delete' || p.replaced) peerDeletes.push(p);
    if (p.op === 'upsert') peerUpserts.push(p);
    else if (p.op === 'update' && !p.kept) peerUpdates.push(p);
  }
  const pairs = historyList.sort(byPair);
  return {
    records, vanished, users: [...users],
    peerDeletes, peerUpserts, peerUpdates,
    history: pairs,
    completions: pairs.flatMap((h) => (h.completedAtMs === null ? [] : [{ userId: h.userId, torrentId: h.torrentId, atMs: h.completedAtMs }])),
    credits: [...credits.values()].sort((a, b) => a.userId - b.userId),
    torrents: [...torrents.values()].sort((a, b) => a.torrentId - b.torrentId),
    flags: [...flags.values()].sort((a, b) => byPair(a, b) || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0)),
  };
}

/** peerId views the batch's payload (RecordCursor makes a view per record): a copy per peer was garbage to collect. */
function deleted(r: RecordCursor): PeerOp {
  return {
    op: 'delete', replaced: false, kept: false, torrentId: r.torrentId, userId: r.userId, peerId: r.peerId,
    ip: '', port: 0, uploaded: 0n, downloaded: 0n, left: 0n, seeder: false, startedAtMs: r.atMs, atMs: r.atMs,
  };
}

/** The primary key order of Peer: torrent, member, then peer_id as bytes (as PostgreSQL orders bytea). */
function byPeerKey(a: PeerKey, b: PeerKey): number {
  return a.torrentId - b.torrentId || a.userId - b.userId || Buffer.compare(a.peerId, b.peerId);
}

/** The primary key order of UserTorrent (and CheatFlag's unique key): member, then torrent. */
function byPair(a: { userId: number; torrentId: number }, b: { userId: number; torrentId: number }): number {
  return a.userId - b.userId || a.torrentId - b.torrentId;
}
