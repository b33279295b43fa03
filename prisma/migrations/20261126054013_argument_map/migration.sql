-- AlterTable (hand-written: ADD COLUMN, not Prisma's rebuild of Comment and Thread, which would drop the
-- search triggers of 20261126021130_search)
ALTER TABLE "Comment" ADD COLUMN "stance" TEXT;
ALTER TABLE "Thread" ADD COLUMN "slowModeManual" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Thread" ADD COLUMN "slowModeUntil" DATETIME;
ALTER TABLE "Thread" ADD COLUMN "slowModeSince" DATETIME;

-- CreateTable
CREATE TABLE "SourceRequest" (
    "commentId" TEXT NOT NULL,
    "requesterId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("commentId", "requesterId"),
    CONSTRAINT "SourceRequest_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "Comment" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SourceRequest_requesterId_fkey" FOREIGN KEY ("requesterId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Correction" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "threadId" TEXT NOT NULL,
    "requesterId" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "claim" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "note" TEXT,
    "decisionReason" TEXT,
    "decidedById" TEXT,
    "decidedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Correction_threadId_fkey" FOREIGN KEY ("threadId") REFERENCES "Thread" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Correction_requesterId_fkey" FOREIGN KEY ("requesterId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Correction_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Appeal" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "logId" TEXT NOT NULL,
    "appellantId" TEXT NOT NULL,
    "commentId" TEXT,
    "body" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "decisionReason" TEXT,
    "decidedById" TEXT,
    "decidedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Appeal_logId_fkey" FOREIGN KEY ("logId") REFERENCES "ModerationLog" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Appeal_appellantId_fkey" FOREIGN KEY ("appellantId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Appeal_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "Comment" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Appeal_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ArticleVisit" (
    "userId" TEXT NOT NULL,
    "articleId" TEXT NOT NULL,
    "lastVisitAt" DATETIME NOT NULL,
    "previousVisitAt" DATETIME,

    PRIMARY KEY ("userId", "articleId"),
    CONSTRAINT "ArticleVisit_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ArticleVisit_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ModerationLog" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "moderatorId" TEXT,
    "articleId" TEXT,
    "action" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "targetUserId" TEXT,
    "reason" TEXT,
    "detail" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ModerationLog_moderatorId_fkey" FOREIGN KEY ("moderatorId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ModerationLog_targetUserId_fkey" FOREIGN KEY ("targetUserId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
-- articleId backfilled for the article's public log: from the thread, or from the comment's thread.
INSERT INTO "new_ModerationLog" ("action", "createdAt", "detail", "id", "moderatorId", "reason", "targetId", "targetType", "targetUserId", "articleId")
SELECT l."action", l."createdAt", l."detail", l."id", l."moderatorId", l."reason", l."targetId", l."targetType", l."targetUserId",
       COALESCE(
         (SELECT t."articleId" FROM "Thread" t WHERE l."targetType" = 'thread' AND t."id" = l."targetId"),
         (SELECT t."articleId" FROM "Comment" c JOIN "Thread" t ON t."id" = c."threadId" WHERE l."targetType" = 'comment' AND c."id" = l."targetId")
       )
FROM "ModerationLog" l;
DROP TABLE "ModerationLog";
ALTER TABLE "new_ModerationLog" RENAME TO "ModerationLog";
CREATE INDEX "ModerationLog_createdAt_idx" ON "ModerationLog"("createdAt");
CREATE INDEX "ModerationLog_articleId_createdAt_idx" ON "ModerationLog"("articleId", "createdAt");
CREATE INDEX "ModerationLog_moderatorId_createdAt_idx" ON "ModerationLog"("moderatorId", "createdAt");
CREATE INDEX "ModerationLog_action_createdAt_idx" ON "ModerationLog"("action", "createdAt");
CREATE INDEX "ModerationLog_targetUserId_createdAt_idx" ON "ModerationLog"("targetUserId", "createdAt");
-- Hand-written: the rebuilt table gets the append-only triggers of 20261125010000_moderation back.
CREATE TRIGGER "ModerationLog_no_update" BEFORE UPDATE ON "ModerationLog"
BEGIN
    SELECT RAISE(ABORT, 'ModerationLog is append-only');
END;
CREATE TRIGGER "ModerationLog_no_delete" BEFORE DELETE ON "ModerationLog"
BEGIN
    SELECT RAISE(ABORT, 'ModerationLog is append-only');
END;
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

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

