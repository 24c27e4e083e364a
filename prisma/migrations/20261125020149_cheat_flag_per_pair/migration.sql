-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_CheatFlag" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "userId" INTEGER NOT NULL,
    "torrentId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "details" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CheatFlag_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CheatFlag_torrentId_fkey" FOREIGN KEY ("torrentId") REFERENCES "Torrent" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
-- Until now a row per flagged announce: one row per member, torrent and kind, with their number, the first and
-- the latest time, and the latest row's details.
INSERT INTO "new_CheatFlag" ("userId", "torrentId", "kind", "details", "count", "createdAt", "lastAt")
SELECT f."userId", f."torrentId", f."kind",
    (SELECT l."details" FROM "CheatFlag" l
     WHERE l."userId" = f."userId" AND l."torrentId" = f."torrentId" AND l."kind" = f."kind"
     ORDER BY l."createdAt" DESC, l."id" DESC LIMIT 1),
    COUNT(*), MIN(f."createdAt"), MAX(f."createdAt")
FROM "CheatFlag" f
GROUP BY f."userId", f."torrentId", f."kind";
DROP TABLE "CheatFlag";
ALTER TABLE "new_CheatFlag" RENAME TO "CheatFlag";
CREATE INDEX "CheatFlag_userId_lastAt_idx" ON "CheatFlag"("userId", "lastAt");
CREATE INDEX "CheatFlag_lastAt_idx" ON "CheatFlag"("lastAt");
CREATE UNIQUE INDEX "CheatFlag_userId_torrentId_kind_key" ON "CheatFlag"("userId", "torrentId", "kind");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
