-- AlterTable
ALTER TABLE "User" ADD COLUMN "calendarTokenHash" BLOB;

-- AlterTable
ALTER TABLE "Theme" ADD COLUMN "subgroupsFormedAt" DATETIME;

-- AlterTable
ALTER TABLE "Meeting" ADD COLUMN "region" TEXT;
ALTER TABLE "Meeting" ADD COLUMN "remindersQueuedAt" DATETIME;
ALTER TABLE "Meeting" ADD COLUMN "walkInAt" DATETIME;
ALTER TABLE "Meeting" ADD COLUMN "walkInNote" TEXT;

-- CreateTable
CREATE TABLE "OutcomeTemplate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "communityId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "updatedById" TEXT,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "OutcomeTemplate_communityId_fkey" FOREIGN KEY ("communityId") REFERENCES "Community" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "OutcomeTemplate_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EmailJob" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "dedupeKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "userId" TEXT,
    "to" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "attachments" TEXT NOT NULL DEFAULT '[]',
    "sendAfter" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "claimedAt" DATETIME,
    "sentAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "EmailJob_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Community" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'leergemeenschap',
    "tagline" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "audience" TEXT NOT NULL,
    "location" TEXT NOT NULL,
    "costs" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL DEFAULT 'Europe/Amsterdam',
    "registrationStatus" TEXT NOT NULL DEFAULT 'open',
    "capacity" INTEGER,
    "closedReason" TEXT,
    "contactEmail" TEXT,
    "publishedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Community" ("registrationStatus", "audience", "capacity", "closedReason", "costs", "createdAt", "description", "id", "kind", "location", "name", "publishedAt", "slug", "tagline", "timeZone", "updatedAt") SELECT CASE WHEN "registrationOpen" THEN 'open' ELSE 'full' END, "audience", "capacity", "closedReason", "costs", "createdAt", "description", "id", "kind", "location", "name", "publishedAt", "slug", "tagline", "timeZone", "updatedAt" FROM "Community";
DROP TABLE "Community";
ALTER TABLE "new_Community" RENAME TO "Community";
CREATE UNIQUE INDEX "Community_slug_key" ON "Community"("slug");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "OutcomeTemplate_communityId_type_key" ON "OutcomeTemplate"("communityId", "type");

-- CreateIndex
CREATE UNIQUE INDEX "EmailJob_dedupeKey_key" ON "EmailJob"("dedupeKey");

-- CreateIndex
CREATE INDEX "EmailJob_status_sendAfter_idx" ON "EmailJob"("status", "sendAfter");

-- CreateIndex
CREATE UNIQUE INDEX "User_calendarTokenHash_key" ON "User"("calendarTokenHash");

