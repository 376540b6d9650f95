-- AlterTable
ALTER TABLE "Meeting" ADD COLUMN     "onScreenAt" TIMESTAMP(3),
ADD COLUMN     "onScreenId" TEXT,
ADD COLUMN     "onScreenKind" TEXT;

-- AlterTable
ALTER TABLE "SubgroupMembership" ADD COLUMN     "creditConsentAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "PlenaryQuestion" (
    "id" TEXT NOT NULL,
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
    "discussedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PlenaryQuestion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlenaryQuestionVote" (
    "questionId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PlenaryQuestionVote_pkey" PRIMARY KEY ("questionId","userId")
);

-- CreateTable
CREATE TABLE "MagazineEdition" (
    "id" TEXT NOT NULL,
    "communityId" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "subtitle" TEXT,
    "publicationDate" TIMESTAMP(3),
    "coverImage" BYTEA,
    "coverImageType" TEXT,
    "coverAlt" TEXT,
    "colophon" TEXT,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "publishedAt" TIMESTAMP(3),
    "snapshot" TEXT,
    "ydocState" BYTEA,
    "compactedUpTo" INTEGER NOT NULL DEFAULT 0,
    "pdf" BYTEA,
    "pdfKey" TEXT,
    "pdfRenderedAt" TIMESTAMP(3),
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MagazineEdition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MagazineSection" (
    "id" TEXT NOT NULL,
    "editionId" TEXT NOT NULL,
    "themeId" TEXT,
    "title" TEXT NOT NULL,
    "intro" TEXT,
    "position" INTEGER NOT NULL,

    CONSTRAINT "MagazineSection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MagazineArticle" (
    "id" TEXT NOT NULL,
    "sectionId" TEXT NOT NULL,
    "publicationId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "MagazineArticle_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MagazineEditionUpdate" (
    "id" SERIAL NOT NULL,
    "editionId" TEXT NOT NULL,
    "update" BYTEA NOT NULL,
    "userId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MagazineEditionUpdate_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "PlenaryQuestion" ADD CONSTRAINT "PlenaryQuestion_communityId_fkey" FOREIGN KEY ("communityId") REFERENCES "Community"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlenaryQuestion" ADD CONSTRAINT "PlenaryQuestion_themeId_fkey" FOREIGN KEY ("themeId") REFERENCES "Theme"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlenaryQuestion" ADD CONSTRAINT "PlenaryQuestion_subgroupId_fkey" FOREIGN KEY ("subgroupId") REFERENCES "Subgroup"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlenaryQuestion" ADD CONSTRAINT "PlenaryQuestion_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlenaryQuestion" ADD CONSTRAINT "PlenaryQuestion_mergedIntoId_fkey" FOREIGN KEY ("mergedIntoId") REFERENCES "PlenaryQuestion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlenaryQuestion" ADD CONSTRAINT "PlenaryQuestion_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlenaryQuestion" ADD CONSTRAINT "PlenaryQuestion_answeredById_fkey" FOREIGN KEY ("answeredById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlenaryQuestionVote" ADD CONSTRAINT "PlenaryQuestionVote_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "PlenaryQuestion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlenaryQuestionVote" ADD CONSTRAINT "PlenaryQuestionVote_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MagazineEdition" ADD CONSTRAINT "MagazineEdition_communityId_fkey" FOREIGN KEY ("communityId") REFERENCES "Community"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MagazineEdition" ADD CONSTRAINT "MagazineEdition_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MagazineSection" ADD CONSTRAINT "MagazineSection_editionId_fkey" FOREIGN KEY ("editionId") REFERENCES "MagazineEdition"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MagazineSection" ADD CONSTRAINT "MagazineSection_themeId_fkey" FOREIGN KEY ("themeId") REFERENCES "Theme"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MagazineArticle" ADD CONSTRAINT "MagazineArticle_sectionId_fkey" FOREIGN KEY ("sectionId") REFERENCES "MagazineSection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MagazineArticle" ADD CONSTRAINT "MagazineArticle_publicationId_fkey" FOREIGN KEY ("publicationId") REFERENCES "OutcomePublication"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MagazineEditionUpdate" ADD CONSTRAINT "MagazineEditionUpdate_editionId_fkey" FOREIGN KEY ("editionId") REFERENCES "MagazineEdition"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MagazineEditionUpdate" ADD CONSTRAINT "MagazineEditionUpdate_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

