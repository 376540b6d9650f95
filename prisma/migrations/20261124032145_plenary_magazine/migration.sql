-- AlterTable
ALTER TABLE "Meeting" ADD COLUMN "onScreenAt" DATETIME;
ALTER TABLE "Meeting" ADD COLUMN "onScreenId" TEXT;
ALTER TABLE "Meeting" ADD COLUMN "onScreenKind" TEXT;

-- AlterTable
ALTER TABLE "SubgroupMembership" ADD COLUMN "creditConsentAt" DATETIME;

-- CreateTable
CREATE TABLE "PlenaryQuestion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "communityId" TEXT NOT NULL,
    "themeId" TEXT,
    "subgroupId" TEXT,
    "authorId" TEXT,
    "text" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "mergedIntoId" TEXT,
    "meetingId" TEXT,
    "agendaPosition" INTEGER,
    "answer" TEXT,
    "answeredById" TEXT,
    "discussedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "PlenaryQuestion_communityId_fkey" FOREIGN KEY ("communityId") REFERENCES "Community" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PlenaryQuestion_themeId_fkey" FOREIGN KEY ("themeId") REFERENCES "Theme" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "PlenaryQuestion_subgroupId_fkey" FOREIGN KEY ("subgroupId") REFERENCES "Subgroup" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "PlenaryQuestion_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "PlenaryQuestion_mergedIntoId_fkey" FOREIGN KEY ("mergedIntoId") REFERENCES "PlenaryQuestion" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "PlenaryQuestion_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "PlenaryQuestion_answeredById_fkey" FOREIGN KEY ("answeredById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PlenaryQuestionVote" (
    "questionId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("questionId", "userId"),
    CONSTRAINT "PlenaryQuestionVote_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "PlenaryQuestion" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PlenaryQuestionVote_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MagazineEdition" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "communityId" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "subtitle" TEXT,
    "publicationDate" DATETIME,
    "coverImage" BLOB,
    "coverImageType" TEXT,
    "coverAlt" TEXT,
    "colophon" TEXT,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "publishedAt" DATETIME,
    "snapshot" TEXT,
    "ydocState" BLOB,
    "compactedUpTo" INTEGER NOT NULL DEFAULT 0,
    "pdf" BLOB,
    "pdfKey" TEXT,
    "pdfRenderedAt" DATETIME,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "MagazineEdition_communityId_fkey" FOREIGN KEY ("communityId") REFERENCES "Community" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "MagazineEdition_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MagazineSection" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "editionId" TEXT NOT NULL,
    "themeId" TEXT,
    "title" TEXT NOT NULL,
    "intro" TEXT,
    "position" INTEGER NOT NULL,
    CONSTRAINT "MagazineSection_editionId_fkey" FOREIGN KEY ("editionId") REFERENCES "MagazineEdition" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "MagazineSection_themeId_fkey" FOREIGN KEY ("themeId") REFERENCES "Theme" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MagazineArticle" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sectionId" TEXT NOT NULL,
    "publicationId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    CONSTRAINT "MagazineArticle_sectionId_fkey" FOREIGN KEY ("sectionId") REFERENCES "MagazineSection" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "MagazineArticle_publicationId_fkey" FOREIGN KEY ("publicationId") REFERENCES "OutcomePublication" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MagazineEditionUpdate" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "editionId" TEXT NOT NULL,
    "update" BLOB NOT NULL,
    "userId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "MagazineEditionUpdate_editionId_fkey" FOREIGN KEY ("editionId") REFERENCES "MagazineEdition" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "MagazineEditionUpdate_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "PlenaryQuestion_communityId_status_idx" ON "PlenaryQuestion"("communityId", "status");

-- CreateIndex
CREATE INDEX "PlenaryQuestion_meetingId_agendaPosition_idx" ON "PlenaryQuestion"("meetingId", "agendaPosition");

-- CreateIndex
CREATE INDEX "PlenaryQuestionVote_userId_idx" ON "PlenaryQuestionVote"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "MagazineEdition_communityId_slug_key" ON "MagazineEdition"("communityId", "slug");

-- CreateIndex
CREATE INDEX "MagazineSection_editionId_position_idx" ON "MagazineSection"("editionId", "position");

-- CreateIndex
CREATE INDEX "MagazineArticle_sectionId_position_idx" ON "MagazineArticle"("sectionId", "position");

-- CreateIndex
CREATE INDEX "MagazineEditionUpdate_editionId_id_idx" ON "MagazineEditionUpdate"("editionId", "id");

