import type { DatabaseProvider } from '@/lib/db/provider';
import type { TorrentMode } from '@/lib/tracker';
import type { TrackerRatioState } from '../leech-decision';

/** A value now (SQLite: synchronous reads) or later (PostgreSQL: a query on a pool, off the event loop). */
export type Awaitable<T> = T | Promise<T>;

export function isPending<T>(value: Awaitable<T>): value is Promise<T> {
  return value instanceof Promise;
}

export interface MemberRecord {
  id: number;
  banned: boolean;
  ratio: TrackerRatioState;
}

export interface ActiveMemberRecord extends MemberRecord {
  passkey: string;
}

export interface TorrentRecord {
  id: number;
  snatches: number;
  mode: TorrentMode;
  deleted: boolean;
  deleteReason: string;
  /** A hybrid's or v2 torrent's truncated v2 hash (40 hex), which tells the min-interval rule which hash was announced. */
  infoHashV2Short: string | null;
}

export interface ActiveTorrentRecord extends TorrentRecord {
  infoHashV1: string | null;
}

export interface MemberTotals {
  uploaded: bigint;
  downloaded: bigint;
}

/** A live peer as the tables hold it (its latest counters from its member's history row where that names it). */
export interface PeerRecord {
  torrentId: number;
  userId: number;
  peerId: Uint8Array;
  ip: string;
  port: number;
  uploaded: bigint;
  downloaded: bigint;
  left: bigint;
  /** null when the stored time could not be read. */
  lastAnnounceAtMs: number | null;
}

/**
 * Everything the tracker reads from the site's database, as plain values (booleans, bigints, epoch ms), whatever
 * the dialect stores. SQLite answers synchronously (better-sqlite3 on the event loop, as fast as a map lookup on a
 * warm page cache); PostgreSQL answers with a promise (node-postgres pool), so a cache miss never blocks the event
 * loop. Callers test the answer with isPending() and take the synchronous path when there is one: the hit path
 * and SQLite's miss path pay nothing for the asynchronous one. Writes are the journal fold's, not the store's.
 */
export interface TrackerStore {
  readonly provider: DatabaseProvider;
  /** Whether every answer is a value rather than a promise (SQLite). */
  readonly synchronous: boolean;
  /** The member with this passkey and their ratio enforcement state, or null. */
  member(passkey: string): Awaitable<MemberRecord | null>;
  /** The torrent whose v1 hash or truncated v2 hash is `hashHex` (40 lower-case hex characters), or null. */
  torrent(hashHex: string): Awaitable<TorrentRecord | null>;
  /** Members and torrents with a live peer: what a start caches in one pass each. */
  activeMembers(): Awaitable<ActiveMemberRecord[]>;
  activeTorrents(): Awaitable<ActiveTorrentRecord[]>;
  /** Peer-id prefixes of banned clients. */
  blacklist(): Awaitable<string[]>;
  /** The Setting table as key -> JSON text. */
  settings(): Awaitable<Map<string, string>>;
  /** The member's credited totals as committed (zero for a member that does not exist). */
  totals(userId: number): Awaitable<MemberTotals>;
  /** Whether the member's history on the torrent already records a completion. */
  hasCompleted(userId: number, torrentId: number): Awaitable<boolean>;
  /** Every live peer, for the swarms at start. */
  peers(): Awaitable<Iterable<PeerRecord>>;
  /** A read failed: the store decides whether its connection is still usable. */
  failed(error: unknown): void;
  close(): Promise<void>;
}
