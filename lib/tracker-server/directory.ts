import { ByteKeyTable, type TorrentMode } from '@/lib/tracker';
import { hexOf } from './hex';
import { trackerGeneration } from './invalidate';
import type { TrackerRatioState } from './leech-decision';
import { siteRulesFrom, type SiteRules } from './site-rules';
import { ReadsInFlight, Reloadable } from './reads-in-flight';
import { isPending, type Awaitable, type MemberRecord, type TorrentRecord, type TrackerStore } from './store';
import type { ActiveMemberRecord, ActiveTorrentRecord, MemberTotals } from './store/types';

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
  /** The truncated v2 hash of a hybrid or v2 torrent (null for v1): which of its hashes an announce named. */
  v2Short: Uint8Array | null;
}

/**
 * Members by passkey, torrents by announced hash (v1 or truncated v2, both pointing at one object), the client
 * blacklist, the site rules and the members' credited totals, cached in memory. Everything is dropped when
 * notifyTrackerChanged() moved the generation, and after `ttlMs` as a safety net (on an asynchronous store the
 * active members and torrents are then reread in one pass and swapped in: see renew()). Misses are never cached: a new
 * member or upload must work at once, and unknown-passkey lookups are rate limited separately.
 *
 * A hit answers synchronously. A miss answers synchronously too when the store does (SQLite), else with a promise
 * (PostgreSQL) that every concurrent miss for the same key shares: one query per key however many announces wait
 * on it. A load that was started before a clear() answers its waiters but is not cached, so nothing read before
 * the site's change outlives it.
 */
export class Directory {
  /** By the passkey's 32 characters as bytes, and by the 20 bytes of an announced hash: no key string per lookup. */
  private members = new ByteKeyTable<MemberInfo>(PASSKEY_LENGTH);
  private torrentsByHash = new ByteKeyTable<TorrentInfo>(HASH_LENGTH);
  private readonly passkeyBytes = new Uint8Array(PASSKEY_LENGTH);
  private torrentsById = new Map<number, TorrentInfo>();
  /**
   * Credited totals as committed: they change only when a fold credits the member (forgetTotals, from the fold's
   * list of members it credited) or when the member is created, so they can be cached between folds.
   */
  private memberTotals = new Map<number, MemberTotals>();
  /** Members and torrents whose completion was journaled since the caches were loaded. */
  private completions = new Set<string>();
  private readonly prefixes = new Reloadable(() => this.readBlacklist());
  private readonly rules = new Reloadable(() => this.readRules());
  private readonly loading = {
    members: new ReadsInFlight<string, MemberInfo | null>(),
    torrents: new ReadsInFlight<string, TorrentInfo | null>(),
    totals: new ReadsInFlight<number, MemberTotals>(),
  };
  /** Moves on each clear(): the start-up load and a completion read that began before it do not touch the new caches. */
  private epoch = 0;
  private generation = trackerGeneration();
  private loadedAtMs: number;

  constructor(
    private readonly store: TrackerStore,
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
    // The site changed something: nothing cached may be used again. A synchronous store refills the caches
    // miss by miss, each a read of a few microseconds.
    if (generation !== this.generation || this.store.synchronous) {
      this.generation = generation;
      return this.clear();
    }
    this.renew();
  }

  /**
   * The TTL passed (no change reported): on an asynchronous store, dropping everything at once would make every
   * member and torrent of the next second a miss queued on the pool. Instead the active ones, the blacklist and
   * the site rules are read again in one pass each, as at start, while the current caches keep answering, and
   * swapped in once read. If the database does not answer (it may be down), the caches stay as they are until the
   * next TTL: the TTL is a safety net, not a change the site reported, and dropping them would refuse every
   * announce that the journal can acknowledge without the database.
   */
  private renew(): void {
    this.loadedAtMs = this.now();
    const epoch = this.epoch;
    Promise.all([this.store.activeMembers(), this.store.activeTorrents(), this.readBlacklist(), this.readRules()]).then(
      ([memberRows, torrentRows, blacklist, rules]) => {
        // A clear() meanwhile already dropped what this would replace.
        if (epoch !== this.epoch) return;
        this.prefixes.set(blacklist);
        this.rules.set(rules);
        this.memberTotals = new Map();
        this.loading.totals.clear();
        this.replace(() => this.fill(memberRows, torrentRows));
      },
      () => undefined,
    );
  }

  /** Forgets everything now, e.g. after a write hit a member or torrent that no longer exists. */
  clear(): void {
    this.loadedAtMs = this.now();
    this.replace(() => undefined);
    this.memberTotals = new Map();
    this.prefixes.stale();
    this.rules.stale();
    this.loading.totals.clear();
  }

