import type { WrkResult } from './processes';

export interface TargetResult {
  target: string;
  wrk: WrkResult;
  /** Heap bytes per peer held in memory (null when not measured). */
  bytesPerPeer: number | null;
  peers: number | null;
  /** Ours only: after the run, the time the fold took to store everything acknowledged in the database. */
  drainMs?: number;
  /** Ours only: CPU ms of the server process (event loop, fold worker, ratio thread) over the run and its drain. */
  serverCpuMs?: number;
  /** Ours on PostgreSQL: CPU ms of PostgreSQL's backends serving the run's database over the run and its drain. */
  databaseCpuMs?: number;
}

export interface LatencyResult {
  target: string;
  pass: number;
  targetRate: number;
  achievedRate: number;
  requests: number;
  failures: number;
  errors: number;
  p50Ms: number;
  p99Ms: number;
  p999Ms: number;
  maxMs: number;
  /** CPU time the rest of the machine took during the window (see open-loop.ts); absent without a server pid. */
  otherCpuMs?: number;
  stealMs?: number;
}

/** Sustained rate: a run only counts as done once its announces are in the database (replies come earlier). */
const rps = (r: TargetResult) => r.wrk.requests / (r.wrk.durationUs / 1e6 + (r.drainMs ?? 0) / 1000);
const replyRps = (r: TargetResult) => r.wrk.requests / (r.wrk.durationUs / 1e6);
const ms = (us: number) => (us / 1000).toFixed(2);
const ratio = (a: TargetResult | undefined, b: TargetResult | undefined) => (a && b ? `${(rps(a) / rps(b)).toFixed(2)}x` : 'n/a');
/** The rest of the machine's CPU time during a latency run, when measured. */
const others = (l: LatencyResult) => (l.otherCpuMs === undefined ? '' : `; other programs' CPU ${l.otherCpuMs} ms, steal ${l.stealMs ?? 0} ms`);
const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
/** The one of ours the ratios against the others are about: SQLite's when it ran, normal before full. */
const oursOf = (find: (t: string) => TargetResult | undefined) =>
  find('ours-normal') ?? find('ours-full') ?? find('ours-normal-pg') ?? find('ours-full-pg');

