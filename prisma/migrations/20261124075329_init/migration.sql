-- CreateTable
CREATE TABLE "User" (
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
    "invitedById" INTEGER,
    CONSTRAINT "User_invitedById_fkey" FOREIGN KEY ("invitedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Invite" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "createdById" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "usedById" INTEGER,
    CONSTRAINT "Invite_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Invite_usedById_fkey" FOREIGN KEY ("usedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "actorId" INTEGER,
    "action" TEXT NOT NULL,
    "targetUserId" INTEGER,
    "before" TEXT,
    "after" TEXT,
    "reason" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AuditLog_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "AuditLog_targetUserId_fkey" FOREIGN KEY ("targetUserId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Category" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "Torrent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "infoHashV1" TEXT,
    "infoHashV2" TEXT,
    "infoHashV2Short" TEXT,
    "name" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "version" TEXT NOT NULL,
    "size" BIGINT NOT NULL,
    "pieceLength" INTEGER NOT NULL,
    "fileCount" INTEGER NOT NULL,
    "categoryId" INTEGER NOT NULL,
    "uploaderId" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "seeders" INTEGER NOT NULL DEFAULT 0,
    "leechers" INTEGER NOT NULL DEFAULT 0,
    "snatches" INTEGER NOT NULL DEFAULT 0,
    "balance" BIGINT NOT NULL DEFAULT 0,
    "freeleech" BOOLEAN NOT NULL DEFAULT false,
    "neutral" BOOLEAN NOT NULL DEFAULT false,
    "doubleUpload" BOOLEAN NOT NULL DEFAULT false,
    "deletedAt" DATETIME,
    "deleteReason" TEXT,
    CONSTRAINT "Torrent_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "Category" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Torrent_uploaderId_fkey" FOREIGN KEY ("uploaderId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TorrentData" (
    "torrentId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "bytes" BLOB NOT NULL,
    CONSTRAINT "TorrentData_torrentId_fkey" FOREIGN KEY ("torrentId") REFERENCES "Torrent" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TorrentFile" (
    "torrentId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "path" TEXT NOT NULL,
    "size" BIGINT NOT NULL,

    PRIMARY KEY ("torrentId", "position"),
    CONSTRAINT "TorrentFile_torrentId_fkey" FOREIGN KEY ("torrentId") REFERENCES "Torrent" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Tag" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "TorrentTag" (
    "torrentId" INTEGER NOT NULL,
    "tagId" INTEGER NOT NULL,

    PRIMARY KEY ("torrentId", "tagId"),
    CONSTRAINT "TorrentTag_torrentId_fkey" FOREIGN KEY ("torrentId") REFERENCES "Torrent" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TorrentTag_tagId_fkey" FOREIGN KEY ("tagId") REFERENCES "Tag" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TorrentDownload" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "userId" INTEGER NOT NULL,
    "torrentId" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TorrentDownload_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "TorrentDownload_torrentId_fkey" FOREIGN KEY ("torrentId") REFERENCES "Torrent" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Peer" (
    "torrentId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "peerId" BLOB NOT NULL,
    "ip" TEXT NOT NULL,
    "port" INTEGER NOT NULL,
    "uploaded" BIGINT NOT NULL,
    "downloaded" BIGINT NOT NULL,
    "left" BIGINT NOT NULL,
    "seeder" BOOLEAN NOT NULL,
    "client" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "lastAnnounceAt" DATETIME NOT NULL,

    PRIMARY KEY ("torrentId", "userId", "peerId"),
    CONSTRAINT "Peer_torrentId_fkey" FOREIGN KEY ("torrentId") REFERENCES "Torrent" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Peer_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "UserTorrent" (
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

    PRIMARY KEY ("userId", "torrentId"),
    CONSTRAINT "UserTorrent_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "UserTorrent_torrentId_fkey" FOREIGN KEY ("torrentId") REFERENCES "Torrent" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CheatFlag" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "userId" INTEGER NOT NULL,
    "torrentId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "details" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CheatFlag_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CheatFlag_torrentId_fkey" FOREIGN KEY ("torrentId") REFERENCES "Torrent" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ClientBlacklist" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "prefix" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "User_username_key" ON "User"("username");

-- CreateIndex
CREATE UNIQUE INDEX "User_usernameKey_key" ON "User"("usernameKey");

-- CreateIndex
CREATE UNIQUE INDEX "User_passkey_key" ON "User"("passkey");

-- CreateIndex
CREATE INDEX "User_invitedById_idx" ON "User"("invitedById");

-- CreateIndex
CREATE UNIQUE INDEX "Invite_code_key" ON "Invite"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Invite_usedById_key" ON "Invite"("usedById");

-- CreateIndex
CREATE INDEX "Invite_createdById_idx" ON "Invite"("createdById");

-- CreateIndex
CREATE INDEX "AuditLog_createdAt_idx" ON "AuditLog"("createdAt");

-- CreateIndex
CREATE INDEX "AuditLog_targetUserId_idx" ON "AuditLog"("targetUserId");

-- CreateIndex
CREATE INDEX "AuditLog_action_idx" ON "AuditLog"("action");

-- CreateIndex
CREATE UNIQUE INDEX "Category_name_key" ON "Category"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Category_slug_key" ON "Category"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Torrent_infoHashV1_key" ON "Torrent"("infoHashV1");

-- CreateIndex
CREATE UNIQUE INDEX "Torrent_infoHashV2_key" ON "Torrent"("infoHashV2");

-- CreateIndex
CREATE UNIQUE INDEX "Torrent_infoHashV2Short_key" ON "Torrent"("infoHashV2Short");

-- CreateIndex
CREATE INDEX "Torrent_createdAt_idx" ON "Torrent"("createdAt");

-- CreateIndex
CREATE INDEX "Torrent_categoryId_idx" ON "Torrent"("categoryId");

-- CreateIndex
CREATE INDEX "Torrent_uploaderId_idx" ON "Torrent"("uploaderId");

-- CreateIndex
CREATE INDEX "Torrent_seeders_idx" ON "Torrent"("seeders");

-- CreateIndex
CREATE INDEX "Torrent_leechers_idx" ON "Torrent"("leechers");

-- CreateIndex
CREATE INDEX "Torrent_snatches_idx" ON "Torrent"("snatches");

-- CreateIndex
CREATE INDEX "Torrent_size_idx" ON "Torrent"("size");

-- CreateIndex
CREATE INDEX "Torrent_title_idx" ON "Torrent"("title");

-- CreateIndex
CREATE UNIQUE INDEX "Tag_name_key" ON "Tag"("name");

-- CreateIndex
CREATE INDEX "TorrentTag_tagId_idx" ON "TorrentTag"("tagId");

-- CreateIndex
CREATE INDEX "TorrentDownload_torrentId_idx" ON "TorrentDownload"("torrentId");

-- CreateIndex
CREATE INDEX "TorrentDownload_userId_createdAt_idx" ON "TorrentDownload"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "Peer_userId_idx" ON "Peer"("userId");

-- CreateIndex
CREATE INDEX "Peer_lastAnnounceAt_idx" ON "Peer"("lastAnnounceAt");

-- CreateIndex
CREATE INDEX "UserTorrent_torrentId_completedAt_idx" ON "UserTorrent"("torrentId", "completedAt");

-- CreateIndex
CREATE INDEX "CheatFlag_userId_createdAt_idx" ON "CheatFlag"("userId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ClientBlacklist_prefix_key" ON "ClientBlacklist"("prefix");

-- Full-text search over torrent titles, file names and tags (SQLite FTS5). Prisma does not model virtual
-- tables, so this one is maintained by hand (lib/services/torrent-tags.ts) and listed as external in
-- lib/db/migrations-engine so schema diffs leave it alone. Contentless: rowid is Torrent.id.
CREATE VIRTUAL TABLE "torrent_search" USING fts5(title, files, tags, content='', contentless_delete=1, prefix='2 3', tokenize='unicode61 remove_diacritics 2');

-- The default categories a new site starts with; admins can change them.
INSERT INTO "Category" ("name", "slug", "position") VALUES
  ('Movies', 'movies', 1), ('TV', 'tv', 2), ('Music', 'music', 3), ('Games', 'games', 4),
  ('Software', 'software', 5), ('Books', 'books', 6), ('Other', 'other', 7);
