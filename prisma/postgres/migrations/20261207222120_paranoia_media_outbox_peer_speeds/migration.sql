-- AlterTable
ALTER TABLE "User" ADD COLUMN     "profileShowsActivity" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "profileShowsStats" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "profileShowsUploads" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "UserTorrent" ADD COLUMN     "lastAnnounceDownloaded" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "lastAnnounceUploaded" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "previousAnnounceAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "TorrentImage" (
    "id" SERIAL NOT NULL,
    "torrentId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "bytes" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TorrentImage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TorrentNfo" (
    "torrentId" INTEGER NOT NULL,
    "filename" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,

    CONSTRAINT "TorrentNfo_pkey" PRIMARY KEY ("torrentId")
);

-- CreateTable
CREATE TABLE "AnnounceMinute" (
    "minute" TIMESTAMP(3) NOT NULL,
    "announces" INTEGER NOT NULL,

    CONSTRAINT "AnnounceMinute_pkey" PRIMARY KEY ("minute")
);

-- CreateTable
CREATE TABLE "OutboxMail" (
    "id" SERIAL NOT NULL,
    "userId" INTEGER NOT NULL,
    "to" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL,
    "sentAt" TIMESTAMP(3),
    "lastError" TEXT,

    CONSTRAINT "OutboxMail_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TorrentImage_torrentId_sha256_idx" ON "TorrentImage"("torrentId", "sha256");

-- CreateIndex
CREATE INDEX "OutboxMail_status_nextAttemptAt_idx" ON "OutboxMail"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "OutboxMail_userId_idx" ON "OutboxMail"("userId");

-- AddForeignKey
ALTER TABLE "TorrentImage" ADD CONSTRAINT "TorrentImage_torrentId_fkey" FOREIGN KEY ("torrentId") REFERENCES "Torrent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TorrentNfo" ADD CONSTRAINT "TorrentNfo_torrentId_fkey" FOREIGN KEY ("torrentId") REFERENCES "Torrent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutboxMail" ADD CONSTRAINT "OutboxMail_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
