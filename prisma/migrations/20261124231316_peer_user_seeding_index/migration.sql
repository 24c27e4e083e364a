-- DropIndex
DROP INDEX "Peer_userId_idx";

-- CreateIndex
CREATE INDEX "Peer_userId_seeder_torrentId_idx" ON "Peer"("userId", "seeder", "torrentId");
