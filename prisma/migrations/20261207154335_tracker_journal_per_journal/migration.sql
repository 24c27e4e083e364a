-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_TrackerJournal" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "appliedSeq" BIGINT NOT NULL
);
-- The row of a tracker from before journals had ids (id 1) keeps its position as journal '1'
-- (lib/tracker-server/journal/identity.ts gives an existing journal folder that id).
INSERT INTO "new_TrackerJournal" ("appliedSeq", "id") SELECT "appliedSeq", CAST("id" AS TEXT) FROM "TrackerJournal";
DROP TABLE "TrackerJournal";
ALTER TABLE "new_TrackerJournal" RENAME TO "TrackerJournal";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
