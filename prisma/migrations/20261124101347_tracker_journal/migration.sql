-- DropIndex
DROP INDEX "Peer_lastAnnounceAt_idx";

-- CreateTable
CREATE TABLE "TrackerJournal" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "appliedSeq" BIGINT NOT NULL
);
