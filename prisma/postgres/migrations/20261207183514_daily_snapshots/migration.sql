-- CreateTable
CREATE TABLE "MemberSnapshot" (
    "userId" INTEGER NOT NULL,
    "day" TEXT NOT NULL,
    "uploaded" BIGINT NOT NULL,
    "downloaded" BIGINT NOT NULL,
    "actualUploaded" BIGINT NOT NULL,
    "actualDownloaded" BIGINT NOT NULL,
    "seeding" INTEGER NOT NULL,
    "requiredRatio" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "MemberSnapshot_pkey" PRIMARY KEY ("userId","day")
);

-- CreateTable
CREATE TABLE "SiteSnapshot" (
    "day" TEXT NOT NULL,
    "takenAt" TIMESTAMP(3) NOT NULL,
    "members" INTEGER NOT NULL,
    "torrents" INTEGER NOT NULL,
    "seeders" INTEGER NOT NULL,
    "leechers" INTEGER NOT NULL,
    "uploaded" BIGINT NOT NULL,
    "downloaded" BIGINT NOT NULL,

    CONSTRAINT "SiteSnapshot_pkey" PRIMARY KEY ("day")
);

-- AddForeignKey
ALTER TABLE "MemberSnapshot" ADD CONSTRAINT "MemberSnapshot_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
