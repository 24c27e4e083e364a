-- AlterTable
ALTER TABLE "UserTorrent" ADD COLUMN     "lastAnnounceDownloaded" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "lastAnnounceUploaded" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "previousAnnounceAt" TIMESTAMP(3);
