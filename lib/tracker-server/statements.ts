import type Database from 'better-sqlite3';

/**
 * Every statement the tracker's own (reading) connection runs, prepared once per connection. Column names are
 * Prisma's field names. The writes are the fold's (journal/fold.ts).
 */
export function prepareStatements(db: Database.Database) {
  return {
    memberByPasskey: db.prepare<[string], { id: number; bannedAt: unknown }>(
      'SELECT "id", "bannedAt" FROM "User" WHERE "passkey" = ?',
    ),
    torrentByHash: db.prepare<[string, string], TorrentRow>(
      `SELECT "id", "snatches", "freeleech", "neutral", "doubleUpload", "deletedAt", "deleteReason"
       FROM "Torrent" WHERE "infoHashV1" = ? OR "infoHashV2Short" = ?`,
    ),
    blacklist: db.prepare<[], { prefix: string }>('SELECT "prefix" FROM "ClientBlacklist"'),
    memberRatio: db
      .prepare<[number], MemberRatioRow>(
        `SELECT "leechingDisabled", "leechingDisabledReason", "requiredRatio", "watchStartedAt", "watchEndsAt",
           "watchDownloadedAtStart", "watchRequiredAtStart" FROM "User" WHERE "id" = ?`,
      )
      .safeIntegers(true),
    memberTotals: db
      .prepare<[number], { uploaded: bigint; downloaded: bigint }>('SELECT "uploaded", "downloaded" FROM "User" WHERE "id" = ?')
      .safeIntegers(true),
    settings: db.prepare<[], { key: string; value: string }>('SELECT "key", "value" FROM "Setting"'),
    allPeers: db
      .prepare<[], PeerRow>(
        `SELECT "torrentId", "userId", "peerId", "ip", "port", "uploaded", "downloaded", "left", "lastAnnounceAt"
         FROM "Peer"`,
      )
      .safeIntegers(true),
    completedAt: db.prepare<[number, number], { completedAt: unknown }>(
      'SELECT "completedAt" FROM "UserTorrent" WHERE "userId" = ? AND "torrentId" = ?',
    ),
  };
}

export type Statements = ReturnType<typeof prepareStatements>;

export interface TorrentRow {
  id: number;
  snatches: number;
  freeleech: number;
  neutral: number;
  doubleUpload: number;
  deletedAt: unknown;
  deleteReason: string | null;
}

export interface MemberRatioRow {
  leechingDisabled: bigint;
  leechingDisabledReason: string | null;
  requiredRatio: number;
  watchStartedAt: unknown;
  watchEndsAt: unknown;
  watchDownloadedAtStart: bigint | null;
  watchRequiredAtStart: number | null;
}

export interface PeerRow {
  torrentId: bigint;
  userId: bigint;
  peerId: Buffer;
  ip: string;
  port: bigint;
  uploaded: bigint;
  downloaded: bigint;
  left: bigint;
  lastAnnounceAt: unknown;
}