/** The element of median `key` (for an even count the lower of the middle two: no pass is averaged in). */
function median<T>(items: readonly T[], key: (t: T) => number): T | undefined {
  const sorted = [...items].sort((a, b) => key(a) - key(b));
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

/** Every pass on one line each, then the table, ratios and goals of each target's median pass. */
export function printReport(passes: TargetResult[][], latencies: LatencyResult[], o: { seconds: number; connections: number }): void {
  const targets = [...new Set(passes.flat().map((r) => r.target))];
  console.log('\npasses (req/s; ratios of ours-normal, or ours-full without it, on SQLite if it ran; half-load p99 of each):');
  passes.forEach((results, i) => {
    const find = (t: string) => results.find((r) => r.target === t);
    const ours = oursOf(find);
    const p99s = latencies.filter((l) => l.pass === i + 1).map((l) => `; ${l.target} p99 ${l.p99Ms} ms (max ${l.maxMs}${others(l)})`);
    console.log(`  ${i + 1}: ${results.map((r) => `${r.target} ${Math.round(rps(r))}`).join(', ')}`
      + `; ours/bt ${ratio(ours, find('bittorrent-tracker'))}, ours/ceiling ${ratio(ours, find('ceiling'))}${p99s.join('')}`);
  });
  const results = targets.flatMap((t) => {
    const runs = passes.flat().filter((r) => r.target === t);
    const m = median(runs, rps);
    if (m === undefined) return [];
    // Memory per peer: the largest any pass measured.
    return [{ ...m, bytesPerPeer: m.bytesPerPeer === null ? null : Math.max(...runs.map((r) => r.bytesPerPeer ?? 0)) }];
  });
  const ours = oursOf((t) => results.find((r) => r.target === t));
  const latency = median(latencies.filter((l) => l.target === ours?.target), (l) => l.p99Ms) ?? null;
  console.log(`\nmedian pass of ${passes.length} per target:`);
  console.log(`${'target'.padEnd(20)}${'req/s'.padStart(9)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'max ms'.padStart(9)}`
    + `${'errors'.padStart(8)}${'non-200'.padStart(9)}${'failures'.padStart(10)}${'body B'.padStart(8)}${'B/peer'.padStart(8)}${'peers'.padStart(8)}`
    + `${'replies/s'.padStart(11)}${'drain ms'.padStart(10)}`);
  for (const r of results) {
    const w = r.wrk;
    console.log(`${r.target.padEnd(20)}${Math.round(rps(r)).toString().padStart(9)}${ms(w.p50Us).padStart(9)}${ms(w.p99Us).padStart(9)}`
      + `${ms(w.maxUs).padStart(9)}${String(w.socketErrors).padStart(8)}${String(w.non2xx).padStart(9)}${String(w.failures).padStart(10)}`
      + `${Math.round(w.bytes / Math.max(1, w.requests)).toString().padStart(8)}${String(r.bytesPerPeer ?? '-').padStart(8)}`
      + `${String(r.peers ?? '-').padStart(8)}${Math.round(replyRps(r)).toString().padStart(11)}`
      + `${(r.drainMs === undefined ? '-' : Math.round(r.drainMs).toString()).padStart(10)}`);
  }
  console.log('(body B = bytes per response including headers; failures = non-200 or bencoded failure reason;');
  console.log(' req/s = requests / (run + drain): ours answers once an announce is journaled and folds it into the database in');
  console.log(' the background, so its rate counts the time until the last one is in the database; replies/s ignores it;');
  console.log(' the warm-up is folded before the run starts, so the drain is the run\'s own work)');
  const find = (t: string) => results.find((r) => r.target === t);
  const bt = find('bittorrent-tracker');
  const ceiling = find('ceiling');
  console.log(`\nratios (${ours?.target ?? 'ours'}): ours/bittorrent-tracker ${ratio(ours, bt)}, ours/ceiling ${ratio(ours, ceiling)}`
    + (find('ours-full') && find('ours-normal') ? `, normal/full ${ratio(find('ours-normal'), find('ours-full'))}` : ''));
  if (latency !== null) {
    console.log(`latency of ${latency.target} at half its max, pass with the median p99 (open loop, ${latency.targetRate} req/s target, ${latency.achievedRate} achieved, `
      + `${latency.requests} requests, ${latency.failures} failures, ${latency.errors} socket errors): p50 ${latency.p50Ms} ms, `
      + `p99 ${latency.p99Ms} ms, p99.9 ${latency.p999Ms} ms, max ${latency.maxMs} ms${others(latency)}`);
  }
  console.log('\ngoals:');
  if (ours && bt) console.log(`  >= 1.0x bittorrent-tracker (aim 1.5x): ${ratio(ours, bt)} ${verdict(rps(ours) >= rps(bt))}`);
  if (ours && ceiling) console.log(`  >= 0.5x ceiling: ${ratio(ours, ceiling)} ${verdict(rps(ours) >= 0.5 * rps(ceiling))}`);
  if (latency) console.log(`  p99 < 10 ms at half max load: ${latency.p99Ms} ms ${verdict(latency.p99Ms < 10)}`);
  if (ours?.bytesPerPeer != null) console.log(`  <= 500 bytes/peer: ${ours.bytesPerPeer} ${verdict(ours.bytesPerPeer <= 500)} (largest of the passes)`);
  void o;
}

/**
 * Each of ours on PostgreSQL beside the same target on SQLite, median passes, with the ratio PostgreSQL / SQLite of
 * every figure, and the goal: at least 0.8x SQLite's sustained rate.
 */
export function printDatabaseRatios(passes: TargetResult[][], latencies: LatencyResult[]): void {
  const medianOf = (t: string) => median(passes.flat().filter((r) => r.target === t), rps);
  const p99Of = (t: string) => median(latencies.filter((l) => l.target === t), (l) => l.p99Ms)?.p99Ms;
  const largestBytesPerPeer = (t: string) => Math.max(...passes.flat().filter((r) => r.target === t).map((r) => r.bytesPerPeer ?? 0));
  for (const target of new Set(passes.flat().map((r) => r.target))) {
    if (!target.endsWith('-pg')) continue;
    const pgResult = medianOf(target);
    const sqlite = medianOf(target.slice(0, -3));
    if (pgResult === undefined || sqlite === undefined) continue;
    const rows: [string, number | undefined, number | undefined][] = [
      ['req/s (run + drain)', rps(sqlite), rps(pgResult)],
      ['replies/s', replyRps(sqlite), replyRps(pgResult)],
      ['p99 ms at half load', p99Of(sqlite.target), p99Of(target)],
      ['bytes/peer (largest)', largestBytesPerPeer(sqlite.target), largestBytesPerPeer(target)],
      ['drain ms', sqlite.drainMs, pgResult.drainMs],
      ['server CPU ms', sqlite.serverCpuMs, pgResult.serverCpuMs],
      ['PostgreSQL CPU ms', undefined, pgResult.databaseCpuMs],
    ];
    const cell = (v: number | undefined) => (v === undefined ? '-' : v >= 100 ? String(Math.round(v)) : v.toFixed(2));
    console.log(`\n${target} beside ${sqlite.target}, median passes of ${passes.length} (CPU: over the measured run and its drain):`);
    console.log(`${'figure'.padEnd(24)}${sqlite.target.padStart(16)}${target.padStart(16)}${'PG/SQLite'.padStart(11)}`);
    for (const [name, a, b] of rows) {
      const r = a === undefined || b === undefined || a === 0 ? '-' : `${(b / a).toFixed(2)}x`;
      console.log(`${name.padEnd(24)}${cell(a).padStart(16)}${cell(b).padStart(16)}${r.padStart(11)}`);
    }
    console.log(`  goal ${target} >= 0.8x ${sqlite.target} req/s: ${ratio(pgResult, sqlite)} ${verdict(rps(pgResult) >= 0.8 * rps(sqlite))}`);
  }
}
