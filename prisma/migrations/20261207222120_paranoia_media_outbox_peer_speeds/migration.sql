-- CreateTable
CREATE TABLE "TorrentImage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "torrentId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "bytes" BLOB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TorrentImage_torrentId_fkey" FOREIGN KEY ("torrentId") REFERENCES "Torrent" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TorrentNfo" (
    "torrentId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "filename" TEXT NOT NULL,
    "bytes" BLOB NOT NULL,
    CONSTRAINT "TorrentNfo_torrentId_fkey" FOREIGN KEY ("torrentId") REFERENCES "Torrent" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AnnounceMinute" (
    "minute" DATETIME NOT NULL PRIMARY KEY,
    "announces" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "OutboxMail" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "userId" INTEGER NOT NULL,
    "to" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL,
    "sentAt" DATETIME,
    "lastError" TEXT,
    CONSTRAINT "OutboxMail_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_User" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "username" TEXT NOT NULL,
    "usernameKey" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'member',
    "passkey" TEXT NOT NULL,
    "sessionVersion" INTEGER NOT NULL DEFAULT 0,
    "invitesAvailable" INTEGER NOT NULL DEFAULT 0,
    "bannedAt" DATETIME,
    "banReason" TEXT,
    "uploaded" BIGINT NOT NULL DEFAULT 0,
    "downloaded" BIGINT NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leechingDisabled" BOOLEAN NOT NULL DEFAULT false,
    "leechingDisabledReason" TEXT,
    "watchStartedAt" DATETIME,
    "watchEndsAt" DATETIME,
    "watchDownloadedAtStart" BIGINT,
    "watchRequiredAtStart" REAL,
    "requiredRatio" REAL NOT NULL DEFAULT 0,
    "ratioEvaluatedAt" DATETIME,
    "rssKey" TEXT,
    "totpSecret" TEXT,
    "totpEnabledAt" DATETIME,
    "totpLastStep" INTEGER,
    "totpPendingSecret" TEXT,
    "email" TEXT,
    "emailNotifications" TEXT NOT NULL DEFAULT '',
    "profileShowsUploads" BOOLEAN NOT NULL DEFAULT true,
    "profileShowsStats" BOOLEAN NOT NULL DEFAULT true,
    "profileShowsActivity" BOOLEAN NOT NULL DEFAULT false,
    "invitedById" INTEGER,
    CONSTRAINT "User_invitedById_fkey" FOREIGN KEY ("invitedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_User" ("banReason", "bannedAt", "createdAt", "downloaded", "email", "emailNotifications", "id", "invitedById", "invitesAvailable", "leechingDisabled", "leechingDisabledReason", "passkey", "passwordHash", "ratioEvaluatedAt", "requiredRatio", "role", "rssKey", "sessionVersion", "totpEnabledAt", "totpLastStep", "totpPendingSecret", "totpSecret", "uploaded", "username", "usernameKey", "watchDownloadedAtStart", "watchEndsAt", "watchRequiredAtStart", "watchStartedAt") SELECT "banReason", "bannedAt", "createdAt", "downloaded", "email", "emailNotifications", "id", "invitedById", "invitesAvailable", "leechingDisabled", "leechingDisabledReason", "passkey", "passwordHash", "ratioEvaluatedAt", "requiredRatio", "role", "rssKey", "sessionVersion", "totpEnabledAt", "totpLastStep", "totpPendingSecret", "totpSecret", "uploaded", "username", "usernameKey", "watchDownloadedAtStart", "watchEndsAt", "watchRequiredAtStart", "watchStartedAt" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_username_key" ON "User"("username");
CREATE UNIQUE INDEX "User_usernameKey_key" ON "User"("usernameKey");
CREATE UNIQUE INDEX "User_passkey_key" ON "User"("passkey");
CREATE UNIQUE INDEX "User_rssKey_key" ON "User"("rssKey");
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
CREATE INDEX "User_invitedById_idx" ON "User"("invitedById");
CREATE INDEX "User_watchEndsAt_idx" ON "User"("watchEndsAt");
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

-- CreateIndex
CREATE INDEX "TorrentImage_torrentId_sha256_idx" ON "TorrentImage"("torrentId", "sha256");

-- CreateIndex
CREATE INDEX "OutboxMail_status_nextAttemptAt_idx" ON "OutboxMail"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "OutboxMail_userId_idx" ON "OutboxMail"("userId");
