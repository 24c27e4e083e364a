-- CreateTable
CREATE TABLE "TorrentImage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "torrentId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "bytes" BLOB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TorrentImage_torrentId_fkey" FOREIGN KEY ("torrentId") REFERENCES "Torrent" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TorrentNfo" (
    "torrentId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "filename" TEXT NOT NULL,
    "bytes" BLOB NOT NULL,
    CONSTRAINT "TorrentNfo_torrentId_fkey" FOREIGN KEY ("torrentId") REFERENCES "Torrent" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "TorrentImage_torrentId_sha256_idx" ON "TorrentImage"("torrentId", "sha256");
