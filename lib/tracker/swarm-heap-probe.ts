import { SwarmStore } from './swarm-store';

export interface HeapProbeOptions {
  peers: number;
  torrents: number;
  /**
   * Memory in use in bytes, JavaScript heap plus array buffers (peers live in typed arrays, outside the heap),
   * e.g. `() => { const m = process.memoryUsage(); return m.heapUsed + m.arrayBuffers; }`.
   */
  memoryUsed: () => number;
  /** A full collection, e.g. the `gc` exposed by `--expose-gc`; without it the figure includes garbage. */
  gc?: () => void;
}

export interface HeapProbeResult {
  bytesPerPeer: number;
  peers: number;
  torrents: number;
  /** Whether a collection ran before each reading (the figure is then close to the real retained size). */
  collected: boolean;
}

/**
 * Fills a SwarmStore with `peers` peers spread over `torrents` torrents (a third seeders, one in ten IPv6)
 * and reports retained memory per peer. Runtime hooks are injected so the core stays free of process access;
 * the unit test and the benchmark both call it.
 */
export function measureSwarmHeapPerPeer(options: HeapProbeOptions): HeapProbeResult {
  const { peers, torrents, memoryUsed, gc } = options;
  const peerId = new Uint8Array(20).fill(0x2d);
  const v4 = new Uint8Array(6);
  const v6 = new Uint8Array(18);
  gc?.();
  const before = memoryUsed();
  const store = new SwarmStore(() => 0.5);
  for (let i = 0; i < peers; i++) {
    new DataView(peerId.buffer).setUint32(16, i);
    const endpoint = i % 10 === 9 ? v6 : v4;
    new DataView(endpoint.buffer).setUint32(endpoint.length - 6, i * 2654435761);
    store.upsert(i % torrents, { userId: i, peerId, endpoint, left: i % 3 === 0 ? 0n : BigInt(i) * 1000n, nowMs: i });
  }
  gc?.();
  const after = memoryUsed();
  if (store.stats.peers !== peers) throw new Error('heap probe lost peers');
  return { bytesPerPeer: (after - before) / peers, peers, torrents, collected: gc !== undefined };
}
