/**
 * `npm run bench:search`: fills a fresh SQLite database with 1,000,000 torrents (titles and file names from a
 * Zipf-distributed vocabulary, tags, categories, random counts) and prints latency percentiles of the real
 * browse/search service for keyword searches and for filtered, sorted browsing. The reference in the same run
 * is a plain `LIKE '%word%'` scan over titles, the obvious design without a full-text index.
 *
 * Options: --torrents N (default 1000000), --queries N (default 300).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { applyMigrations } from '../../lib/db/migrate';

const { values } = parseArgs({ options: { torrents: { type: 'string', default: '1000000' }, queries: { type: 'string', default: '300' } } });
const TORRENTS = Number(values.torrents);
const QUERIES = Number(values.queries);

let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
const SYLLABLES = ['ka', 'lo', 'mi', 'ra', 'te', 'su', 'no', 'vi', 'be', 'da', 'zo', 'fi', 'gu', 'pe', 'xa', 'ri'];
const vocabulary = Array.from({ length: 20_000 }, (_, i) => {
  let w = '';
  let n = i + 7;
  do {
    w += SYLLABLES[n % SYLLABLES.length];
    n = Math.floor(n / SYLLABLES.length);
  } while (n > 0);
  return w;
});
/** Zipf-like: word rank r is chosen with probability ~ 1/r. */
const zipf = () => vocabulary[Math.min(vocabulary.length - 1, Math.floor(Math.exp(rand() * Math.log(vocabulary.length)) - 1))]!;
const TAGS = ['1080p', '720p', '2160p', 'flac', 'mp3', 'epub', 'pdf', 'linux', 'windows', 'remux', 'web', 'bluray', 'documentary', 'anime', 'classic'];

const dir = mkdtempSync(path.join(os.tmpdir(), 'giveback-bench-search-'));
const file = path.join(dir, 'bench.db');
process.env.DATA_DIR = dir;
process.env.DATABASE_URL = `file:${file}`;

