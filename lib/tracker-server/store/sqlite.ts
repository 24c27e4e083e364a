import type { DatabaseProvider } from '@/lib/db/provider';
import { TrackerDatabase } from '../database';
import { parseSqlDate } from '../sql-values';
import type { MemberRatioRow, TorrentRow } from '../statements';
import { ratioState } from './ratio-state';
import type {
  ActiveMemberRecord, ActiveTorrentRecord, MemberRecord, MemberTotals, PeerRecord, TorrentRecord, TrackerStore,
} from './types';

/**
 * The tracker's reads on SQLite: prepared statements on one better-sqlite3 connection, answered synchronously
 * (a read of a page in memory costs less than a promise would).
 */
export class SqliteTrackerStore implements TrackerStore {
  readonly synchronous = true;
  readonly provider: DatabaseProvider = 'sqlite';
  private readonly database: TrackerDatabase;

  constructor(file: string, busyTimeoutMs: number) {
    this.database = new TrackerDatabase(file, busyTimeoutMs);
  }

  member(passkey: string): MemberRecord | null {
    const { sql } = this.database.get();
    const row = sql.memberByPasskey.get(passkey);
    if (row === undefined) return null;
    const ratioRow = sql.memberRatio.get(row.id);
    if (ratioRow === undefined) return null;
    return { id: row.id, banned: row.bannedAt !== null, ratio: ratioOf(ratioRow) };
  }

  torrent(hashHex: string): TorrentRecord | null {
    const row = this.database.get().sql.torrentByHash.get(hashHex, hashHex);
    return row === undefined ? null : torrentOf(row);
  }

  activeMembers(): ActiveMemberRecord[] {
    const out: ActiveMemberRecord[] = [];
    for (const row of this.database.get().sql.activeMembers.iterate()) {
      out.push({ id: Number(row.id), passkey: row.passkey, banned: row.bannedAt !== null, ratio: ratioOf(row) });
    }
    return out;
  }

  activeTorrents(): ActiveTorrentRecord[] {
    const out: ActiveTorrentRecord[] = [];
    for (const row of this.database.get().sql.activeTorrents.iterate()) {
      out.push({ ...torrentOf(row), infoHashV1: row.infoHashV1 });
    }
    return out;
  }

  blacklist(): string[] {
    return this.database.get().sql.blacklist.all().map((r) => r.prefix);
  }

  settings(): Map<string, string> {
    return new Map(this.database.get().sql.settings.all().map((row) => [row.key, row.value]));
  }

  totals(userId: number): MemberTotals {
    return this.database.get().sql.memberTotals.get(userId) ?? { uploaded: 0n, downloaded: 0n };
  }

  hasCompleted(userId: number, torrentId: number): boolean {
    const row = this.database.get().sql.completedAt.get(userId, torrentId);
    return row !== undefined && row.completedAt !== null;
  }

  *peers(): Generator<PeerRecord> {
    for (const row of this.database.get().sql.allPeers.iterate()) {
      yield {
        torrentId: Number(row.torrentId), userId: Number(row.userId), peerId: row.peerId, ip: row.ip, port: Number(row.port),
        uploaded: row.uploaded, downloaded: row.downloaded, left: row.left, lastAnnounceAtMs: parseSqlDate(row.lastAnnounceAt),
      };
    }
  }

  failed(error: unknown): void {
    this.database.failed(error);
  }

  close(): Promise<void> {
    this.database.close();
    return Promise.resolve();
  }
}

function torrentOf(row: TorrentRow): TorrentRecord {
  return {
    id: row.id,
    // SQLite stores Prisma's Boolean as 0/1.
    mode: { freeleech: row.freeleech === 1, neutral: row.neutral === 1, doubleUpload: row.doubleUpload === 1 },
    snatches: row.snatches,
    deleted: row.deletedAt !== null,
    deleteReason: row.deleteReason ?? '',
    infoHashV2Short: row.infoHashV2Short,
  };
}

function ratioOf(row: MemberRatioRow) {
  return ratioState({
    leechingDisabled: row.leechingDisabled !== 0n,
    leechingDisabledReason: row.leechingDisabledReason,
    requiredRatio: Number(row.requiredRatio),
    watchStartedAtMs: parseSqlDate(row.watchStartedAt),
    watchEndsAtMs: parseSqlDate(row.watchEndsAt),
    watchDownloadedAtStart: row.watchDownloadedAtStart,
    watchRequiredAtStart: row.watchRequiredAtStart,
  });
}
