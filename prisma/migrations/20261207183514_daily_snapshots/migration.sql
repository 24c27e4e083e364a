-- CreateTable
CREATE TABLE "MemberSnapshot" (
    "userId" INTEGER NOT NULL,
    "day" TEXT NOT NULL,
    "uploaded" BIGINT NOT NULL,
    "downloaded" BIGINT NOT NULL,
    "actualUploaded" BIGINT NOT NULL,
    "actualDownloaded" BIGINT NOT NULL,
    "seeding" INTEGER NOT NULL,
    "requiredRatio" REAL NOT NULL,

    PRIMARY KEY ("userId", "day"),
    CONSTRAINT "MemberSnapshot_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SiteSnapshot" (
    "day" TEXT NOT NULL PRIMARY KEY,
    "takenAt" DATETIME NOT NULL,
    "members" INTEGER NOT NULL,
    "torrents" INTEGER NOT NULL,
    "seeders" INTEGER NOT NULL,
    "leechers" INTEGER NOT NULL,
    "uploaded" BIGINT NOT NULL,
    "downloaded" BIGINT NOT NULL
);