  /** New member and torrent caches, filled by `fill`; reads on their way are not cached into them. */
  private replace(fill: () => void): void {
    this.epoch++;
    this.members = new ByteKeyTable(PASSKEY_LENGTH);
    this.torrentsByHash = new ByteKeyTable(HASH_LENGTH);
    this.torrentsById = new Map();
    this.completions = new Set();
    this.loading.members.clear();
    this.loading.torrents.clear();
    fill();
  }

  /** The member of `passkey` (as isPasskeyFormat accepts it) if the cache holds it, without a lookup. */
  cachedMember(passkey: string): MemberInfo | undefined {
    if (passkey.length !== PASSKEY_LENGTH) return undefined;
    const key = this.passkeyBytes;
    for (let i = 0; i < PASSKEY_LENGTH; i++) key[i] = passkey.charCodeAt(i);
    return this.members.get(key);
  }

  /** `passkey` as isPasskeyFormat accepts it (32 lower-case hex characters). */
  member(passkey: string): Awaitable<MemberInfo | null> {
    if (passkey.length !== PASSKEY_LENGTH) return null;
    const cached = this.cachedMember(passkey);
    if (cached !== undefined) return cached;
    const running = this.loading.members.get(passkey);
    if (running !== undefined) return running;
    const record = this.store.member(passkey);
    if (!isPending(record)) return this.keepMember(passkey, record, true);
    return this.loading.members.add(passkey, record, (r, cache) => this.keepMember(passkey, r, cache));
  }

  private keepMember(passkey: string, record: MemberRecord | null, cache: boolean): MemberInfo | null {
    if (record === null) return null;
    const info: MemberInfo = { id: record.id, banned: record.banned, ratio: record.ratio };
    if (cache) this.members.set(Buffer.from(passkey, 'latin1'), info);
    return info;
  }

  /** `hash` is the announced 20-byte info_hash (v1, or a v2 hash truncated to 20 bytes). */
  torrent(hash: Uint8Array): Awaitable<TorrentInfo | null> {
    if (hash.length !== HASH_LENGTH) return null;
    const cached = this.torrentsByHash.get(hash);
    if (cached !== undefined) return cached;
    const hashHex = hexOf(hash);
    const running = this.loading.torrents.get(hashHex);
    if (running !== undefined) return running;
    const record = this.store.torrent(hashHex);
    if (!isPending(record)) return this.keepTorrent(hashHex, record, true);
    return this.loading.torrents.add(hashHex, record, (r, cache) => this.keepTorrent(hashHex, r, cache));
  }

  private keepTorrent(hashHex: string, record: TorrentRecord | null, cache: boolean): TorrentInfo | null {
    if (record === null) return null;
    if (!cache) return torrentInfoOf(record);
    const info = this.torrentInfo(record);
    this.torrentsByHash.set(Buffer.from(hashHex, 'hex'), info);
    return info;
  }

  /**
   * Caches every member and torrent that has a live peer, read in one pass each: what the tracker loads at start.
   * Looked up one by one instead, each paid a query of its own on its first announce after the start (on the
   * benchmark corpus, 50k torrents and 10k members: a cost still visible ten seconds into full load). Rows whose
   * keys do not have the lengths announces use are left to the lookups above. Returns what was cached.
   */
  async warm(): Promise<{ members: number; torrents: number }> {
    const epoch = this.epoch;
    const [memberRows, torrentRows] = [await this.store.activeMembers(), await this.store.activeTorrents()];
    if (epoch !== this.epoch) return { members: 0, torrents: 0 };
    return this.fill(memberRows, torrentRows);
  }

  private fill(memberRows: readonly ActiveMemberRecord[], torrentRows: readonly ActiveTorrentRecord[]): { members: number; torrents: number } {
    let members = 0;
    let torrents = 0;
    for (const row of memberRows) {
      if (row.passkey.length !== PASSKEY_LENGTH) continue;
      this.members.set(Buffer.from(row.passkey, 'latin1'), { id: row.id, banned: row.banned, ratio: row.ratio });
      members++;
    }
    for (const row of torrentRows) {
      const info = this.torrentInfo(row);
      for (const hex of [row.infoHashV1, row.infoHashV2Short]) {
        if (hex !== null && hex.length === HASH_LENGTH * 2) this.torrentsByHash.set(Buffer.from(hex, 'hex'), info);
      }
      torrents++;
    }
    return { members, torrents };
  }

