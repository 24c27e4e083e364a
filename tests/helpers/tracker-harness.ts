import { randomBytes } from 'node:crypto';
import { createServer, request } from 'node:http';
import type { Server } from 'node:net';
import Database from 'better-sqlite3';
import pg from 'pg';
import { databaseProvider } from '@/lib/db/provider';
import { sqlitePath } from '@/lib/env';
import { createFrontDoor, type Tracker } from '@/lib/tracker-server';
import { bdecode, type BValue } from './bencode-decode';

/** Percent-encodes every byte, so binary values reach the tracker exactly. */
export function pct(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => `%${b.toString(16).padStart(2, '0')}`).join('');
}

export interface AnnounceParams {
  infoHash: Uint8Array;
  peerId: Uint8Array;
  port?: number;
  uploaded?: bigint | number;
  downloaded?: bigint | number;
  left?: bigint | number;
  event?: string;
  compact?: 0 | 1;
  numwant?: number;
  extra?: string;
}

export function announceQuery(p: AnnounceParams): string {
  let q = `info_hash=${pct(p.infoHash)}&peer_id=${pct(p.peerId)}&port=${p.port ?? 6881}`;
  q += `&uploaded=${p.uploaded ?? 0}&downloaded=${p.downloaded ?? 0}&left=${p.left ?? 0}`;
  if (p.event !== undefined) q += `&event=${p.event}`;
  q += `&compact=${p.compact ?? 1}`;
  if (p.numwant !== undefined) q += `&numwant=${p.numwant}`;
  if (p.extra !== undefined) q += `&${p.extra}`;
  return q;
}

export interface RawResponse {
  status: number;
  contentType: string | undefined;
  body: Buffer;
}

