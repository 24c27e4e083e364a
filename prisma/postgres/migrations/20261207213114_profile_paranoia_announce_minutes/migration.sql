-- AlterTable
ALTER TABLE "User" ADD COLUMN     "profileShowsActivity" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "profileShowsStats" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "profileShowsUploads" BOOLEAN NOT NULL DEFAULT true;

-- CreateTable
CREATE TABLE "AnnounceMinute" (
    "minute" TIMESTAMP(3) NOT NULL,
    "announces" INTEGER NOT NULL,

    CONSTRAINT "AnnounceMinute_pkey" PRIMARY KEY ("minute")
);
