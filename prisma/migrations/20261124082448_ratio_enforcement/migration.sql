-- CreateTable
CREATE TABLE "RatioTableVersion" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "effectiveFrom" DATETIME NOT NULL,
    "rows" TEXT NOT NULL,
    "createdById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RatioTableVersion_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SeedingSample" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "userId" INTEGER NOT NULL,
    "at" DATETIME NOT NULL,
    "seeding" INTEGER NOT NULL,
    CONSTRAINT "SeedingSample_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_User" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "username" TEXT NOT NULL,
    "usernameKey" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'member',
    "passkey" TEXT NOT NULL,
    "sessionVersion" INTEGER NOT NULL DEFAULT 0,
    "invitesAvailable" INTEGER NOT NULL DEFAULT 0,
    "bannedAt" DATETIME,
    "banReason" TEXT,
    "uploaded" BIGINT NOT NULL DEFAULT 0,
    "downloaded" BIGINT NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leechingDisabled" BOOLEAN NOT NULL DEFAULT false,
    "leechingDisabledReason" TEXT,
    "watchStartedAt" DATETIME,
    "watchEndsAt" DATETIME,
    "watchDownloadedAtStart" BIGINT,
    "watchRequiredAtStart" REAL,
    "requiredRatio" REAL NOT NULL DEFAULT 0,
    "ratioEvaluatedAt" DATETIME,
    "invitedById" INTEGER,
    CONSTRAINT "User_invitedById_fkey" FOREIGN KEY ("invitedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_User" ("banReason", "bannedAt", "createdAt", "downloaded", "id", "invitedById", "invitesAvailable", "passkey", "passwordHash", "role", "sessionVersion", "uploaded", "username", "usernameKey") SELECT "banReason", "bannedAt", "createdAt", "downloaded", "id", "invitedById", "invitesAvailable", "passkey", "passwordHash", "role", "sessionVersion", "uploaded", "username", "usernameKey" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_username_key" ON "User"("username");
CREATE UNIQUE INDEX "User_usernameKey_key" ON "User"("usernameKey");
CREATE UNIQUE INDEX "User_passkey_key" ON "User"("passkey");
CREATE INDEX "User_invitedById_idx" ON "User"("invitedById");
CREATE INDEX "User_watchEndsAt_idx" ON "User"("watchEndsAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "RatioTableVersion_effectiveFrom_idx" ON "RatioTableVersion"("effectiveFrom");

-- CreateIndex
CREATE INDEX "SeedingSample_userId_at_idx" ON "SeedingSample"("userId", "at");