/** GET with the path sent exactly as given (node:http does not re-encode it). */
export function rawGet(port: number, path: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: res.headers['content-type'], body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

export type Dict = { [key: string]: BValue };

export async function getDict(port: number, path: string, headers: Record<string, string> = {}): Promise<Dict> {
  const res = await rawGet(port, path, headers);
  if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
  return bdecode(res.body) as Dict;
}

/** `failure reason` as text, or undefined. */
export function failureOf(d: Dict): string | undefined {
  const f = d['failure reason'];
  return f instanceof Buffer ? f.toString('utf8') : undefined;
}

export function intOf(d: Dict, key: string): number {
  const v = d[key];
  if (typeof v !== 'bigint') throw new Error(`no integer ${key} in ${JSON.stringify(Object.keys(d))}`);
  return Number(v);
}

/** Compact IPv4 peers as "a.b.c.d:port". */
export function compactPeers(d: Dict): string[] {
  const v = d.peers;
  if (!(v instanceof Buffer)) throw new Error('peers is not a compact string');
  const out: string[] = [];
  for (let i = 0; i + 6 <= v.length; i += 6) out.push(`${v[i]}.${v[i + 1]}.${v[i + 2]}.${v[i + 3]}:${v.readUInt16BE(i + 4)}`);
  return out.sort();
}

/** The tracker served as server.ts serves it: its front door, with node:http behind it for everything else. */
export function listen(tracker: Tracker): Promise<{ server: Server; port: number }> {
  return new Promise((resolve) => {
    const server = createFrontDoor({ serve: tracker.serve, fallback: createServer((req, res) => tracker.handle(req, res)) });
    server.listen(0, '127.0.0.1', () => {
      const a = server.address();
      resolve({ server, port: typeof a === 'object' && a !== null ? a.port : 0 });
    });
  });
}

/** Direct SQL access to the test database, to set up members and torrents and read the results. */
export class TestRows {
  readonly db: Database.Database;
  private n = 0;

  constructor(file: string) {
    this.db = new Database(file);
    this.db.defaultSafeIntegers(true);
    this.db.pragma('busy_timeout = 5000');
  }

  user(options: { banned?: boolean } = {}): { id: number; passkey: string } {
    const passkey = randomBytes(16).toString('hex');
    const name = `u${++this.n}_${passkey.slice(0, 6)}`;
    const r = this.db
      .prepare('INSERT INTO "User" ("username", "usernameKey", "passwordHash", "passkey", "bannedAt") VALUES (?, ?, ?, ?, ?)')
      .run(name, name, 'x', passkey, options.banned ? '2026-01-01T00:00:00.000+00:00' : null);
    return { id: Number(r.lastInsertRowid), passkey };
  }

  torrent(options: { v1?: Buffer | null; v2?: Buffer | null; freeleech?: boolean; neutral?: boolean; doubleUpload?: boolean; deleteReason?: string } = {}): { id: number; v1: Buffer | null; v2Short: Buffer | null } {
    this.db.prepare(`INSERT OR IGNORE INTO "Category" ("id", "name", "slug") VALUES (1, 'c', 'c')`).run();
    const uploader = this.user();
    const v1 = options.v1 === undefined ? randomBytes(20) : options.v1;
    const v2 = options.v2 ?? null;
    const r = this.db.prepare(
      `INSERT INTO "Torrent" ("infoHashV1", "infoHashV2", "infoHashV2Short", "name", "title", "version", "size", "pieceLength",
        "fileCount", "categoryId", "uploaderId", "updatedAt", "freeleech", "neutral", "doubleUpload", "deletedAt", "deleteReason")
       VALUES (?, ?, ?, 'n', 't', ?, 1000, 16384, 1, 1, ?, '2026-01-01T00:00:00.000+00:00', ?, ?, ?, ?, ?)`,
    ).run(
      v1?.toString('hex') ?? null, v2?.toString('hex') ?? null, v2?.subarray(0, 20).toString('hex') ?? null,
      v1 && v2 ? 'hybrid' : v2 ? 'v2' : 'v1', uploader.id,
      options.freeleech ? 1 : 0, options.neutral ? 1 : 0, options.doubleUpload ? 1 : 0,
      options.deleteReason === undefined ? null : '2026-01-01T00:00:00.000+00:00', options.deleteReason ?? null,
    );
    return { id: Number(r.lastInsertRowid), v1, v2Short: v2?.subarray(0, 20) ?? null };
  }

  userTotals(id: number): { uploaded: bigint; downloaded: bigint } {
    return this.db.prepare('SELECT "uploaded", "downloaded" FROM "User" WHERE "id" = ?').get(id) as { uploaded: bigint; downloaded: bigint };
  }

  history(userId: number, torrentId: number): Record<string, unknown> | undefined {
    return this.db.prepare('SELECT * FROM "UserTorrent" WHERE "userId" = ? AND "torrentId" = ?').get(userId, torrentId) as Record<string, unknown> | undefined;
  }

  torrentRow(id: number): { seeders: bigint; leechers: bigint; snatches: bigint; balance: bigint } {
    return this.db.prepare('SELECT "seeders", "leechers", "snatches", "balance" FROM "Torrent" WHERE "id" = ?').get(id) as {
      seeders: bigint; leechers: bigint; snatches: bigint; balance: bigint;
    };
  }

  count(table: string, where = '1 = 1', ...args: unknown[]): number {
    const row = this.db.prepare(`SELECT COUNT(*) AS n FROM "${table}" WHERE ${where}`).get(...args) as { n: bigint };
    return Number(row.n);
  }

  close(): void {
    this.db.close();
  }
}

/**
 * PostgreSQL values as better-sqlite3 with safe integers returns SQLite's (what the tests compare against):
 * integers as bigint, booleans as 0n/1n, TIMESTAMP as the ISO text with `+00:00` that Prisma writes to SQLite.
 */
const SQLITE_SHAPED: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === 20 || oid === 21 || oid === 23) return (v: string) => BigInt(v);
    if (oid === 16) return (v: string) => (v === 't' ? 1n : 0n);
    if (oid === 1114) return (v: string) => new Date(`${v.replace(' ', 'T')}Z`).toISOString().replace('Z', '+00:00');
    return pg.types.getTypeParser(oid, format ?? 'text');
  }) as pg.CustomTypesConfig['getTypeParser'],
};

/**
 * Direct SQL on the test database, SQLite or PostgreSQL, to set up members and torrents and read the results.
 * Statements use `?` placeholders and quoted identifiers (both dialects); booleans bind as 0/1 on SQLite.
 * Rows come back in SQLite's shapes on both (SQLITE_SHAPED).
 */
export class TrackerRows {
  private n = 0;
  private readonly sqlite: Database.Database | null;
  private readonly pool: pg.Pool | null;

  constructor(readonly databaseUrl: string) {
    if (databaseProvider(databaseUrl) === 'postgres') {
      this.sqlite = null;
      this.pool = new pg.Pool({ connectionString: databaseUrl, max: 2, types: SQLITE_SHAPED });
      // A test that kills the server leaves idle connections that report it here; unhandled, it ends the test run.
      this.pool.on('error', () => undefined);
    } else {
      this.sqlite = new Database(sqlitePath(databaseUrl));
      this.sqlite.defaultSafeIntegers(true);
      this.sqlite.pragma('busy_timeout = 5000');
      this.pool = null;
    }
  }

  get provider(): 'sqlite' | 'postgres' {
    return this.pool === null ? 'sqlite' : 'postgres';
  }

