-- CreateTable
CREATE TABLE "User" (
    "id" SERIAL NOT NULL,
    "username" TEXT NOT NULL,
    "usernameKey" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'member',
    "passkey" TEXT NOT NULL,
    "sessionVersion" INTEGER NOT NULL DEFAULT 0,
    "invitesAvailable" INTEGER NOT NULL DEFAULT 0,
    "bannedAt" TIMESTAMP(3),
    "banReason" TEXT,
    "uploaded" BIGINT NOT NULL DEFAULT 0,
    "downloaded" BIGINT NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leechingDisabled" BOOLEAN NOT NULL DEFAULT false,
    "leechingDisabledReason" TEXT,
    "watchStartedAt" TIMESTAMP(3),
    "watchEndsAt" TIMESTAMP(3),
    "watchDownloadedAtStart" BIGINT,
    "watchRequiredAtStart" DOUBLE PRECISION,
    "requiredRatio" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "ratioEvaluatedAt" TIMESTAMP(3),
    "invitedById" INTEGER,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Invite" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "createdById" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "usedById" INTEGER,

    CONSTRAINT "Invite_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Setting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" SERIAL NOT NULL,
    "actorId" INTEGER,
    "action" TEXT NOT NULL,
    "targetUserId" INTEGER,
    "before" TEXT,
    "after" TEXT,
    "reason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Category" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Category_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Torrent" (
    "id" SERIAL NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "seeders" INTEGER NOT NULL DEFAULT 0,
    "leechers" INTEGER NOT NULL DEFAULT 0,
    "snatches" INTEGER NOT NULL DEFAULT 0,
    "balance" BIGINT NOT NULL DEFAULT 0,
    "freeleech" BOOLEAN NOT NULL DEFAULT false,
    "neutral" BOOLEAN NOT NULL DEFAULT false,
    "doubleUpload" BOOLEAN NOT NULL DEFAULT false,
    "deletedAt" TIMESTAMP(3),
    "deleteReason" TEXT,

    CONSTRAINT "Torrent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TorrentData" (
    "torrentId" INTEGER NOT NULL,
    "bytes" BYTEA NOT NULL,

    CONSTRAINT "TorrentData_pkey" PRIMARY KEY ("torrentId")
);

-- CreateTable
CREATE TABLE "TorrentFile" (
    "torrentId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "path" TEXT NOT NULL,
    "size" BIGINT NOT NULL,

    CONSTRAINT "TorrentFile_pkey" PRIMARY KEY ("torrentId","position")
);

-- CreateTable
CREATE TABLE "Tag" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "Tag_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TorrentTag" (
    "torrentId" INTEGER NOT NULL,
    "tagId" INTEGER NOT NULL,

    CONSTRAINT "TorrentTag_pkey" PRIMARY KEY ("torrentId","tagId")
);

-- CreateTable
CREATE TABLE "TorrentDownload" (
    "id" SERIAL NOT NULL,
    "userId" INTEGER NOT NULL,
    "torrentId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TorrentDownload_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Peer" (
    "torrentId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "peerId" BYTEA NOT NULL,
    "ip" TEXT NOT NULL,
    "port" INTEGER NOT NULL,
    "uploaded" BIGINT NOT NULL,
    "downloaded" BIGINT NOT NULL,
    "left" BIGINT NOT NULL,
    "seeder" BOOLEAN NOT NULL,
    "client" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "lastAnnounceAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Peer_pkey" PRIMARY KEY ("torrentId","userId","peerId")
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
    "firstAnnounceAt" TIMESTAMP(3) NOT NULL,
    "lastAnnounceAt" TIMESTAMP(3) NOT NULL,
    "completedAt" TIMESTAMP(3),
    "lastPeerId" BYTEA,
    "lastPeerUploaded" BIGINT,
    "lastPeerDownloaded" BIGINT,
    "lastPeerLeft" BIGINT,

    CONSTRAINT "UserTorrent_pkey" PRIMARY KEY ("userId","torrentId")
);

-- CreateTable
CREATE TABLE "CheatFlag" (
    "id" SERIAL NOT NULL,
    "userId" INTEGER NOT NULL,
    "torrentId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "details" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CheatFlag_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClientBlacklist" (
    "id" SERIAL NOT NULL,
    "prefix" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ClientBlacklist_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RatioTableVersion" (
    "id" SERIAL NOT NULL,
    "effectiveFrom" TIMESTAMP(3) NOT NULL,
    "rows" TEXT NOT NULL,
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RatioTableVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SeedingSample" (
    "id" SERIAL NOT NULL,
    "userId" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "seeding" INTEGER NOT NULL,

    CONSTRAINT "SeedingSample_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrackerJournal" (
    "id" INTEGER NOT NULL,
    "appliedSeq" BIGINT NOT NULL,

    CONSTRAINT "TrackerJournal_pkey" PRIMARY KEY ("id")
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
CREATE INDEX "User_watchEndsAt_idx" ON "User"("watchEndsAt");

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
CREATE INDEX "Peer_userId_seeder_torrentId_idx" ON "Peer"("userId", "seeder", "torrentId");

-- CreateIndex
CREATE INDEX "UserTorrent_torrentId_completedAt_idx" ON "UserTorrent"("torrentId", "completedAt");

-- CreateIndex
CREATE INDEX "CheatFlag_userId_lastAt_idx" ON "CheatFlag"("userId", "lastAt");

-- CreateIndex
CREATE INDEX "CheatFlag_lastAt_idx" ON "CheatFlag"("lastAt");

-- CreateIndex
CREATE UNIQUE INDEX "CheatFlag_userId_torrentId_kind_key" ON "CheatFlag"("userId", "torrentId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "ClientBlacklist_prefix_key" ON "ClientBlacklist"("prefix");

-- CreateIndex
CREATE INDEX "RatioTableVersion_effectiveFrom_idx" ON "RatioTableVersion"("effectiveFrom");

-- CreateIndex
CREATE INDEX "SeedingSample_userId_at_idx" ON "SeedingSample"("userId", "at");

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_invitedById_fkey" FOREIGN KEY ("invitedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invite" ADD CONSTRAINT "Invite_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invite" ADD CONSTRAINT "Invite_usedById_fkey" FOREIGN KEY ("usedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditLog" ADD CONSTRAINT "AuditLog_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditLog" ADD CONSTRAINT "AuditLog_targetUserId_fkey" FOREIGN KEY ("targetUserId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Torrent" ADD CONSTRAINT "Torrent_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "Category"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Torrent" ADD CONSTRAINT "Torrent_uploaderId_fkey" FOREIGN KEY ("uploaderId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TorrentData" ADD CONSTRAINT "TorrentData_torrentId_fkey" FOREIGN KEY ("torrentId") REFERENCES "Torrent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TorrentFile" ADD CONSTRAINT "TorrentFile_torrentId_fkey" FOREIGN KEY ("torrentId") REFERENCES "Torrent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TorrentTag" ADD CONSTRAINT "TorrentTag_torrentId_fkey" FOREIGN KEY ("torrentId") REFERENCES "Torrent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TorrentTag" ADD CONSTRAINT "TorrentTag_tagId_fkey" FOREIGN KEY ("tagId") REFERENCES "Tag"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TorrentDownload" ADD CONSTRAINT "TorrentDownload_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TorrentDownload" ADD CONSTRAINT "TorrentDownload_torrentId_fkey" FOREIGN KEY ("torrentId") REFERENCES "Torrent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Peer" ADD CONSTRAINT "Peer_torrentId_fkey" FOREIGN KEY ("torrentId") REFERENCES "Torrent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Peer" ADD CONSTRAINT "Peer_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserTorrent" ADD CONSTRAINT "UserTorrent_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserTorrent" ADD CONSTRAINT "UserTorrent_torrentId_fkey" FOREIGN KEY ("torrentId") REFERENCES "Torrent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheatFlag" ADD CONSTRAINT "CheatFlag_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheatFlag" ADD CONSTRAINT "CheatFlag_torrentId_fkey" FOREIGN KEY ("torrentId") REFERENCES "Torrent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RatioTableVersion" ADD CONSTRAINT "RatioTableVersion_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SeedingSample" ADD CONSTRAINT "SeedingSample_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Full-text search over titles, file names and tags (SQLite has an FTS5 table of the same name): one tsvector per
-- torrent with a GIN index. The application writes the vector (unaccent is not IMMUTABLE, so it cannot be a
-- generated column). lib/db/search/postgres.ts reads it.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE TABLE "torrent_search" (
    "torrentId" INTEGER NOT NULL PRIMARY KEY REFERENCES "Torrent" ("id") ON DELETE CASCADE,
    "document" tsvector NOT NULL
);
CREATE INDEX "torrent_search_document_idx" ON "torrent_search" USING GIN ("document");

-- The default categories a new site starts with (admins can change them).
INSERT INTO "Category" ("name", "slug", "position") VALUES
  ('Movies', 'movies', 1), ('TV', 'tv', 2), ('Music', 'music', 3), ('Games', 'games', 4),
  ('Software', 'software', 5), ('Books', 'books', 6), ('Other', 'other', 7);
