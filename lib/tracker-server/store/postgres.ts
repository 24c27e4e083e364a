import type pg from 'pg';
import type { DatabaseProvider } from '@/lib/db/provider';
import { bulkRead, openTrackerPool } from './postgres-pool';
import { ratioState } from './ratio-state';
import type {
  ActiveMemberRecord, ActiveTorrentRecord, MemberRecord, MemberTotals, PeerRecord, TorrentRecord, TrackerStore,
} from './types';

const RATIO_COLUMNS = `"leechingDisabled", "leechingDisabledReason", "requiredRatio", "watchStartedAt", "watchEndsAt",
  "watchDownloadedAtStart", "watchRequiredAtStart"`;
const TORRENT_COLUMNS = '"id", "snatches", "freeleech", "neutral", "doubleUpload", "deletedAt", "deleteReason", "infoHashV2Short"';

/** Named, so each pooled connection prepares a statement once and then only binds values. */
const SQL = {
  member: { name: 'tracker_member', text: `SELECT "id", "bannedAt", ${RATIO_COLUMNS} FROM "User" WHERE "passkey" = $1` },
  torrent: { name: 'tracker_torrent', text: `SELECT ${TORRENT_COLUMNS} FROM "Torrent" WHERE "infoHashV1" = $1 OR "infoHashV2Short" = $1` },
  totals: { name: 'tracker_totals', text: 'SELECT "uploaded", "downloaded" FROM "User" WHERE "id" = $1' },
  completed: { name: 'tracker_completed', text: 'SELECT "completedAt" FROM "UserTorrent" WHERE "userId" = $1 AND "torrentId" = $2' },
  activeMembers: `SELECT "id", "passkey", "bannedAt", ${RATIO_COLUMNS} FROM "User" WHERE "id" IN (SELECT "userId" FROM "Peer")`,
  activeTorrents: `SELECT ${TORRENT_COLUMNS}, "infoHashV1" FROM "Torrent" WHERE "id" IN (SELECT "torrentId" FROM "Peer")`,
  blacklist: 'SELECT "prefix" FROM "ClientBlacklist"',
  settings: 'SELECT "key", "value" FROM "Setting"',
  // As statements.ts: a peer's latest counters are on its member's history row while that row names it.
  peers: `SELECT p."torrentId", p."userId", p."peerId", p."ip", p."port",
     CASE WHEN h."lastPeerId" = p."peerId" THEN h."lastPeerUploaded" ELSE p."uploaded" END AS "uploaded",
     CASE WHEN h."lastPeerId" = p."peerId" THEN h."lastPeerDownloaded" ELSE p."downloaded" END AS "downloaded",
     CASE WHEN h."lastPeerId" = p."peerId" THEN h."lastPeerLeft" ELSE p."left" END AS "left",
     CASE WHEN h."lastPeerId" = p."peerId" THEN h."lastAnnounceAt" ELSE p."lastAnnounceAt" END AS "lastAnnounceAt"
   FROM "Peer" p LEFT JOIN "UserTorrent" h ON h."userId" = p."userId" AND h."torrentId" = p."torrentId"`,
} as const;

/** Rows as the pool's type parsers return them: booleans, bigint for BIGINT, epoch ms for TIMESTAMP, Buffer for bytea. */
interface MemberRow {
  id: number;
  passkey?: string;
  bannedAt: number | null;
  leechingDisabled: boolean;
  leechingDisabledReason: string | null;
  requiredRatio: number;
  watchStartedAt: number | null;
  watchEndsAt: number | null;
  watchDownloadedAtStart: bigint | null;
  watchRequiredAtStart: number | null;
}

interface TorrentRow {
  id: number;
  snatches: number;
  freeleech: boolean;
  neutral: boolean;
  doubleUpload: boolean;
  deletedAt: number | null;
  deleteReason: string | null;
  infoHashV1?: string | null;
  infoHashV2Short: string | null;
}

interface PeerRow {
  torrentId: number;
  userId: number;
  peerId: Buffer;
  ip: string;
  port: number;
  uploaded: bigint;
  downloaded: bigint;
  left: bigint;
  lastAnnounceAt: number | null;
}