  async all<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T[]> {
    if (this.sqlite !== null) {
      const statement = this.sqlite.prepare(sql);
      const bound = params.map((p) => (typeof p === 'boolean' ? Number(p) : p));
      if (!statement.reader) {
        statement.run(...bound);
        return [];
      }
      return statement.all(...bound) as T[];
    }
    let i = 0;
    const { rows } = await (this.pool as pg.Pool).query(sql.replace(/\?/g, () => `$${++i}`), params);
    return rows as T[];
  }

  async get<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T | undefined> {
    return (await this.all<T>(sql, ...params))[0];
  }

  async run(sql: string, ...params: unknown[]): Promise<void> {
    await this.all(sql, ...params);
  }

  async user(options: { banned?: boolean } = {}): Promise<{ id: number; passkey: string }> {
    const passkey = randomBytes(16).toString('hex');
    const name = `u${++this.n}_${passkey.slice(0, 6)}`;
    const row = await this.get<{ id: bigint }>(
      'INSERT INTO "User" ("username", "usernameKey", "passwordHash", "passkey", "bannedAt") VALUES (?, ?, ?, ?, ?) RETURNING "id"',
      name, name, 'x', passkey, options.banned ? '2026-01-01T00:00:00.000+00:00' : null,
    );
    return { id: Number(row?.id), passkey };
  }

  async torrent(options: { v1?: Buffer | null; v2?: Buffer | null; freeleech?: boolean; neutral?: boolean; doubleUpload?: boolean; deleteReason?: string } = {}): Promise<{ id: number; v1: Buffer | null; v2Short: Buffer | null }> {
    await this.run(`INSERT INTO "Category" ("id", "name", "slug") VALUES (1, 'c', 'c') ON CONFLICT DO NOTHING`);
    const uploader = await this.user();
    const v1 = options.v1 === undefined ? randomBytes(20) : options.v1;
    const v2 = options.v2 ?? null;
    const row = await this.get<{ id: bigint }>(
      `INSERT INTO "Torrent" ("infoHashV1", "infoHashV2", "infoHashV2Short", "name", "title", "version", "size", "pieceLength",
        "fileCount", "categoryId", "uploaderId", "updatedAt", "freeleech", "neutral", "doubleUpload", "deletedAt", "deleteReason")
       VALUES (?, ?, ?, 'n', 't', ?, 1000, 16384, 1, 1, ?, '2026-01-01T00:00:00.000+00:00', ?, ?, ?, ?, ?) RETURNING "id"`,
      v1?.toString('hex') ?? null, v2?.toString('hex') ?? null, v2?.subarray(0, 20).toString('hex') ?? null,
      v1 && v2 ? 'hybrid' : v2 ? 'v2' : 'v1', uploader.id,
      options.freeleech === true, options.neutral === true, options.doubleUpload === true,
      options.deleteReason === undefined ? null : '2026-01-01T00:00:00.000+00:00', options.deleteReason ?? null,
    );
    return { id: Number(row?.id), v1, v2Short: v2?.subarray(0, 20) ?? null };
  }

  async userTotals(id: number): Promise<{ uploaded: bigint; downloaded: bigint }> {
    return (await this.get<{ uploaded: bigint; downloaded: bigint }>('SELECT "uploaded", "downloaded" FROM "User" WHERE "id" = ?', id)) as {
      uploaded: bigint; downloaded: bigint;
    };
  }

  history(userId: number, torrentId: number): Promise<Record<string, unknown> | undefined> {
    return this.get('SELECT * FROM "UserTorrent" WHERE "userId" = ? AND "torrentId" = ?', userId, torrentId);
  }

  async torrentRow(id: number): Promise<{ seeders: bigint; leechers: bigint; snatches: bigint; balance: bigint }> {
    return (await this.get('SELECT "seeders", "leechers", "snatches", "balance" FROM "Torrent" WHERE "id" = ?', id)) as {
      seeders: bigint; leechers: bigint; snatches: bigint; balance: bigint;
    };
  }

  async count(table: string, where = '1 = 1', ...args: unknown[]): Promise<number> {
    const row = await this.get<{ n: bigint }>(`SELECT COUNT(*) AS "n" FROM "${table}" WHERE ${where}`, ...args);
    return Number(row?.n);
  }

  async close(): Promise<void> {
    this.sqlite?.close();
    await this.pool?.end();
  }
}

/** A 20-byte peer_id with a client prefix; the rest from `seed` so tests can tell peers apart. */
export function peerId(seed: number, prefix = '-qB4650-'): Buffer {
  const id = Buffer.alloc(20, 0x30);
  id.write(prefix, 0, 'latin1');
  id.writeUInt32BE(seed, 16);
  return id;
}
