-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_UserTorrent" (
    "userId" INTEGER NOT NULL,
    "torrentId" INTEGER NOT NULL,
    "actualUploaded" BIGINT NOT NULL DEFAULT 0,
    "actualDownloaded" BIGINT NOT NULL DEFAULT 0,
    "creditedUploaded" BIGINT NOT NULL DEFAULT 0,
    "creditedDownloaded" BIGINT NOT NULL DEFAULT 0,
    "seedTimeSeconds" BIGINT NOT NULL DEFAULT 0,
    "firstAnnounceAt" DATETIME NOT NULL,
    "lastAnnounceAt" DATETIME NOT NULL,
    "completedAt" DATETIME,
    "lastPeerId" BLOB,
    "lastPeerUploaded" BIGINT,
    "lastPeerDownloaded" BIGINT,
    "lastPeerLeft" BIGINT,
    "lastAnnounceUploaded" BIGINT NOT NULL DEFAULT 0,
    "lastAnnounceDownloaded" BIGINT NOT NULL DEFAULT 0,
    "previousAnnounceAt" DATETIME,

    PRIMARY KEY ("userId", "torrentId"),
    CONSTRAINT "UserTorrent_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "UserTorrent_torrentId_fkey" FOREIGN KEY ("torrentId") REFERENCES "Torrent" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_UserTorrent" ("actualDownloaded", "actualUploaded", "completedAt", "creditedDownloaded", "creditedUploaded", "firstAnnounceAt", "lastAnnounceAt", "lastPeerDownloaded", "lastPeerId", "lastPeerLeft", "lastPeerUploaded", "seedTimeSeconds", "torrentId", "userId") SELECT "actualDownloaded", "actualUploaded", "completedAt", "creditedDownloaded", "creditedUploaded", "firstAnnounceAt", "lastAnnounceAt", "lastPeerDownloaded", "lastPeerId", "lastPeerLeft", "lastPeerUploaded", "seedTimeSeconds", "torrentId", "userId" FROM "UserTorrent";
DROP TABLE "UserTorrent";
ALTER TABLE "new_UserTorrent" RENAME TO "UserTorrent";
CREATE INDEX "UserTorrent_torrentId_completedAt_idx" ON "UserTorrent"("torrentId", "completedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
