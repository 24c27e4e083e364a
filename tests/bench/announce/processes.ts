import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const HERE = path.resolve('tests/bench/announce');
const TSX = ['--import', 'tsx', '--import', './scripts/server-only-shim.mjs'];

export interface Started<T> {
  child: ChildProcess;
  ready: T;
}

/** Servers still running; if the benchmark dies half-way they are killed with it instead of left behind. */
const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Starts a TypeScript child pinned to `core` and waits for the JSON line it prints when ready. */
export function startPinned<T>(core: number, script: string, args: string[], nodeFlags: string[] = []): Promise<Started<T>> {
  const child = spawn('taskset', ['-c', String(core), process.execPath, ...nodeFlags, ...TSX, path.join(HERE, script), ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  return new Promise((resolve, reject) => {
    let out = '';
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code} before it was ready`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line !== undefined && out.includes('\n')) {
        child.removeAllListeners('exit');
        resolve({ child, ready: JSON.parse(line) as T });
      }
    });
  });
}

/** SIGTERM, then wait for the exit (the tracker commits its last batch on the way out). */
export function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Runs a command pinned to `core` and returns the last JSON line it printed. */
export function runPinnedJson<T>(core: number, command: string, args: string[]): Promise<T> {
  const child = spawn('taskset', ['-c', String(core), command, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      const line = out.split('\n').reverse().find((l) => l.startsWith('{'));
      if (code !== 0 || line === undefined) reject(new Error(`${command} failed (${code}): ${out.slice(-500)}`));
      else resolve(JSON.parse(line) as T);
    });
  });
}

export interface WrkResult {
  requests: number;
  durationUs: number;
  bytes: number;
  p50Us: number;
  p99Us: number;
  maxUs: number;
  socketErrors: number;
  non2xx: number;
  failures: number;
}

/** wrk on core 1 with announce.lua walking `pathsFile` from counter round `round0`. */
export function wrk(port: number, o: { seconds: number; connections: number; pathsFile: string; round0: number }): Promise<WrkResult> {
  return runPinnedJson<WrkResult>(1, 'wrk', [
    '-t1', `-c${o.connections}`, `-d${o.seconds}s`, '--timeout', '5s', '-s', path.join(HERE, 'announce.lua'),
    `http://127.0.0.1:${port}`, '--', o.pathsFile, String(o.round0),
  ]);
}

/** /proc counts CPU time in clock ticks of 10 ms (USER_HZ = 100 on Linux). */
const MS_PER_CLOCK_TICK = 10;

/** CPU time (user + system, every thread) a process has used so far, in ms. */
export function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'latin1').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * MS_PER_CLOCK_TICK; // utime, stime (fields 14, 15)
}
