import { ByteKeyTable, type TorrentMode } from '@/lib/tracker';
import type { TrackerDatabase } from './database';
import { hexOf } from './hex';
import { trackerGeneration } from './invalidate';
import type { TrackerRatioState } from './leech-decision';
import { loadSiteRules, type SiteRules } from './site-rules';
import { parseSqlDate } from './sql-values';
import type { MemberRatioRow, TorrentRow } from './statements';

const PASSKEY_LENGTH = 32;
const HASH_LENGTH = 20;

export interface MemberInfo {
  id: number;
  banned: boolean;
  ratio: TrackerRatioState;
}

export interface TorrentInfo {
  id: number;
  mode: TorrentMode;
  /** Kept current in memory after each commit, so announces need no read of the row. */
  snatches: number;
  deleted: boolean;
  deleteReason: string;
}

/**
 * Members by passkey, torrents by announced hash (v1 or truncated v2, both pointing at one object), and the
 * client blacklist, cached in memory. Everything is dropped when notifyTrackerChanged() moved the generation,
 * and after `ttlMs` as a safety net. Misses are never cached: a new member or upload must work at once, and
 * unknown-passkey lookups are rate limited separately.
 */
export class Directory {
  /** By the passkey's 32 characters as bytes, and by the 20 bytes of an announced hash: no key string per lookup. */
  private members = new ByteKeyTable<MemberInfo>(PASSKEY_LENGTH);
  private torrentsByHash = new ByteKeyTable<TorrentInfo>(HASH_LENGTH);
  private readonly passkeyBytes = new Uint8Array(PASSKEY_LENGTH);
  private torrentsById = new Map<number, TorrentInfo>();
  private prefixes: Uint8Array[] | null = null;
  /** Members and torrents whose completion was journaled since the caches were loaded. */
  private completions = new Set<string>();
  private rules: SiteRules | null = null;
  private generation = trackerGeneration();
  private loadedAtMs: number;

  constructor(
    private readonly database: TrackerDatabase,
    private readonly now: () => number,
    private readonly ttlMs: number,
  ) {
    this.loadedAtMs = now();
  }

  /**
   * Drops the caches when the site changed something or they are older than the TTL. `nowMs` is the clock the
   * directory was built with, as the caller read it for this request.
   */
  refresh(nowMs: number): void {
    const generation = trackerGeneration();
    if (generation === this.generation && nowMs - this.loadedAtMs < this.ttlMs) return;
    this.generation = generation;
    this.clear();
  }

  /** Forgets everything now, e.g. after a write hit a member or torrent that no longer exists. */
  clear(): void {
    this.loadedAtMs = this.now();
    this.members = new ByteKeyTable(PASSKEY_LENGTH);
    this.torrentsByHash = new ByteKeyTable(HASH_LENGTH);
    this.torrentsById = new Map();
    this.completions = new Set();
    this.prefixes = null;
    this.rules = null;
  }

  /** `passkey` as isPasskeyFormat accepts it (32 lower-case hex characters). */
  member(passkey: string): MemberInfo | null {
    if (passkey.length !== PASSKEY_LENGTH) return null;
    const key = this.passkeyBytes;
    for (let i = 0; i < PASSKEY_LENGTH; i++) key[i] = passkey.charCodeAt(i);
    const cached = this.members.get(key);
    if (cached !== undefined) return cached;
    const row = this.database.get().sql.memberByPasskey.get(passkey);
    if (row === undefined) return null;
    const ratioRow = this.database.get().sql.memberRatio.get(row.id);
    if (ratioRow === undefined) return null;
    const info: MemberInfo = { id: row.id, banned: row.bannedAt !== null, ratio: ratioState(ratioRow) };
    this.members.set(key, info);
    return info;
  }

  /** `hash` is the announced 20-byte info_hash (v1, or a v2 hash truncated to 20 bytes). */
  torrent(hash: Uint8Array): TorrentInfo | null {
    if (hash.length !== HASH_LENGTH) return null;
    const cached = this.torrentsByHash.get(hash);
    if (cached !== undefined) return cached;
    const hashHex = hexOf(hash);
    const row = this.database.get().sql.torrentByHash.get(hashHex, hashHex);
    if (row === undefined) return null;
    const info = this.torrentInfo(row);
    this.torrentsByHash.set(hash, info);
    return info;
  }

