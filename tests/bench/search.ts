/**
 * `npm run bench:search`: fills a fresh database with 1,000,000 torrents (titles and file names from a
 * Zipf-distributed vocabulary, tags, categories, random counts) and prints latency percentiles of the real
 * browse/search service for keyword searches and for filtered, sorted browsing. The reference in the same run
 * is a plain `LIKE '%word%'` scan over titles, the obvious design without a full-text index.
 *
 * Options: --db sqlite|postgres|both (default both: each database in a process of its own, one after the other,
 * on the same catalogue and queries, figures side by side), --torrents N (default 1000000), --queries N
 * (default 300). PostgreSQL: a database of the bench's own on TEST_POSTGRES_URL's server (default the local one),
 * dropped at the end.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createTestPostgresDatabase } from '../helpers/postgres';
import { createCorpus } from './search/corpus';
import { fillPostgres, postgresLikeScan } from './search/fill-postgres';
import { fillSqlite, sqliteLikeScan } from './search/fill-sqlite';

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'both' },
    torrents: { type: 'string', default: '1000000' },
    queries: { type: 'string', default: '300' },
    result: { type: 'string' },
  },
});
const TORRENTS = Number(values.torrents);
const QUERIES = Number(values.queries);

interface Percentiles { p50: number; p95: number; p99: number; max: number }
interface Figures { db: string; fillSeconds: number; keyword: Percentiles; browse: Percentiles; searchAndFilter: Percentiles; like: Percentiles; slowest: string[] }

function percentiles(samples: number[]): Percentiles {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: s[s.length - 1]! };
}

/** Fills one database, runs the same query mix through the service layer, and returns the figures. */
async function measure(database: 'sqlite' | 'postgres'): Promise<Figures> {
  const corpus = createCorpus(TORRENTS);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'giveback-bench-search-'));
  const file = path.join(dir, 'bench.db');
  const postgres = database === 'postgres' ? await createTestPostgresDatabase() : null;
  process.env.DATA_DIR = dir;
  process.env.DATABASE_URL = postgres?.url ?? `file:${file}`;
  try {
    console.log(`[${database}] filling ${TORRENTS.toLocaleString('en')} torrents…`);
    const fillSeconds = postgres ? await fillPostgres(postgres.url, corpus) : await fillSqlite(file, corpus);
    console.log(`[${database}] filled in ${fillSeconds.toFixed(1)} s`);
    const { searchTorrents } = await import('../../lib/services/search-torrents');
    const { browseQuerySchema } = await import('../../lib/validation/browse');
    const run = async (params: Record<string, string>) => {
      const t = performance.now();
      await searchTorrents({ query: browseQuerySchema.parse(params) });
      return performance.now() - t;
    };
    for (let i = 0; i < 20; i++) await run({ q: corpus.keyword() });
    const keyword: number[] = [];
    const words: string[] = [];
    for (let i = 0; i < QUERIES; i++) {
      const q = corpus.keyword();
      words.push(q);
      keyword.push(await run({ q }));
    }
    const browse: number[] = [];
    const slow: [number, string][] = [];
    for (let i = 0; i < QUERIES; i++) {
      const params = corpus.browse(i);
      const ms = await run(params);
      browse.push(ms);
      slow.push([ms, JSON.stringify(params)]);
    }
    const searchAndFilter: number[] = [];
    for (let i = 0; i < QUERIES; i++) searchAndFilter.push(await run(corpus.searchAndFilter(i)));
    // The same keyword searches as a LIKE scan over titles (fewer runs: each scans every row).
    const like = postgres ? await postgresLikeScan(postgres.url) : sqliteLikeScan(file);
    const likeTimes: number[] = [];
    for (const w of words.slice(0, 20)) {
      const t = performance.now();
      await like.run(w.split(' ')[0]!);
      likeTimes.push(performance.now() - t);
    }
    await like.close();
    const { db } = await import('../../lib/db/client');
    await db().$disconnect();
    return {
      db: database, fillSeconds, keyword: percentiles(keyword), browse: percentiles(browse), searchAndFilter: percentiles(searchAndFilter),
      like: percentiles(likeTimes), slowest: slow.sort((a, b) => b[0] - a[0]).slice(0, 3).map(([ms, p]) => `${ms.toFixed(0)} ms ${p}`),
    };
  } finally {
    await postgres?.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Each database in a child process: the site's client and settings are chosen once per process. */
function measureInChild(database: string): Figures {
  const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'giveback-bench-result-')), 'figures.json');
  const args = [...process.execArgv, import.meta.filename, '--db', database, '--torrents', String(TORRENTS), '--queries', String(QUERIES), '--result', out];
  const child = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (child.status !== 0) throw new Error(`bench:search --db ${database} failed (${child.status ?? child.signal})`);
  const figures = JSON.parse(readFileSync(out, 'utf8')) as Figures;
  rmSync(path.dirname(out), { recursive: true, force: true });
  return figures;
}

const fmt = (p: Percentiles) => `p50 ${p.p50.toFixed(2).padStart(7)}  p95 ${p.p95.toFixed(2).padStart(7)}  p99 ${p.p99.toFixed(2).padStart(7)}  max ${p.max.toFixed(2).padStart(7)}`;

function report(all: Figures[]): void {
  console.log(`\nbench:search on ${TORRENTS.toLocaleString('en')} torrents (${QUERIES} queries each, service layer through Prisma; ms)`);
  const rows: [string, (f: Figures) => Percentiles][] = [
    ['keyword search', (f) => f.keyword],
    ['browse, filters + sort', (f) => f.browse],
    ['keyword + filters + sort', (f) => f.searchAndFilter],
    ['reference: LIKE title scan (20)', (f) => f.like],
  ];
  for (const [name, pick] of rows) {
    for (const f of all) console.log(`${name.padEnd(32)} ${f.db.padEnd(9)} ${fmt(pick(f))}`);
  }
  for (const f of all) {
    console.log(`${f.db}: filled in ${f.fillSeconds.toFixed(1)} s; LIKE / full-text p95 ${(f.like.p95 / f.keyword.p95).toFixed(1)}x; slowest browses: ${f.slowest.join(' | ')}`);
    console.log(`${f.db}: goal keyword p95 < 50 ms: ${f.keyword.p95 < 50 ? 'met' : 'NOT met'} (${f.keyword.p95.toFixed(2)} ms)`);
  }
  if (all.length === 2) console.log(`postgres / sqlite keyword p95: ${(all[1]!.keyword.p95 / all[0]!.keyword.p95).toFixed(2)}x`);
}

if (values.db === 'sqlite' || values.db === 'postgres') {
  const figures = await measure(values.db);
  if (values.result) writeFileSync(values.result, JSON.stringify(figures));
  else report([figures]);
} else if (values.db === 'both') {
  report([measureInChild('sqlite'), measureInChild('postgres')]);
} else {
  throw new Error(`--db must be sqlite, postgres or both, not ${values.db}`);
}
