import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import pg from 'pg';

export interface CorpusSize {
  members: number;
  torrents: number;
  peers: number;
  /** Zipf exponent of torrent popularity (rank r gets weight 1 / r^s). */
  zipf: number;
}

/** One live peer of the corpus; the load generator re-announces exactly these. */
export interface CorpusPeer {
  passkey: string;
  infoHash: Buffer;
  peerId: Buffer;
  port: number;
  seeder: boolean;
}

/** Deterministic [0, 1) generator (mulberry32), so every run announces the same corpus. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function zipfSampler(n: number, s: number, random: () => number): () => number {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let r = 0; r < n; r++) cdf[r] = sum += 1 / (r + 1) ** s;
  return () => {
    const x = random() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cdf[mid] ?? 0) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

export const passkeyOf = (member: number) => createHash('md5').update(`member ${member}`).digest('hex');
const infoHashOf = (torrent: number) => createHash('sha1').update(`torrent ${torrent}`).digest();

/**
 * Peers spread over torrents by Zipf popularity and over members uniformly (at most 3 peers per member and
 * torrent, the tracker's limit). Each peer has a port unique within its swarm, because bittorrent-tracker keys
 * HTTP peers by ip:port and every benchmark request comes from 127.0.0.1.
 */
export function buildCorpus(size: CorpusSize, seed = 1): CorpusPeer[] {
  const random = seededRandom(seed);
  const torrentOf = zipfSampler(size.torrents, size.zipf, random);
  const perPair = new Map<number, number>();
  const perTorrent = new Uint32Array(size.torrents);
  const passkeys = Array.from({ length: size.members }, (_, m) => passkeyOf(m + 1));
  const hashes = Array.from({ length: size.torrents }, (_, t) => infoHashOf(t + 1));
  const peers: CorpusPeer[] = [];
  while (peers.length < size.peers) {
    const t = torrentOf();
    const m = Math.floor(random() * size.members);
    const pair = t * size.members + m;
    const n = perPair.get(pair) ?? 0;
    if (n >= 3 || (perTorrent[t] ?? 0) >= 60_000) continue;
    perPair.set(pair, n + 1);
    const index = peers.length;
    const peerId = Buffer.alloc(20);
    peerId.write('-qB4650-', 0, 'latin1');
    peerId.writeUInt32BE(index, 8);
    createHash('sha1').update(`peer ${index}`).digest().copy(peerId, 12, 0, 8);
    const port = 1024 + (perTorrent[t] ?? 0);
    perTorrent[t] = (perTorrent[t] ?? 0) + 1;
    peers.push({ passkey: passkeys[m] ?? '', infoHash: hashes[t] ?? Buffer.alloc(20), peerId, port, seeder: random() < 0.6 });
  }
  return peers;
}

const sqlDate = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00');

/**
 * Writes members, torrents and every peer as a Peer row (last announce 10 minutes ago) with the history row
 * (UserTorrent) its member has on that torrent, as a live site has, into a migrated file.
 */
