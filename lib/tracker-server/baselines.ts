import type { CounterBaseline } from '@/lib/tracker';

/**
 * The accounting baseline of every live peer: the last counters the tracker accepted and when. Mirrors the
 * Peer table (loaded from it at start, written with each commit), so a restart continues every peer's deltas.
 * Keyed by one flat string (torrent id, user id, raw peer_id) to keep each entry small.
 */
export class Baselines {
  private readonly map = new Map<string, CounterBaseline>();

  static key(torrentId: number, userId: number, peerId: Uint8Array): string {
    return `${torrentId}:${userId}:${String.fromCharCode(...peerId)}`;
  }

  get(key: string): CounterBaseline | null {
    return this.map.get(key) ?? null;
  }

  /** Sets or, with null, deletes. */
  set(key: string, baseline: CounterBaseline | null): void {
    if (baseline === null) this.map.delete(key);
    else this.map.set(key, baseline);
  }

  get size(): number {
    return this.map.size;
  }
}
