import type Database from 'better-sqlite3';

/** Every statement the tracker runs, prepared once per connection. Column names are Prisma's field names. */
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
    upsertPeer: db.prepare(
      `INSERT INTO "Peer" ("torrentId", "userId", "peerId", "ip", "port", "uploaded", "downloaded", "left", "seeder",
         "client", "startedAt", "lastAnnounceAt")
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT ("torrentId", "userId", "peerId") DO UPDATE SET "ip" = excluded."ip", "port" = excluded."port",
         "uploaded" = excluded."uploaded", "downloaded" = excluded."downloaded", "left" = excluded."left",
         "seeder" = excluded."seeder", "client" = excluded."client", "lastAnnounceAt" = excluded."lastAnnounceAt"`,
    ),
    deletePeer: db.prepare('DELETE FROM "Peer" WHERE "torrentId" = ? AND "userId" = ? AND "peerId" = ?'),
    upsertHistory: db.prepare(
      `INSERT INTO "UserTorrent" ("userId", "torrentId", "actualUploaded", "actualDownloaded", "creditedUploaded",
         "creditedDownloaded", "seedTimeSeconds", "firstAnnounceAt", "lastAnnounceAt")
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT ("userId", "torrentId") DO UPDATE SET
         "actualUploaded" = "actualUploaded" + excluded."actualUploaded",
         "actualDownloaded" = "actualDownloaded" + excluded."actualDownloaded",
         "creditedUploaded" = "creditedUploaded" + excluded."creditedUploaded",
         "creditedDownloaded" = "creditedDownloaded" + excluded."creditedDownloaded",
         "seedTimeSeconds" = "seedTimeSeconds" + excluded."seedTimeSeconds",
         "lastAnnounceAt" = excluded."lastAnnounceAt"`,
    ),
    markCompleted: db.prepare(
      'UPDATE "UserTorrent" SET "completedAt" = ? WHERE "userId" = ? AND "torrentId" = ? AND "completedAt" IS NULL',
    ),
    creditUser: db.prepare('UPDATE "User" SET "uploaded" = "uploaded" + ?, "downloaded" = "downloaded" + ? WHERE "id" = ?'),
    insertFlag: db.prepare('INSERT INTO "CheatFlag" ("userId", "torrentId", "kind", "details", "createdAt") VALUES (?, ?, ?, ?, ?)'),
    updateTorrent: db.prepare(
      `UPDATE "Torrent" SET "seeders" = ?, "leechers" = ?, "snatches" = "snatches" + ?, "balance" = "balance" + ?
       WHERE "id" = ?`,
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
