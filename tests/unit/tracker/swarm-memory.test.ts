import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { measureSwarmHeapPerPeer } from '@/lib/tracker/swarm-heap-probe';

/** A real collector even without --expose-gc: the flag can be set at run time and `gc` read from a new context. */
function exposeGc(): (() => void) | undefined {
  setFlagsFromString('--expose-gc');
  const gc: unknown = runInNewContext('typeof gc === "function" ? gc : undefined');
  return typeof gc === 'function' ? () => (gc as () => void)() : undefined;
}

describe('swarm memory', () => {
  it('holds 200k peers over 50k torrents in at most 500 bytes per peer, heap and array buffers together', () => {
    const gc = exposeGc();
    const result = measureSwarmHeapPerPeer({
      peers: 200_000,
      torrents: 50_000,
      memoryUsed: () => {
        const m = process.memoryUsage();
        return m.heapUsed + m.arrayBuffers;
      },
      gc,
    });
    // Without a collector the reading includes garbage, so only a loose bound would be meaningful.
    expect(result.bytesPerPeer).toBeLessThan(result.collected ? 500 : 1500);
    expect(result.bytesPerPeer).toBeGreaterThan(50);
  }, 60_000);
});
