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
      `SELECT "id", "snatches", "freeleech", "neutral", "doubleUpload", "deletedAt", "deleteReason", "infoHashV2Short"
       FROM "Torrent" WHERE "infoHashV1" = ? OR "infoHashV2Short" = ?`,
    ),
    /** The torrents and members with a live peer, for Directory.warm. */
    activeTorrents: db.prepare<[], TorrentRow & { infoHashV1: string | null }>(
      `SELECT "id", "snatches", "freeleech", "neutral", "doubleUpload", "deletedAt", "deleteReason", "infoHashV1", "infoHashV2Short"
       FROM "Torrent" WHERE "id" IN (SELECT "torrentId" FROM "Peer")`,
    ),
    activeMembers: db
      .prepare<[], MemberRatioRow & { id: bigint; passkey: string; bannedAt: unknown }>(
        `SELECT "id", "passkey", "bannedAt", "leechingDisabled", "leechingDisabledReason", "requiredRatio", "watchStartedAt",
           "watchEndsAt", "watchDownloadedAtStart", "watchRequiredAtStart"
         FROM "User" WHERE "id" IN (SELECT "userId" FROM "Peer")`,
      )
      .safeIntegers(true),
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
        // A peer's latest counters and time are on its member's history row while that row names it
        // (UserTorrent.lastPeerId in schema.prisma), else on its own row.
        `SELECT p."torrentId", p."userId", p."peerId", p."ip", p."port",
           CASE WHEN h."lastPeerId" = p."peerId" THEN h."lastPeerUploaded" ELSE p."uploaded" END AS "uploaded",
           CASE WHEN h."lastPeerId" = p."peerId" THEN h."lastPeerDownloaded" ELSE p."downloaded" END AS "downloaded",
           CASE WHEN h."lastPeerId" = p."peerId" THEN h."lastPeerLeft" ELSE p."left" END AS "left",
           CASE WHEN h."lastPeerId" = p."peerId" THEN h."lastAnnounceAt" ELSE p."lastAnnounceAt" END AS "lastAnnounceAt"
         FROM "Peer" p LEFT JOIN "UserTorrent" h ON h."userId" = p."userId" AND h."torrentId" = p."torrentId"`,
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
  infoHashV2Short: string | null;
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