  /**
   * Caches every member and torrent that has a live peer, read in one pass each: what the tracker loads at start.
   * Looked up one by one instead, each paid a query of its own on its first announce after the start (on the
   * benchmark corpus, 50k torrents and 10k members: a cost still visible ten seconds into full load). Rows whose
   * keys do not have the lengths announces use are left to the lookups above. Returns what was cached.
   */
  warm(): { members: number; torrents: number } {
    const { sql } = this.database.get();
    let members = 0;
    let torrents = 0;
    for (const row of sql.activeMembers.iterate()) {
      if (row.passkey.length !== PASSKEY_LENGTH) continue;
      const key = Buffer.from(row.passkey, 'latin1');
      this.members.set(key, { id: Number(row.id), banned: row.bannedAt !== null, ratio: ratioState(row) });
      members++;
    }
    for (const row of sql.activeTorrents.iterate()) {
      const info = this.torrentInfo(row);
      for (const hex of [row.infoHashV1, row.infoHashV2Short]) {
        if (hex !== null && hex.length === HASH_LENGTH * 2) this.torrentsByHash.set(Buffer.from(hex, 'hex'), info);
      }
      torrents++;
    }
    return { members, torrents };
  }

  /** One object per torrent, whichever of its hashes found it (a hybrid's two swarms are one). */
  private torrentInfo(row: TorrentRow): TorrentInfo {
    const known = this.torrentsById.get(row.id);
    if (known !== undefined) return known;
    const info: TorrentInfo = {
      id: row.id,
      mode: { freeleech: row.freeleech === 1, neutral: row.neutral === 1, doubleUpload: row.doubleUpload === 1 },
      snatches: row.snatches,
      deleted: row.deletedAt !== null,
      deleteReason: row.deleteReason ?? '',
    };
    this.torrentsById.set(info.id, info);
    return info;
  }

  blacklist(): readonly Uint8Array[] {
    this.prefixes ??= this.database.get().sql.blacklist.all().map((r) => Buffer.from(r.prefix, 'latin1'));
    return this.prefixes;
  }

  /** Site-wide freeleech/double upload windows, the watch download limit and the announce interval. */
  siteRules(): SiteRules {
    this.rules ??= loadSiteRules(this.database.get());
    return this.rules;
  }

  /** The member's credited totals as committed now (never cached: they change with every batch). */
  totals(userId: number): { uploaded: bigint; downloaded: bigint } {
    return this.database.get().sql.memberTotals.get(userId) ?? { uploaded: 0n, downloaded: 0n };
  }

  /**
   * A completion was journaled: if it is the member's first on this torrent (not in the database, not journaled
   * since this cache was loaded), the cached snatch count grows at once. The fold stores the same decision.
   */
  noteCompletion(userId: number, torrentId: number): void {
    const key = `${userId}:${torrentId}`;
    if (this.completions.has(key)) return;
    this.completions.add(key);
    const row = this.database.get().sql.completedAt.get(userId, torrentId);
    if (row !== undefined && row.completedAt !== null) return;
    const info = this.torrentsById.get(torrentId);
    if (info !== undefined) info.snatches++;
  }
}

function ratioState(row: MemberRatioRow): TrackerRatioState {
  const startedAt = parseSqlDate(row.watchStartedAt);
  const endsAt = parseSqlDate(row.watchEndsAt);
  const reason = row.leechingDisabledReason;
  return {
    leechingDisabled: row.leechingDisabled !== 0n,
    leechingDisabledReason: reason === 'ratio' || reason === 'staff' ? reason : null,
    requiredRatio: Number(row.requiredRatio),
    watch: startedAt === null || endsAt === null ? null : {
      startedAt: new Date(startedAt),
      endsAt: new Date(endsAt),
      downloadedAtStart: row.watchDownloadedAtStart ?? 0n,
      requiredAtStart: row.watchRequiredAtStart ?? 0,
    },
  };
}