  /** One object per torrent, whichever of its hashes found it (a hybrid's two swarms are one). */
  private torrentInfo(record: TorrentRecord): TorrentInfo {
    const known = this.torrentsById.get(record.id);
    if (known !== undefined) return known;
    const info = torrentInfoOf(record);
    this.torrentsById.set(info.id, info);
    return info;
  }

  /**
   * Reads the client blacklist and the site rules if a clear() dropped them; announces wait for this before they
   * read either. Nothing to wait for (undefined) when they are fresh or the store answered synchronously.
   */
  loadShared(): Awaitable<void> {
    const blacklist = this.prefixes.load();
    const rules = this.rules.load();
    if (!isPending(blacklist) && !isPending(rules)) return undefined;
    return Promise.all([blacklist, rules]).then(() => undefined);
  }

  /** The site rules alone: read at start, since the expiry sweep needs them. */
  loadRules(): Awaitable<void> {
    return this.rules.load();
  }

  private readBlacklist(): Awaitable<Uint8Array[]> {
    const rows = this.store.blacklist();
    const bytes = (r: string[]) => r.map((prefix) => Buffer.from(prefix, 'latin1'));
    return isPending(rows) ? rows.then(bytes) : bytes(rows);
  }

  private readRules(): Awaitable<SiteRules> {
    const settings = this.store.settings();
    return isPending(settings) ? settings.then(siteRulesFrom) : siteRulesFrom(settings);
  }

  /** The banned client prefixes (a synchronous store rereads them here; announces waited for loadShared()). */
  blacklist(): readonly Uint8Array[] {
    return this.prefixes.current() ?? [];
  }

  /**
   * Site-wide freeleech/double upload windows, the watch download limit and the announce interval. A synchronous
   * store rereads them here after a clear(), as always; with an asynchronous one, announces waited for
   * loadShared(), and the expiry sweep takes the last rules read while the reload is on its way.
   */
  siteRules(): SiteRules {
    const rules = this.rules.current();
    if (rules === null) throw new Error('the site rules have not been read yet');
    return rules;
  }

  /** The member's credited totals as committed now. */
  totals(userId: number): Awaitable<MemberTotals> {
    const cached = this.memberTotals.get(userId);
    if (cached !== undefined) return cached;
    const running = this.loading.totals.get(userId);
    if (running !== undefined) return running;
    const totals = this.store.totals(userId);
    if (!isPending(totals)) return this.keepTotals(userId, totals, true);
    return this.loading.totals.add(userId, totals, (t, cache) => this.keepTotals(userId, t, cache));
  }

  private keepTotals(userId: number, totals: MemberTotals, cache: boolean): MemberTotals {
    if (cache) this.memberTotals.set(userId, totals);
    return totals;
  }

  /** A fold credited these members: their cached totals are out of date. */
  forgetTotals(userIds: Iterable<number>): void {
    for (const id of userIds) {
      this.memberTotals.delete(id);
      // A read on its way may have been answered before the fold committed: unregistered, it is not cached.
      this.loading.totals.forget(id);
    }
  }

  /**
   * A completion was journaled: if it is the member's first on this torrent (not in the database, not journaled
   * since this cache was loaded), the cached snatch count grows. The fold stores the same decision. On an
   * asynchronous store the count grows once the read answers, unless the caches were dropped meanwhile (the
   * reloaded row then has it, or will within a TTL).
   */
  noteCompletion(userId: number, torrentId: number): void {
    const key = `${userId}:${torrentId}`;
    if (this.completions.has(key)) return;
    this.completions.add(key);
    const info = this.torrentsById.get(torrentId);
    const done = this.store.hasCompleted(userId, torrentId);
    if (!isPending(done)) {
      if (!done && info !== undefined) info.snatches++;
      return;
    }
    // Counted at once, so the completing client's own reply already shows it: nearly every completion is a
    // member's first. A member completing a torrent again is found by the read and taken back off.
    if (info !== undefined) info.snatches++;
    const epoch = this.epoch;
    done.then(
      (completed) => {
        if (completed && info !== undefined && epoch === this.epoch) info.snatches--;
      },
      () => {
        // Kept as counted; the cached count is reloaded with the torrent, and the fold stores the truth regardless.
      },
    );
  }
}

function torrentInfoOf(record: TorrentRecord): TorrentInfo {
  return {
    id: record.id, mode: record.mode, snatches: record.snatches, deleted: record.deleted, deleteReason: record.deleteReason,
    v2Short: record.infoHashV2Short === null ? null : Buffer.from(record.infoHashV2Short, 'hex'),
  };
}
