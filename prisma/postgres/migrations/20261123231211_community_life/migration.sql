-- AlterTable
ALTER TABLE "User" ADD COLUMN     "calendarTokenHash" BYTEA;

-- AlterTable
ALTER TABLE "Community" ADD COLUMN     "contactEmail" TEXT,
ADD COLUMN     "registrationStatus" TEXT NOT NULL DEFAULT 'open';
-- Data: a closed community was a full one until now.
UPDATE "Community" SET "registrationStatus" = 'full' WHERE NOT "registrationOpen";
ALTER TABLE "Community" DROP COLUMN "registrationOpen";

-- AlterTable
ALTER TABLE "Theme" ADD COLUMN     "subgroupsFormedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Meeting" ADD COLUMN     "region" TEXT,
ADD COLUMN     "remindersQueuedAt" TIMESTAMP(3),
ADD COLUMN     "walkInAt" TIMESTAMP(3),
ADD COLUMN     "walkInNote" TEXT;

-- CreateTable
CREATE TABLE "OutcomeTemplate" (
    "id" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "updatedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OutcomeTemplate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EmailJob" (
    "id" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "userId" TEXT,
    "to" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "attachments" TEXT NOT NULL DEFAULT '[]',
    "sendAfter" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "claimedAt" TIMESTAMP(3),
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EmailJob_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "OutcomeTemplate_communityId_type_key" ON "OutcomeTemplate"("communityId", "type");

-- CreateIndex
CREATE UNIQUE INDEX "EmailJob_dedupeKey_key" ON "EmailJob"("dedupeKey");

-- CreateIndex
CREATE INDEX "EmailJob_status_sendAfter_idx" ON "EmailJob"("status", "sendAfter");

-- CreateIndex
CREATE UNIQUE INDEX "User_calendarTokenHash_key" ON "User"("calendarTokenHash");

-- AddForeignKey
ALTER TABLE "OutcomeTemplate" ADD CONSTRAINT "OutcomeTemplate_communityId_fkey" FOREIGN KEY ("communityId") REFERENCES "Community"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutcomeTemplate" ADD CONSTRAINT "OutcomeTemplate_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EmailJob" ADD CONSTRAINT "EmailJob_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