export function seedDatabase(file: string, size: CorpusSize, peers: readonly CorpusPeer[]): void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const insertUser = db.prepare(`INSERT INTO "User" ("id", "username", "usernameKey", "passwordHash", "passkey") VALUES (?, ?, ?, 'x', ?)`);
  const insertTorrent = db.prepare(`INSERT INTO "Torrent" ("id", "infoHashV1", "name", "title", "version", "size", "pieceLength",
    "fileCount", "categoryId", "uploaderId", "updatedAt") VALUES (?, ?, 'n', 't', 'v1', 1, 1, 1, 1, 1, '2026-01-01T00:00:00.000+00:00')`);
  const insertPeer = db.prepare(`INSERT INTO "Peer" ("torrentId", "userId", "peerId", "ip", "port", "uploaded", "downloaded", "left",
    "seeder", "client", "startedAt", "lastAnnounceAt") VALUES (?, ?, ?, ?, ?, 0, 0, ?, ?, 'qBittorrent 4.6.5', ?, ?)`);
  const insertHistory = db.prepare(`INSERT OR IGNORE INTO "UserTorrent" ("userId", "torrentId", "firstAnnounceAt", "lastAnnounceAt")
    VALUES (?, ?, ?, ?)`);
  const memberIds = new Map<string, number>();
  const torrentIds = new Map<string, number>();
  const at = sqlDate(Date.now() - 600_000);
  db.transaction(() => {
    db.exec(`INSERT INTO "Category" ("name", "slug") VALUES ('c', 'c')`);
    for (let m = 1; m <= size.members; m++) {
      insertUser.run(m, `u${m}`, `u${m}`, passkeyOf(m));
      memberIds.set(passkeyOf(m), m);
    }
    for (let t = 1; t <= size.torrents; t++) {
      const hex = infoHashOf(t).toString('hex');
      insertTorrent.run(t, hex);
      torrentIds.set(hex, t);
    }
    peers.forEach((p) => {
      const torrentId = torrentIds.get(p.infoHash.toString('hex'));
      const userId = memberIds.get(p.passkey);
      // Where the peer announces from: every benchmark request comes from 127.0.0.1, with the peer's own port.
      insertPeer.run(torrentId, userId, p.peerId, '127.0.0.1', p.port, p.seeder ? 0 : 1_000_000_000, p.seeder ? 1 : 0, at, at);
      insertHistory.run(userId, torrentId, at, at);
    });
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

/** seedDatabase's rows in a migrated PostgreSQL database, sent as arrays (unnest) in chunks. */
export async function seedPostgres(databaseUrl: string, size: CorpusSize, peers: readonly CorpusPeer[]): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const at = new Date(Date.now() - 600_000).toISOString().replace('Z', '');
    const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
    await client.query('BEGIN');
    await client.query(`INSERT INTO "Category" ("name", "slug") VALUES ('c', 'c')`);
    const members = range(size.members);
    await client.query(
      `INSERT INTO "User" ("id", "username", "usernameKey", "passwordHash", "passkey")
       SELECT id, 'u' || id, 'u' || id, 'x', passkey FROM unnest($1::int[], $2::text[]) AS m(id, passkey)`,
      [members, members.map(passkeyOf)],
    );
    const torrents = range(size.torrents);
    await client.query(
      `INSERT INTO "Torrent" ("id", "infoHashV1", "name", "title", "version", "size", "pieceLength", "fileCount", "categoryId", "uploaderId", "updatedAt")
       SELECT id, hash, 'n', 't', 'v1', 1, 1, 1, (SELECT min("id") FROM "Category"), 1, $3::timestamp FROM unnest($1::int[], $2::text[]) AS t(id, hash)`,
      [torrents, torrents.map((t) => infoHashOf(t).toString('hex')), at],
    );
    const memberIds = new Map(members.map((m) => [passkeyOf(m), m]));
    const torrentIds = new Map(torrents.map((t) => [infoHashOf(t).toString('hex'), t]));
    for (let i = 0; i < peers.length; i += 20_000) {
      const chunk = peers.slice(i, i + 20_000);
      const torrentId = chunk.map((p) => torrentIds.get(p.infoHash.toString('hex')));
      const userId = chunk.map((p) => memberIds.get(p.passkey));
      await client.query(
        `INSERT INTO "Peer" ("torrentId", "userId", "peerId", "ip", "port", "uploaded", "downloaded", "left", "seeder", "client", "startedAt", "lastAnnounceAt")
         SELECT t, u, id, '127.0.0.1', port, 0, 0, CASE WHEN s THEN 0 ELSE 1000000000 END, s, 'qBittorrent 4.6.5', $6::timestamp, $6::timestamp
         FROM unnest($1::int[], $2::int[], $3::bytea[], $4::int[], $5::bool[]) AS p(t, u, id, port, s)`,
        [torrentId, userId, chunk.map((p) => p.peerId), chunk.map((p) => p.port), chunk.map((p) => p.seeder), at],
      );
      await client.query(
        `INSERT INTO "UserTorrent" ("userId", "torrentId", "firstAnnounceAt", "lastAnnounceAt")
         SELECT DISTINCT u, t, $3::timestamp, $3::timestamp FROM unnest($1::int[], $2::int[]) AS h(u, t) ON CONFLICT DO NOTHING`,
        [userId, torrentId, at],
      );
    }
    // Ids were given explicitly: the sequences must continue after them, as SQLite's AUTOINCREMENT does.
    for (const table of ['User', 'Torrent', 'Category']) {
      await client.query(`SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), (SELECT max("id") FROM "${table}"))`);
    }
    await client.query('COMMIT');
    await client.query('ANALYZE');
  } finally {
    await client.end();
  }
}
