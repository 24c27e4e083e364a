import { spawn, type ChildProcess } from 'node:child_process';

export interface Aria2Options {
  torrent: string;
  dir: string;
  port: number;
  seedForever: boolean;
  /** Announce this often instead of at the tracker's interval, so the tracker hears of the transfer as it goes. */
  announceEverySeconds?: number;
  /** Upload no faster than this (per torrent), to make a transfer last. */
  maxUploadBytesPerSecond?: number;
}

/** A real BitTorrent client (Debian's aria2) on loopback, with DHT, LPD and PEX off so only our tracker counts. */
export function startAria2(options: Aria2Options): { child: ChildProcess; output: () => string; stop: () => Promise<void> } {
  const child = spawn(
    'aria2c',
    [
      `--dir=${options.dir}`,
      `--listen-port=${options.port}`,
      '--enable-dht=false',
      '--enable-dht6=false',
      '--bt-enable-lpd=false',
      '--enable-peer-exchange=false',
      '--check-integrity=true',
      '--bt-seed-unverified=false',
      '--summary-interval=0',
      '--console-log-level=notice',
      '--file-allocation=none',
      options.seedForever ? '--seed-ratio=0.0' : '--seed-time=0',
      ...(options.announceEverySeconds === undefined ? [] : [`--bt-tracker-interval=${options.announceEverySeconds}`]),
      ...(options.maxUploadBytesPerSecond === undefined ? [] : [`--max-upload-limit=${options.maxUploadBytesPerSecond}`]),
      options.torrent,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  return {
    child,
    output: () => log,
    // SIGINT makes aria2 shut down gracefully, which sends the tracker a final `stopped` announce with its counters.
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGINT');
      await new Promise((resolve) => {
        const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
        child.once('exit', () => resolve(clearTimeout(timer)));
      });
    },
  };
}
