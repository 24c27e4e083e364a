-- AlterTable
ALTER TABLE "TrackerJournal" DROP CONSTRAINT "TrackerJournal_pkey",
ALTER COLUMN "id" SET DATA TYPE TEXT,
ADD CONSTRAINT "TrackerJournal_pkey" PRIMARY KEY ("id");