async function fill() {
  await applyMigrations({ databaseUrl: `file:${file}`, migrationsDir: path.resolve(import.meta.dirname, '../../prisma/migrations') });
  const conn = new Database(file);
  conn.pragma('journal_mode = WAL');
  conn.pragma('synchronous = OFF');
  const users = 1000;
  const insertUser = conn.prepare('INSERT INTO User (username, usernameKey, passwordHash, role, passkey, createdAt) VALUES (?, ?, ?, ?, ?, ?)');
  const insertTorrent = conn.prepare(
    `INSERT INTO Torrent (id, infoHashV1, name, title, description, version, size, pieceLength, fileCount, categoryId, uploaderId, createdAt, updatedAt, seeders, leechers, snatches, freeleech)
     VALUES (?, ?, ?, ?, '', 'v1', ?, 262144, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertFile = conn.prepare('INSERT INTO TorrentFile (torrentId, position, path, size) VALUES (?, ?, ?, ?)');
  const insertTag = conn.prepare('INSERT INTO TorrentTag (torrentId, tagId) VALUES (?, ?)');
  const insertSearch = conn.prepare('INSERT INTO torrent_search (rowid, title, files, tags) VALUES (?, ?, ?, ?)');
  const start = Date.now() - TORRENTS * 60_000;
  conn.transaction(() => {
    for (let u = 1; u <= users; u++) insertUser.run(`user${u}`, `user${u}`, 'x', 'uploader', u.toString(16).padStart(32, '0'), new Date(start).toISOString());
    TAGS.forEach((t, i) => conn.prepare('INSERT INTO Tag (id, name) VALUES (?, ?)').run(i + 1, t));
  })();
  const t0 = Date.now();
  const BATCH = 20_000;
  for (let base = 1; base <= TORRENTS; base += BATCH) {
    conn.transaction(() => {
      for (let id = base; id < base + BATCH && id <= TORRENTS; id++) {
        const words = Array.from({ length: 3 + Math.floor(rand() * 4) }, zipf);
        const title = words.join(' ');
        const files = Array.from({ length: 1 + Math.floor(rand() * 3) }, (_, i) => `${words[0]}/${zipf()}-${i}.mkv`);
        const tags = [TAGS[Math.floor(rand() * TAGS.length)]!];
        const created = new Date(start + id * 60_000).toISOString();
        insertTorrent.run(id, id.toString(16).padStart(40, '0'), title, title, Math.floor(rand() * 2 ** 36), files.length, 1 + Math.floor(rand() * 7), 1 + Math.floor(rand() * users), created, created, Math.floor(rand() * rand() * 200), Math.floor(rand() * rand() * 50), Math.floor(rand() * 500), rand() < 0.05 ? 1 : 0);
        files.forEach((f, i) => insertFile.run(id, i, f, 1000));
        insertTag.run(id, TAGS.indexOf(tags[0]!) + 1);
        insertSearch.run(id, title, files.map((f) => f.replace(/[/._-]+/g, ' ')).join('\n'), tags.join(' '));
      }
    })();
  }
  conn.exec('ANALYZE');
  conn.close();
  return (Date.now() - t0) / 1000;
}

function percentiles(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: s[s.length - 1]! };
}

const fmt = (p: ReturnType<typeof percentiles>) => `p50 ${p.p50.toFixed(2)} ms  p95 ${p.p95.toFixed(2)} ms  p99 ${p.p99.toFixed(2)} ms  max ${p.max.toFixed(2)} ms`;

async function main() {
  console.log(`Filling ${TORRENTS.toLocaleString('en')} torrents…`);
  const fillSeconds = await fill();
  console.log(`filled in ${fillSeconds.toFixed(1)} s`);
  const { searchTorrents } = await import('../../lib/services/search-torrents');
  const { browseQuerySchema } = await import('../../lib/validation/browse');
  const run = async (params: Record<string, string>) => {
    const t = performance.now();
    await searchTorrents({ query: browseQuerySchema.parse(params) });
    return performance.now() - t;
  };
  // Keyword mixes: a common word, a mid-frequency word, two words, and a prefix as typed.
  const keyword = () => {
    const pick = rand();
    if (pick < 0.25) return vocabulary[Math.floor(rand() * 20)]!;
    if (pick < 0.5) return vocabulary[100 + Math.floor(rand() * 2000)]!;
    if (pick < 0.75) return `${zipf()} ${zipf()}`;
    return zipf().slice(0, 3);
  };
  for (let i = 0; i < 20; i++) await run({ q: keyword() });
  const kw: number[] = [];
  const kwWords: string[] = [];
  for (let i = 0; i < QUERIES; i++) {
    const q = keyword();
    kwWords.push(q);
    kw.push(await run({ q }));
  }
  const browse: number[] = [];
  const slow: [number, string][] = [];
  const sorts = ['added', 'name', 'size', 'seeders', 'leechers', 'snatches'];
  for (let i = 0; i < QUERIES; i++) {
    const params: Record<string, string> = { sort: sorts[i % sorts.length]!, order: i % 2 ? 'asc' : 'desc', page: String(1 + (i % 5)) };
    if (i % 3 === 0) params.category = ['movies', 'tv', 'music', 'games', 'software', 'books', 'other'][i % 7]!;
    if (i % 4 === 0) params.status = i % 8 === 0 ? 'alive' : 'dead';
    if (i % 5 === 0) params.tags = TAGS[i % TAGS.length]!;
    if (i % 7 === 0) params.freeleech = '1';
    const ms = await run(params);
    browse.push(ms);
    slow.push([ms, JSON.stringify(params)]);
  }
  const searchAndFilter: number[] = [];
  for (let i = 0; i < QUERIES; i++) {
    searchAndFilter.push(await run({ q: keyword(), category: ['movies', 'tv', 'music'][i % 3]!, sort: sorts[i % sorts.length]!, status: 'alive' }));
  }
  // Reference: the same keyword searches as a LIKE scan over titles (fewer runs: each scans every row).
  const conn = new Database(file, { readonly: true });
  const like = conn.prepare("SELECT id FROM Torrent WHERE deletedAt IS NULL AND title LIKE ? ORDER BY createdAt DESC LIMIT 50");
  const likeTimes = kwWords.slice(0, 20).map((w) => {
    const t = performance.now();
    like.all(`%${w.split(' ')[0]}%`);
    return performance.now() - t;
  });
  conn.close();
  const k = percentiles(kw);
  const l = percentiles(likeTimes);
  console.log(`\nbench:search on ${TORRENTS.toLocaleString('en')} torrents (${QUERIES} queries each, service layer through Prisma)`);
  console.log(`keyword search (FTS5)        ${fmt(k)}`);
  console.log(`browse, filters + sort       ${fmt(percentiles(browse))}`);
  console.log(`keyword + filters + sort     ${fmt(percentiles(searchAndFilter))}`);
  console.log(`reference: LIKE title scan   ${fmt(l)}  (20 queries)`);
  console.log(`ratio LIKE / FTS5: p50 ${(l.p50 / k.p50).toFixed(1)}x, p95 ${(l.p95 / k.p95).toFixed(1)}x`);
  console.log('slowest browses:', slow.sort((a, b) => b[0] - a[0]).slice(0, 3).map(([ms, p]) => `${ms.toFixed(0)} ms ${p}`).join(' | '));
  console.log(`goal keyword p95 < 50 ms: ${k.p95 < 50 ? 'met' : 'NOT met'} (${k.p95.toFixed(2)} ms)`);
  const { db } = await import('../../lib/db/client');
  await db().$disconnect();
  if (process.env.BENCH_KEEP) console.log(`kept ${file}`);
  else rmSync(dir, { recursive: true, force: true });
}

await main();
