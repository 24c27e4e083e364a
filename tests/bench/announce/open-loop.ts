/**
 * Open-loop load at a fixed rate (what wrk2 would do): request i is due at start + i/rate whether or not earlier
 * ones were answered, and its latency counts from that due time, so a stall shows up in the percentiles instead
 * of slowing the generator down (no coordinated omission). Raw keep-alive sockets, one request in flight each.
 * node --import tsx open-loop.ts <port> <rate> <seconds> <paths file> <first round> <sockets> [server pid]
 * Prints one JSON line. With the server's pid it also reports how much CPU time the rest of the machine (other
 * programs, kernel threads, the hypervisor's steal) took on any core during the measured window: a latency
 * stall that coincides with a burst of it was not the tracker's doing.
 */
import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';

const [port, rate, seconds, file, round0, sockets, serverPid] = process.argv.slice(2);
// Lines are `<u><d> <path>` (paths.ts): whether the peer's uploaded and downloaded grow, kept as bits 1 and 2 of
// one byte per path (no object per path: this process must not collect garbage during a run).
const paths = readFileSync(file ?? '', 'latin1').split('\n').filter((l) => l !== '');
const grows = new Uint8Array(paths.length);
paths.forEach((line, i) => {
  grows[i] = (line[0] === '1' ? 1 : 0) | (line[1] === '1' ? 2 : 0);
  paths[i] = line.slice(3);
});
const total = Math.floor(Number(rate) * Number(seconds));
const latencies = new Float64Array(total);
const FAILURE = Buffer.from('d14:failure reason');
let sent = 0;
let completed = 0;
let failures = 0;
let errors = 0;
/** Requests whose socket closed before the reply; they count as errors and as done. */
let lost = 0;
const backlog: number[] = [];

interface Conn { socket: Socket; busy: boolean; due: number; buffered: Buffer }
const conns: Conn[] = [];
const start = performance.now() + 200;
const dueAt = (i: number) => start + (i * 1000) / Number(rate);

function pathOf(i: number): string {
  const bytes = (Number(round0) + Math.floor(i / paths.length)) * 16384;
  const g = grows[i % paths.length] ?? 0;
  return `${paths[i % paths.length]}&uploaded=${g & 1 ? bytes : 0}&downloaded=${g & 2 ? bytes : 0}`;
}

function send(conn: Conn, i: number): void {
  conn.busy = true;
  conn.due = dueAt(i);
  conn.socket.write(`GET ${pathOf(i)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
}

function onData(conn: Conn, chunk: Buffer): void {
  conn.buffered = conn.buffered.length === 0 ? chunk : Buffer.concat([conn.buffered, chunk]);
  const head = conn.buffered.indexOf('\r\n\r\n');
  if (head === -1) return;
  const length = Number(/content-length: *(\d+)/i.exec(conn.buffered.subarray(0, head).toString('latin1'))?.[1] ?? NaN);
  if (conn.buffered.length < head + 4 + length) return;
  const ok = conn.buffered.subarray(9, 12).toString() === '200';
  const body = conn.buffered.subarray(head + 4, head + 4 + length);
  if (!ok || body.subarray(0, FAILURE.length).equals(FAILURE)) failures++;
  conn.buffered = conn.buffered.subarray(head + 4 + length);
  latencies[completed++] = performance.now() - conn.due;
  conn.busy = false;
  const next = backlog.shift();
  if (next !== undefined) send(conn, next);
  if (completed + lost === total) finish();
}

/** Idle connections are used in turn, so none sits idle long enough for the server's keep-alive timeout. */
let cursor = 0;
function idleConn(): Conn | undefined {
  for (let k = 0; k < conns.length; k++) {
    const conn = conns[(cursor + k) % conns.length];
    if (conn !== undefined && !conn.busy) {
      cursor = (cursor + k + 1) % conns.length;
      return conn;
    }
  }
  return undefined;
}

/** (Re)connects; a request in flight on a socket that closes is counted lost, and the socket is replaced. */
function open(conn: Conn): void {
  const socket = connect(Number(port), '127.0.0.1');
  conn.socket = socket;
  conn.buffered = Buffer.alloc(0);
  socket.setNoDelay(true);
  socket.on('data', (chunk: Buffer) => onData(conn, chunk));
  socket.on('error', () => errors++);
  socket.on('close', () => {
    if (finished || conn.socket !== socket) return;
    if (conn.busy) {
      conn.busy = false;
      lost++;
      errors++;
      if (completed + lost === total) return finish();
    }
    open(conn);
  });
}

function tick(): void {
  const now = performance.now();
  while (sent < total && dueAt(sent) <= now) {
    const idle = idleConn();
    if (idle === undefined) backlog.push(sent);
    else send(idle, sent);
    sent++;
  }
  if (sent < total) setImmediate(tick);
}

/** /proc counts CPU time in clock ticks of 10 ms (USER_HZ = 100 on Linux). */
const MS_PER_CLOCK_TICK = 10;
/** CPU time in ms: every core busy (all but idle and iowait) and stolen, from /proc/stat; a process's from its stat. */
function machineCpuMs(): { busy: number; steal: number } {
  const f = (readFileSync('/proc/stat', 'latin1').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = f;
  return { busy: (user + nice + system + irq + softirq) * MS_PER_CLOCK_TICK, steal: steal * MS_PER_CLOCK_TICK };
}
function processCpuMs(pid: string): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'latin1').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * MS_PER_CLOCK_TICK; // utime, stime (fields 14, 15)
}
const ownCpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
let window0: { machine: { busy: number; steal: number }; server: number; own: number } | null = null;
setTimeout(() => {
  if (serverPid !== undefined) window0 = { machine: machineCpuMs(), server: processCpuMs(serverPid), own: ownCpuMs() };
}, 200);

let finished = false;
function finish(): void {
  if (finished) return;
  finished = true;
  let others: { otherCpuMs: number; stealMs: number } | object = {};
  if (window0 !== null && serverPid !== undefined) {
    const machine = machineCpuMs();
    const other = machine.busy - window0.machine.busy - (processCpuMs(serverPid) - window0.server) - (ownCpuMs() - window0.own);
    others = { otherCpuMs: Math.max(0, Math.round(other)), stealMs: machine.steal - window0.machine.steal };
  }
  const sorted = latencies.slice(0, completed).sort();
  const at = (q: number) => Number((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0).toFixed(2));
  const elapsed = (performance.now() - start) / 1000;
  console.log(JSON.stringify({
    targetRate: Number(rate), achievedRate: Math.round(completed / elapsed), requests: completed, failures, errors,
    p50Ms: at(0.5), p99Ms: at(0.99), p999Ms: at(0.999), maxMs: at(1), ...others,
  }));
  clearTimeout(grace);
  for (const c of conns) c.socket.destroy();
}

for (let i = 0; i < Number(sockets); i++) {
  const conn = { busy: false, due: 0 } as Conn;
  open(conn);
  conns.push(conn);
}
setTimeout(tick, 200);
// Whatever happens to the sockets, report what completed after a grace period (this timer keeps the process up).
const grace = setTimeout(finish, (Number(seconds) + 10) * 1000);
