import type { CounterBaseline } from '@/lib/tracker';

/** Reused by Baselines.key so building a key allocates only the string. */
const KEY_CODES: number[] = [];

/**
 * The accounting baseline of every live peer: the last counters the tracker accepted and when. Mirrors the
 * Peer table (loaded from it at start, written with each commit), so a restart continues every peer's deltas.
 * Keyed by one flat string (torrent id, user id, raw peer_id; see key) to keep each entry small.
 */
export class Baselines {
  private readonly map = new Map<string, CounterBaseline>();

  /**
   * Four bytes of torrent id, four of user id (ids are below 2^32), then the raw peer_id, one char per byte: one
   * flat one-byte string of about 40 bytes of heap. A joined text key cost twice that (V8 keeps a concatenation
   * as a rope next to its flattened copy), 50 bytes per live peer in tests/bench/announce.
   */
  static key(torrentId: number, userId: number, peerId: Uint8Array): string {
    const codes = KEY_CODES;
    codes.length = 8 + peerId.length;
    for (let i = 0; i < 4; i++) {
      codes[i] = (torrentId >>> (8 * i)) & 0xff;
      codes[4 + i] = (userId >>> (8 * i)) & 0xff;
    }
    for (let i = 0; i < peerId.length; i++) codes[8 + i] = peerId[i] ?? 0;
    return String.fromCharCode.apply(null, codes);
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
