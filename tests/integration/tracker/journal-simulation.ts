import type { AccountingFlag } from '@/lib/tracker';
import type { AnnounceRecord, JournalRecord } from '@/lib/tracker-server/journal/records';

/**
 * Journal records as a tracker writes them, from a small model of its swarms (seeded, so a failure replays):
 * members announcing on torrents with one to three peers each, new peers, re-announces with nothing changed but
 * their counters (rowCurrent, exactly when the tracker sets it), completions, endpoint changes, seeders turning
 * leechers again, stops, expiries, flags, and the torrent's counts after each record. Times move by steps of
 * 0 to 600 ms, so records of one millisecond happen.
 */
export class TrackerSimulation {
  private readonly live = new Map<string, LivePeer>();
  private readonly gone = { users: new Set<number>(), torrents: new Set<number>() };
  private state: number;
  private clock = Date.UTC(2026, 0, 1);
  private flagCount = 0;

  constructor(
    seed: number,
    /** Member ids that announce. */
    private readonly members: readonly number[],
    private readonly torrents: readonly number[],
  ) {
    this.state = seed >>> 0;
  }

  /** The next `count` records. */
  records(count: number): JournalRecord[] {
    const out: JournalRecord[] = [];
    while (out.length < count) {
      const r = this.next();
      if (r !== null) out.push(r);
    }
    return out;
  }

  /** The member or torrent was deleted by the site: the tracker forgets its peers (records already written stay). */
  forget(what: { userId?: number; torrentId?: number }): void {
    if (what.userId !== undefined) this.gone.users.add(what.userId);
    if (what.torrentId !== undefined) this.gone.torrents.add(what.torrentId);
    for (const [key, p] of this.live) if (p.userId === what.userId || p.torrentId === what.torrentId) this.live.delete(key);
  }

  private next(): JournalRecord | null {
    const roll = this.random();
    if (roll < 0.1 && this.live.size > 0) return this.leave(this.random() < 0.5 ? 'expire' : 'stop');
    const userId = this.pick(this.members.filter((u) => !this.gone.users.has(u)));
    const torrentId = this.pick(this.torrents.filter((t) => !this.gone.torrents.has(t)));
    // Mostly a member's first peer; sometimes a second or third client on the same torrent.
    const slot = this.random() < 0.85 ? 0 : 1 + Math.floor(this.random() * 2);
    return this.announce(userId, torrentId, slot);
  }

  private announce(userId: number, torrentId: number, slot: number): AnnounceRecord {
    const key = `${torrentId},${userId},${slot}`;
    const before = this.live.get(key);
    const atMs = this.tick();
    const du = BigInt(Math.floor(this.random() * 5000));
    const dd = BigInt(Math.floor(this.random() * 5000));
    let completed = false;
    const p: LivePeer = before === undefined
      ? {
        torrentId, userId, slot, ip: `10.0.${userId}.${slot}`, port: 6881 + slot,
        uploaded: 0n, downloaded: 0n, left: this.random() < 0.4 ? 0n : 1000n,
      }
      : { ...before, uploaded: before.uploaded + du, downloaded: before.downloaded + dd };
    if (before !== undefined) {
      const change = this.random();
      if (change < 0.06) p.port = before.port + 100;
      else if (change < 0.2 && before.left > 0n) {
        p.left = 0n;
        completed = true;
      } else if (change < 0.24 && before.left === 0n) p.left = 700n;
      else if (change < 0.3 && before.left > 0n) p.left = before.left - 100n;
    }
    const pairPeers = [...this.live.values()].filter((o) => o.torrentId === torrentId && o.userId === userId);
    const rowCurrent = before !== undefined && before.ip === p.ip && before.port === p.port
      && (before.left === 0n) === (p.left === 0n) && pairPeers.length === 1;
    this.live.set(key, p);
    const actualUploaded = before === undefined ? 0n : du;
    const actualDownloaded = before === undefined ? 0n : dd;
    return {
      kind: 'announce', torrentId, userId, peerId: peerIdOf(userId, slot), atMs, ...this.counts(torrentId),
      peer: { ip: p.ip, port: p.port, uploaded: p.uploaded, downloaded: p.downloaded, left: p.left, rowCurrent },
      actualUploaded, actualDownloaded,
      creditedUploaded: torrentId % 3 === 0 ? 2n * actualUploaded : actualUploaded,
      creditedDownloaded: torrentId % 4 === 0 ? 0n : actualDownloaded,
      seedSeconds: before !== undefined && before.left === 0n ? Math.floor(this.random() * 1800) : 0,
      completed,
      flags: this.flags(),
    };
  }

  private leave(how: 'expire' | 'stop'): JournalRecord {
    const peers = [...this.live.values()];
    const p = this.pick(peers);
    this.live.delete(`${p.torrentId},${p.userId},${p.slot}`);
    const base = { torrentId: p.torrentId, userId: p.userId, peerId: peerIdOf(p.userId, p.slot), atMs: this.tick(), ...this.counts(p.torrentId) };
    if (how === 'expire') return { kind: 'expire', ...base };
    const du = BigInt(Math.floor(this.random() * 300));
    return {
      kind: 'announce', ...base, peer: null, actualUploaded: du, actualDownloaded: 0n, creditedUploaded: du, creditedDownloaded: 0n,
      seedSeconds: 0, completed: false, flags: [],
    };
  }

  private flags(): AnnounceRecord['flags'] {
    const out: { kind: AccountingFlag; details: string }[] = [];
    const kinds: AccountingFlag[] = ['rate-capped-upload', 'rate-capped-download', 'upload-without-leechers'];
    while (this.random() < (out.length === 0 ? 0.12 : 0.2)) out.push({ kind: this.pick(kinds), details: `{"n":${++this.flagCount},"note":"é\\"q"}` });
    return out;
  }

  private counts(torrentId: number): { seeders: number; leechers: number } {
    let seeders = 0;
    let leechers = 0;
    for (const p of this.live.values()) {
      if (p.torrentId !== torrentId) continue;
      if (p.left === 0n) seeders++;
      else leechers++;
    }
    return { seeders, leechers };
  }

  private tick(): number {
    this.clock += Math.floor(this.random() * 4) * 200;
    return this.clock;
  }

  private pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.random() * items.length)];
    if (item === undefined) throw new Error('nothing to pick from');
    return item;
  }

  /** mulberry32. */
  private random(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
}

interface LivePeer {
  torrentId: number;
  userId: number;
  slot: number;
  ip: string;
  port: number;
  uploaded: bigint;
  downloaded: bigint;
  left: bigint;
}

/** A client's peer_id: an Azureus-style prefix (so the client label is a real one), then the member and slot. */
export function peerIdOf(userId: number, slot: number): Uint8Array {
  const id = Buffer.alloc(20, 0x41 + slot);
  id.write('-qB4520-', 0, 'latin1');
  id.writeUInt32BE(userId, 8);
  id[12] = slot;
  // A byte above 0x7f: bytea and BLOB order must agree on it.
  id[13] = 0x80 + slot;
  return id;
}