/**
 * The tracker's reads on PostgreSQL: every answer is a promise from a small node-postgres pool, so the event loop
 * keeps serving cached members while a miss is on the wire.
 */
export class PostgresTrackerStore implements TrackerStore {
  readonly synchronous = false;
  readonly provider: DatabaseProvider = 'postgres';
  private readonly pool: pg.Pool;

  constructor(databaseUrl: string, options: { poolSize: number; log: (line: string) => void }) {
    this.pool = openTrackerPool(databaseUrl, { max: options.poolSize, log: options.log });
  }

  async member(passkey: string): Promise<MemberRecord | null> {
    const { rows } = await this.pool.query<MemberRow>({ ...SQL.member, values: [passkey] });
    const row = rows[0];
    return row === undefined ? null : memberOf(row);
  }

  async torrent(hashHex: string): Promise<TorrentRecord | null> {
    const { rows } = await this.pool.query<TorrentRow>({ ...SQL.torrent, values: [hashHex] });
    const row = rows[0];
    return row === undefined ? null : torrentOf(row);
  }

  async activeMembers(): Promise<ActiveMemberRecord[]> {
    const { rows } = await this.pool.query<MemberRow & { passkey: string }>(bulkRead(SQL.activeMembers));
    return rows.map((row) => ({ ...memberOf(row), passkey: row.passkey }));
  }

  async activeTorrents(): Promise<ActiveTorrentRecord[]> {
    const { rows } = await this.pool.query<TorrentRow>(bulkRead(SQL.activeTorrents));
    return rows.map((row) => ({ ...torrentOf(row), infoHashV1: row.infoHashV1 ?? null }));
  }

  async blacklist(): Promise<string[]> {
    const { rows } = await this.pool.query<{ prefix: string }>(SQL.blacklist);
    return rows.map((r) => r.prefix);
  }

  async settings(): Promise<Map<string, string>> {
    const { rows } = await this.pool.query<{ key: string; value: string }>(SQL.settings);
    return new Map(rows.map((r) => [r.key, r.value]));
  }

  async totals(userId: number): Promise<MemberTotals> {
    const { rows } = await this.pool.query<MemberTotals>({ ...SQL.totals, values: [userId] });
    return rows[0] ?? { uploaded: 0n, downloaded: 0n };
  }

  async hasCompleted(userId: number, torrentId: number): Promise<boolean> {
    const { rows } = await this.pool.query<{ completedAt: number | null }>({ ...SQL.completed, values: [userId, torrentId] });
    const row = rows[0];
    return row !== undefined && row.completedAt !== null;
  }

  async peers(): Promise<PeerRecord[]> {
    const { rows } = await this.pool.query<PeerRow>(bulkRead(SQL.peers));
    return rows.map((row) => ({
      torrentId: row.torrentId, userId: row.userId, peerId: row.peerId, ip: row.ip, port: row.port,
      uploaded: row.uploaded, downloaded: row.downloaded, left: row.left,
      lastAnnounceAtMs: row.lastAnnounceAt === null || Number.isNaN(row.lastAnnounceAt) ? null : row.lastAnnounceAt,
    }));
  }

  failed(): void {
    // The pool drops a broken connection by itself and opens a new one on the next query.
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

function memberOf(row: MemberRow): MemberRecord {
  return {
    id: row.id,
    banned: row.bannedAt !== null,
    ratio: ratioState({
      leechingDisabled: row.leechingDisabled,
      leechingDisabledReason: row.leechingDisabledReason,
      requiredRatio: row.requiredRatio,
      watchStartedAtMs: row.watchStartedAt,
      watchEndsAtMs: row.watchEndsAt,
      watchDownloadedAtStart: row.watchDownloadedAtStart,
      watchRequiredAtStart: row.watchRequiredAtStart,
    }),
  };
}

function torrentOf(row: TorrentRow): TorrentRecord {
  return {
    id: row.id,
    mode: { freeleech: row.freeleech, neutral: row.neutral, doubleUpload: row.doubleUpload },
    snatches: row.snatches,
    deleted: row.deletedAt !== null,
    deleteReason: row.deleteReason ?? '',
    infoHashV2Short: row.infoHashV2Short,
  };
}
