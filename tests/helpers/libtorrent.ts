import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const SCRIPT = path.join(import.meta.dirname, 'libtorrent-client.py');

/** One line the client printed (see libtorrent-client.py). */
export interface LibtorrentEvent {
  kind: 'settings' | 'added' | 'reply' | 'warning' | 'error' | 'finished' | 'done';
  [field: string]: unknown;
}

export interface LibtorrentClient {
  child: ChildProcess;
  events: LibtorrentEvent[];
  output: () => string;
  /** Removes the torrent (libtorrent announces `stopped`) and waits for the client to exit. */
  stop: () => Promise<void>;
}

/** A hybrid (v1 + v2) torrent of one file, made by libtorrent. */
export function createHybridTorrent(payload: string, out: string): void {
  execFileSync('/usr/bin/python3', [SCRIPT, 'create', payload, out], { stdio: 'ignore' });
}

/**
 * python3-libtorrent (libtorrent-rasterbar 2.0, the engine of qBittorrent and Deluge) with its default settings,
 * SSRF mitigation on, listening on 127.0.0.1; DHT, LSD, UPnP and NAT-PMP off so only our tracker counts.
 */
export function startLibtorrent(options: { torrent: string; dir: string; port: number }): LibtorrentClient {
  const child = spawn('/usr/bin/python3', [SCRIPT, 'run', options.torrent, options.dir, String(options.port)], { stdio: ['pipe', 'pipe', 'pipe'] });
  const events: LibtorrentEvent[] = [];
  let log = '';
  let partial = '';
  child.stdout?.on('data', (d: Buffer) => {
    log += d.toString();
    partial += d.toString();
    const lines = partial.split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) if (line.trim() !== '') events.push(JSON.parse(line) as LibtorrentEvent);
  });
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  return {
    child,
    events,
    output: () => log,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.stdin?.end();
      await new Promise((resolve) => {
        const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
        child.once('exit', () => resolve(clearTimeout(timer)));
      });
    },
  };
}
