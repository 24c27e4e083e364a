-- CreateTable
CREATE TABLE "AnnounceMinute" (
    "minute" DATETIME NOT NULL PRIMARY KEY,
    "announces" INTEGER NOT NULL
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
    "rssKey" TEXT,
    "totpSecret" TEXT,
    "totpEnabledAt" DATETIME,
    "totpLastStep" INTEGER,
    "totpPendingSecret" TEXT,
    "email" TEXT,
    "emailNotifications" TEXT NOT NULL DEFAULT '',
    "profileShowsUploads" BOOLEAN NOT NULL DEFAULT true,
    "profileShowsStats" BOOLEAN NOT NULL DEFAULT true,
    "profileShowsActivity" BOOLEAN NOT NULL DEFAULT false,
    "invitedById" INTEGER,
    CONSTRAINT "User_invitedById_fkey" FOREIGN KEY ("invitedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_User" ("banReason", "bannedAt", "createdAt", "downloaded", "email", "emailNotifications", "id", "invitedById", "invitesAvailable", "leechingDisabled", "leechingDisabledReason", "passkey", "passwordHash", "ratioEvaluatedAt", "requiredRatio", "role", "rssKey", "sessionVersion", "totpEnabledAt", "totpLastStep", "totpPendingSecret", "totpSecret", "uploaded", "username", "usernameKey", "watchDownloadedAtStart", "watchEndsAt", "watchRequiredAtStart", "watchStartedAt") SELECT "banReason", "bannedAt", "createdAt", "downloaded", "email", "emailNotifications", "id", "invitedById", "invitesAvailable", "leechingDisabled", "leechingDisabledReason", "passkey", "passwordHash", "ratioEvaluatedAt", "requiredRatio", "role", "rssKey", "sessionVersion", "totpEnabledAt", "totpLastStep", "totpPendingSecret", "totpSecret", "uploaded", "username", "usernameKey", "watchDownloadedAtStart", "watchEndsAt", "watchRequiredAtStart", "watchStartedAt" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_username_key" ON "User"("username");
CREATE UNIQUE INDEX "User_usernameKey_key" ON "User"("usernameKey");
CREATE UNIQUE INDEX "User_passkey_key" ON "User"("passkey");
CREATE UNIQUE INDEX "User_rssKey_key" ON "User"("rssKey");
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
CREATE INDEX "User_invitedById_idx" ON "User"("invitedById");
CREATE INDEX "User_watchEndsAt_idx" ON "User"("watchEndsAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
