-- DropIndex
DROP INDEX "Torrent_leechers_idx";

-- DropIndex
DROP INDEX "Torrent_seeders_idx";

-- DropIndex
DROP INDEX "Torrent_size_idx";

-- DropIndex
DROP INDEX "Torrent_snatches_idx";

-- DropIndex
DROP INDEX "Torrent_title_idx";

-- CreateIndex
CREATE INDEX "Torrent_seeders_id_idx" ON "Torrent"("seeders", "id");

-- CreateIndex
CREATE INDEX "Torrent_leechers_id_idx" ON "Torrent"("leechers", "id");

-- CreateIndex
CREATE INDEX "Torrent_snatches_id_idx" ON "Torrent"("snatches", "id");

-- CreateIndex
CREATE INDEX "Torrent_size_id_idx" ON "Torrent"("size", "id");

-- CreateIndex
CREATE INDEX "Torrent_title_id_idx" ON "Torrent"("title", "id");
