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

-- CreateIndex
CREATE INDEX "TorrentImage_torrentId_sha256_idx" ON "TorrentImage"("torrentId", "sha256");

-- AddForeignKey
ALTER TABLE "TorrentImage" ADD CONSTRAINT "TorrentImage_torrentId_fkey" FOREIGN KEY ("torrentId") REFERENCES "Torrent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TorrentNfo" ADD CONSTRAINT "TorrentNfo_torrentId_fkey" FOREIGN KEY ("torrentId") REFERENCES "Torrent"("id") ON DELETE CASCADE ON UPDATE CASCADE;
