-- CreateEnum
CREATE TYPE "Stance" AS ENUM ('agrees', 'disagrees', 'context');

-- CreateEnum
CREATE TYPE "CorrectionTarget" AS ENUM ('article', 'summary');

-- CreateEnum
CREATE TYPE "CorrectionStatus" AS ENUM ('open', 'accepted', 'rejected');

-- CreateEnum
CREATE TYPE "AppealStatus" AS ENUM ('open', 'upheld', 'overturned');

-- AlterEnum
ALTER TYPE "NotificationKind" ADD VALUE 'source_request';

-- AlterTable
ALTER TABLE "Thread" ADD COLUMN     "slowModeManual" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "slowModeSince" TIMESTAMP(3),
ADD COLUMN     "slowModeUntil" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Comment" ADD COLUMN     "stance" "Stance";

-- AlterTable
ALTER TABLE "ModerationLog" ADD COLUMN     "articleId" TEXT,
ALTER COLUMN "moderatorId" DROP NOT NULL;

-- CreateTable
CREATE TABLE "SourceRequest" (
    "commentId" TEXT NOT NULL,
    "requesterId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SourceRequest_pkey" PRIMARY KEY ("commentId","requesterId")
);

-- CreateTable
CREATE TABLE "Correction" (
    "id" TEXT NOT NULL,
    "threadId" TEXT NOT NULL,
    "requesterId" TEXT NOT NULL,
    "target" "CorrectionTarget" NOT NULL,
    "claim" TEXT NOT NULL,
    "status" "CorrectionStatus" NOT NULL DEFAULT 'open',
    "note" TEXT,
    "decisionReason" TEXT,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Correction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Appeal" (
    "id" TEXT NOT NULL,
    "logId" TEXT NOT NULL,
    "appellantId" TEXT NOT NULL,
    "commentId" TEXT,
    "body" TEXT NOT NULL,
    "status" "AppealStatus" NOT NULL DEFAULT 'open',
    "decisionReason" TEXT,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Appeal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ArticleVisit" (
    "userId" TEXT NOT NULL,
    "articleId" TEXT NOT NULL,
    "lastVisitAt" TIMESTAMP(3) NOT NULL,
    "previousVisitAt" TIMESTAMP(3),

    CONSTRAINT "ArticleVisit_pkey" PRIMARY KEY ("userId","articleId")
);

-- CreateIndex
CREATE INDEX "SourceRequest_requesterId_idx" ON "SourceRequest"("requesterId");

-- CreateIndex
CREATE INDEX "Correction_status_createdAt_idx" ON "Correction"("status", "createdAt");

-- CreateIndex
CREATE INDEX "Correction_threadId_status_idx" ON "Correction"("threadId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Appeal_logId_key" ON "Appeal"("logId");

-- CreateIndex
CREATE INDEX "Appeal_status_createdAt_idx" ON "Appeal"("status", "createdAt");

-- CreateIndex
CREATE INDEX "Appeal_appellantId_createdAt_idx" ON "Appeal"("appellantId", "createdAt");

-- CreateIndex
CREATE INDEX "ArticleVisit_articleId_idx" ON "ArticleVisit"("articleId");

-- CreateIndex
CREATE INDEX "ModerationLog_articleId_createdAt_idx" ON "ModerationLog"("articleId", "createdAt");

-- AddForeignKey
ALTER TABLE "SourceRequest" ADD CONSTRAINT "SourceRequest_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "Comment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SourceRequest" ADD CONSTRAINT "SourceRequest_requesterId_fkey" FOREIGN KEY ("requesterId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Correction" ADD CONSTRAINT "Correction_threadId_fkey" FOREIGN KEY ("threadId") REFERENCES "Thread"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Correction" ADD CONSTRAINT "Correction_requesterId_fkey" FOREIGN KEY ("requesterId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Correction" ADD CONSTRAINT "Correction_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Appeal" ADD CONSTRAINT "Appeal_logId_fkey" FOREIGN KEY ("logId") REFERENCES "ModerationLog"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Appeal" ADD CONSTRAINT "Appeal_appellantId_fkey" FOREIGN KEY ("appellantId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Appeal" ADD CONSTRAINT "Appeal_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "Comment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Appeal" ADD CONSTRAINT "Appeal_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArticleVisit" ADD CONSTRAINT "ArticleVisit_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArticleVisit" ADD CONSTRAINT "ArticleVisit_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Hand-written: articleId backfilled for the article's public log (the append-only trigger is paused for it).
ALTER TABLE "ModerationLog" DISABLE TRIGGER "ModerationLog_no_update";
UPDATE "ModerationLog" l SET "articleId" = t."articleId" FROM "Thread" t WHERE l."targetType" = 'thread' AND t."id" = l."targetId";
UPDATE "ModerationLog" l SET "articleId" = t."articleId" FROM "Comment" c JOIN "Thread" t ON t."id" = c."threadId"
 WHERE l."targetType" = 'comment' AND c."id" = l."targetId";
ALTER TABLE "ModerationLog" ENABLE TRIGGER "ModerationLog_no_update";
