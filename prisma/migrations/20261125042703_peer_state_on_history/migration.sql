-- AlterTable
ALTER TABLE "UserTorrent" ADD COLUMN "lastPeerDownloaded" BIGINT;
ALTER TABLE "UserTorrent" ADD COLUMN "lastPeerId" BLOB;
ALTER TABLE "UserTorrent" ADD COLUMN "lastPeerLeft" BIGINT;
ALTER TABLE "UserTorrent" ADD COLUMN "lastPeerUploaded" BIGINT;

